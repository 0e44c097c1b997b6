// The lowest part: time reaches neither up nor sideways.
import { dailiesError } from '../../shared/contract';
import { SyncService } from '../sync/sync-service'; // reported
import { createLogger } from '../logging/logger'; // reported
import type { Clock } from './clock';
export { dailiesError, SyncService, createLogger, type Clock };
