import type { ToolLauncher } from '../media/tool-launcher';
import os from 'node:os';
import { analyseAssetRunner } from '../analysis/analyse-asset';
import { AnalysisService } from '../analysis/analysis-service';
import { DeliveryRulesService } from '../analysis/delivery-rules-service';
import { RunningAnalyses } from '../analysis/running-analyses';
import type { CatalogDb } from '../catalog/open-catalog';
import { DeliveryRuleRepository } from '../catalog/repositories/delivery-rule-repository';
import type { Transact } from '../catalog/transact';
import type { BulkRuns } from '../events/bulk-runs';
import type { EventBus } from '../events/event-bus';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../logging/logger';
import type { MediaTools } from '../media/media-tools';
import { decodeThreadsFor } from '../media/stills-plan';
import { ToolSlots } from '../media/tool-slots';
import type { SettingsService } from '../settings/settings-service';
import type { CatalogDomain } from './catalog-domain';
import type { HandlersOf } from './domain-handlers';
import type { Clock } from '../time/clock';

export interface AnalysisDomainDeps {
  dataDir: string;
  db: CatalogDb;
  transact: Transact;
  events: EventBus;
  bulkRuns: BulkRuns;
  logger: Logger;
  clock: Clock;
  catalog: Pick<CatalogDomain, 'repositories' | 'reingest'>;
  settings: SettingsService;
  tools: MediaTools;
  /** The queue the analyse job registers with. */
  queue: Pick<JobQueue, 'register' | 'enqueue' | 'enqueueMany' | 'activeForAsset'>;
  maxAttempts: number;
  onToolSpawn?: ((pid: number) => void) | undefined;
  /** How this engine starts its tools (its own spawner). */
  launcher: ToolLauncher;
  /** The rule set reference of the active profile (null: none, or no profile). */
  activeRuleSetRef: () => string | null;
  /** The names of the profiles whose rule set reference resolves to the given set. */
  ruleSetUsers: (set: { id: number; name: string }) => string[];
}

/** The analyse job (registered with the queue), the analysis service and delivery rules. */
export function composeAnalysis(deps: AnalysisDomainDeps) {
  const { assets, locations, analysis: results } = deps.catalog.repositories;
  const running = new RunningAnalyses();
  /** Files analysed at once: as many run their tools side by side (one per core by default). */
  const atOnce = () => deps.settings.get().analysisConcurrency ?? os.availableParallelism();
  const slots = new ToolSlots(atOnce);
  const deliveryRules = new DeliveryRulesService({
    repository: new DeliveryRuleRepository(deps.db),
    transact: deps.transact,
    clock: deps.clock,
    onChanged: () => analysis.recheckDelivery(),
    usedBy: deps.ruleSetUsers,
  });
  /** The library judges against the active profile's set; one it cannot find, the default. */
  const libraryRules = () => {
    const resolved = deliveryRules.resolve(deps.activeRuleSetRef());
    return resolved.kind === 'rules' ? resolved.rules : deliveryRules.defaultRules();
  };
  const analysis = new AnalysisService({
    assets,
    results,
    queue: deps.queue,
    running,
    rules: libraryRules,
    transact: deps.transact,
    bulkRuns: deps.bulkRuns,
    logger: deps.logger.child('analysis'),
  });
  deps.queue.register('analyse', {
    runner: analyseAssetRunner({
      dataDir: deps.dataDir,
      assets,
      locations,
      results,
      transact: deps.transact,
      events: deps.events,
      clock: deps.clock,
      tools: deps.tools,
      stills: () => ({
        thumbnailWidth: deps.settings.get().thumbnailWidth,
        filmstripFrames: deps.settings.get().filmstripFrames,
      }),
      slots,
      // Analyses running side by side share the cores rather than each threading over all.
      decodeThreads: () =>
        decodeThreadsFor(Math.min(running.count, slots.size), os.availableParallelism()),
      deliveryRules: libraryRules,
      maxAttempts: deps.maxAttempts,
      running,
      onFileChanged: (file) => deps.catalog.reingest(file),
      ...(deps.onToolSpawn ? { onSpawn: deps.onToolSpawn } : {}),
      launcher: deps.launcher,
      sendingStatus: (assetId) => {
        const send = deps.queue.activeForAsset('sync', assetId)[0];
        if (!send) return null;
        return send.state === 'running' ? 'uploading' : 'queued';
      },
    }),
    // One job more than slots: while the tools run, the next file is already looked up and
    // checked and waits with its probe ready, so a core never idles through a job's own steps
    // (about 5 ms between two small files on 2 busy cores; see tool-slots.ts).
    concurrency: () => atOnce() + 1,
  });
  const handlers: HandlersOf<'analysis.' | 'deliveryRules.'> = {
    'analysis.start': ({ assetIds, force }) => analysis.start(assetIds, force),
    'analysis.get': async ({ assetId }) => analysis.get(assetId),
    'deliveryRules.list': async () => deliveryRules.list(),
    'deliveryRules.save': async (input) => deliveryRules.save(input),
    'deliveryRules.remove': async ({ id }) => ({ removed: deliveryRules.remove(id) }),
  };
  return { deliveryRules, service: analysis, handlers, running };
}
