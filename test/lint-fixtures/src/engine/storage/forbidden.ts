// The uploader knows nothing of the platform client, nor of the pipeline that uses both.
import { createPlatformClient } from '../platform/platform-client'; // reported
import { syncAsset } from '../sync/sync-asset'; // reported
import { UploadSessionRepository } from '../catalog/repositories/upload-session-repository';
export { createPlatformClient, syncAsset, UploadSessionRepository };
