// Sync builds on the platform client, the uploader, the queue, the catalog and time.
import { createPlatformClient } from '../platform/platform-client';
import { createUploader } from '../storage/upload/create-uploader';
import { JobQueue } from '../jobs/job-queue';
import { openCatalog } from '../catalog/open-catalog';
import { sleepFor } from '../time/retry-policy';
import { syncSteps } from './sync-steps';
export { createPlatformClient, createUploader, JobQueue, openCatalog, sleepFor, syncSteps };
