import os from 'node:os';
import { AssetService } from '../catalog/asset-service';
import { MetadataService } from '../catalog/metadata-service';
import type { CatalogDb } from '../catalog/open-catalog';
import { AnalysisRepository } from '../catalog/repositories/analysis-repository';
import { AssetRepository } from '../catalog/repositories/asset-repository';
import { AssetSearchRepository } from '../catalog/repositories/asset-search-repository';
import { EditHistoryRepository } from '../catalog/repositories/edit-history-repository';
import { LocationRepository } from '../catalog/repositories/location-repository';
import { WatchFolderRepository } from '../catalog/repositories/watch-folder-repository';
import type { Transact } from '../catalog/transact';
import type { BulkRuns } from '../events/bulk-runs';
import type { EventBus } from '../events/event-bus';
import { IngestRecorder } from '../ingest/ingest-recorder';
import { inputPath } from '../ingest/input-path';
import { IngestService } from '../ingest/ingest-service';
import { videoExtensionSet } from '../ingest/video-extensions';
import { WatchFolderService } from '../ingest/watch-folder-service';
import type { Logger } from '../logging/logger';
import type { HandlersOf } from './domain-handlers';
import type { Clock } from '../time/clock';

export interface CatalogDomainDeps {
  db: CatalogDb;
  transact: Transact;
  events: EventBus;
  /** The running whole-batch calls (bulk.cancel stops one). */
  bulkRuns: BulkRuns;
  logger: Logger;
  clock: Clock;
  /** Who edits, for the history ("ana (electron)"). */
  actor: string;
  extraVideoExtensions: () => readonly string[];
  watchSettleMs?: number | undefined;
  /** New or changed content was recorded (the analysis queues it; the add waits for that). */
  onRecorded: (assetIds: readonly number[]) => Promise<unknown>;
  /** Assets went to the trash (their syncs stop). */
  onRemoved: (assetIds: readonly number[]) => void;
}

/** Assets, their metadata and history, ingest and watch folders. */
export function composeCatalog(deps: CatalogDomainDeps) {
  const { db, transact, events, bulkRuns, clock, logger } = deps;
  const repositories = {
    assets: new AssetRepository(db),
    locations: new LocationRepository(db),
    history: new EditHistoryRepository(db),
    analysis: new AnalysisRepository(db),
  };
  const videoExtensions = () => videoExtensionSet(deps.extraVideoExtensions());
  const assetService = new AssetService({
    assets: repositories.assets,
    locations: repositories.locations,
    search: new AssetSearchRepository(db),
    analysis: repositories.analysis,
    transact,
    events,
    bulkRuns,
    clock,
    onRemoved: deps.onRemoved,
  });
  const metadata = new MetadataService({
    assets: repositories.assets,
    locations: repositories.locations,
    analysis: repositories.analysis,
    history: repositories.history,
    transact,
    events,
    bulkRuns,
    clock,
    actor: deps.actor,
  });
  const ingest = new IngestService({
    recorder: new IngestRecorder({
      assets: repositories.assets,
      locations: repositories.locations,
      history: repositories.history,
      transact,
      actor: deps.actor,
    }),
    events,
    logger: logger.child('ingest'),
    clock,
    videoExtensions,
    onRecorded: deps.onRecorded,
  });
  const watchFolders = new WatchFolderService({
    repository: new WatchFolderRepository(db),
    ingest,
    logger: logger.child('watch'),
    clock,
    videoExtensions,
    ...(deps.watchSettleMs === undefined ? {} : { settleMs: deps.watchSettleMs }),
  });
  /** A file that changed under a job is hashed again (which queues its analysis). */
  const reingest = (file: string) => {
    ingest.addPaths([file], { restoreTrashed: false }).catch((error: unknown) => {
      logger.warn('re-ingest of a changed file failed', { file, error: String(error) });
    });
  };
  const handlers: HandlersOf<'assets.' | 'trash.' | 'watchFolders.'> = {
    // Every path is checked before any is read: a typo refuses the call, not half a batch.
    'assets.addPaths': async ({ paths }) =>
      ingest.addPaths(paths.map((text) => inputPath(text, os.homedir()))),
    'assets.cancelAdd': async ({ batchId }) => ({ cancelled: ingest.cancel(batchId) }),
    'assets.search': async (input) => assetService.search(input),
    'assets.get': async ({ id }) => assetService.get(id),
    'assets.update': async ({ id, patch, expectedRevision }) =>
      metadata.update(id, patch, expectedRevision),
    'assets.bulkUpdate': ({ ids, patch }) => metadata.bulkUpdate(ids, patch),
    'assets.history': async ({ id, limit }) => metadata.history(id, limit),
    'assets.undo': async ({ id }) => metadata.undo(id),
    'assets.remove': async ({ ids }) => ({ removed: await assetService.remove(ids) }),
    'assets.restore': async ({ ids }) => ({ restored: assetService.restore(ids) }),
    'assets.trash': async (input) => assetService.trash(input),
    'trash.empty': async () => ({ deleted: await assetService.emptyTrash() }),
    'watchFolders.list': async () => watchFolders.list(),
    'watchFolders.add': async ({ path: folder }) =>
      watchFolders.add(inputPath(folder, os.homedir())),
    'watchFolders.remove': async ({ id }) => ({ removed: watchFolders.remove(id) }),
  };
  return { repositories, assetService, metadata, ingest, watchFolders, reingest, handlers };
}

export type CatalogDomain = ReturnType<typeof composeCatalog>;
