import { analyseAssetRunner } from '../analysis/analyse-asset';
import { AnalysisService } from '../analysis/analysis-service';
import { DeliveryRulesService } from '../analysis/delivery-rules-service';
import type { CatalogDb } from '../catalog/open-catalog';
import { DeliveryRuleRepository } from '../catalog/repositories/delivery-rule-repository';
import type { Transact } from '../catalog/transact';
import type { EventBus } from '../events/event-bus';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../logging/logger';
import type { MediaTools } from '../media/media-tools';
import type { SettingsService } from '../settings/settings-service';
import type { CatalogDomain } from './catalog-domain';
import type { HandlersOf } from './domain-handlers';

export interface AnalysisDomainDeps {
  dataDir: string;
  db: CatalogDb;
  transact: Transact;
  events: EventBus;
  logger: Logger;
  now: () => Date;
  catalog: Pick<CatalogDomain, 'repositories' | 'reingest'>;
  settings: SettingsService;
  tools: MediaTools;
  maxAttempts: number;
  onToolSpawn?: ((pid: number) => void) | undefined;
}

/**
 * The analyse job and delivery rules. Two phases, because the queue needs the runner and the
 * analysis service needs the queue: the runner first, the service once the queue exists.
 */
export function composeAnalysis(deps: AnalysisDomainDeps) {
  const { assets, locations, analysis: results } = deps.catalog.repositories;
  let service: AnalysisService | null = null;
  const deliveryRules = new DeliveryRulesService({
    repository: new DeliveryRuleRepository(deps.db),
    transact: deps.transact,
    now: deps.now,
    onDefaultChanged: () => service?.recheckDelivery(),
  });
  const inFlight = new Map<number, string>();
  const runner = analyseAssetRunner({
    dataDir: deps.dataDir,
    assets,
    locations,
    results,
    transact: deps.transact,
    events: deps.events,
    now: deps.now,
    tools: deps.tools,
    stills: () => ({
      thumbnailWidth: deps.settings.get().thumbnailWidth,
      filmstripFrames: deps.settings.get().filmstripFrames,
    }),
    deliveryRules: () => deliveryRules.defaultRules(),
    maxAttempts: deps.maxAttempts,
    inFlight,
    onFileChanged: (file) => deps.catalog.reingest(file),
    ...(deps.onToolSpawn ? { onSpawn: deps.onToolSpawn } : {}),
  });

  const withQueue = (queue: JobQueue) => {
    const analysis = new AnalysisService({
      assets,
      results,
      queue,
      inFlight,
      rules: deliveryRules,
      transact: deps.transact,
      logger: deps.logger.child('analysis'),
    });
    service = analysis;
    const handlers: HandlersOf<'analysis.' | 'deliveryRules.'> = {
      'analysis.start': async ({ assetIds, force }) => analysis.start(assetIds, force),
      'analysis.get': async ({ assetId }) => analysis.get(assetId),
      'deliveryRules.list': async () => deliveryRules.list(),
      'deliveryRules.save': async (input) => deliveryRules.save(input),
      'deliveryRules.remove': async ({ id }) => ({ removed: deliveryRules.remove(id) }),
    };
    return { service: analysis, handlers };
  };
  return { deliveryRules, runner, withQueue };
}
