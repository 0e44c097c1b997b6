import type { AnalysisRepository } from '../catalog/repositories/analysis-repository';
import type { AssetRepository } from '../catalog/repositories/asset-repository';
import type { LocationRepository } from '../catalog/repositories/location-repository';
import type { SyncStateRepository } from '../catalog/repositories/sync-state-repository';
import type { Transact } from '../catalog/transact';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { Retrying } from '../time/retry-policy';
import type { AnalysisRuns } from './analysis-runs';
import type { DeliveryGateDeps } from './delivery-gate';
import type { UploadProgressWriter } from './upload-progress-registry';
import type { ConnectSync } from './sync-connection';
import type { Clock } from '../time/clock';

/** What the `sync` job (sync-asset.ts) and its pipeline steps work with. */
export interface SyncAssetDeps {
  assets: AssetRepository;
  locations: LocationRepository;
  analysis: AnalysisRepository;
  states: SyncStateRepository;
  transact: Transact;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  connect: ConnectSync;
  retry: Retrying;
  /** The file changed under us: hash it again (which queues a new analysis). */
  onFileChanged: (file: string) => void;
  /** Live upload progress per asset, for sync.status. */
  live: UploadProgressWriter;
  /** The profile's delivery rules, checked again as each job starts. */
  delivery: DeliveryGateDeps;
  /** A send that started at the analysis's early verdict waits on it before the thumbnail. */
  analysisRuns: Pick<AnalysisRuns, 'settled'>;
}
