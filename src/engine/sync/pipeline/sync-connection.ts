import type { S3Client } from '@aws-sdk/client-s3';
import { dailiesError } from '../../../shared/contract/errors';
import type { ProfileConfig } from '../../../shared/contract/profiles';
import type { PlatformClient } from '../platform/platform-client';
import type { RetryPolicy, RetryRuntime } from '../retry-policy';
import type { S3ClientCredentials } from '../s3-client-factory';
import type { BandwidthLimiter } from '../upload/bandwidth-limiter';
import { createUploader, type Uploader } from '../upload/create-uploader';
import { stepRunner, type StepRunner } from '../upload/s3-steps';
import type { UploadSessionRepository } from '../upload/upload-session-repository';
import type { UploaderOptions } from '../upload/upload-types';

/** Everything one profile's sync talks to, built for one job run and closed after it. */
export interface SyncConnection {
  profileId: string;
  config: ProfileConfig;
  platform: PlatformClient;
  uploader: Uploader;
  s3: S3Client;
  /** One S3 call with the sync retry policy (HEADs for reconcile). */
  run: StepRunner;
  /** Rejects with E_PLATFORM_AUTH when the editor is not signed in (or the sign-in expired). */
  requireSignIn(): Promise<void>;
  close(): void;
}

export type ConnectSync = (profileId: string) => Promise<SyncConnection>;

export interface SyncConnectorDeps {
  profile: (profileId: string) => { id: string; config: ProfileConfig };
  s3Keys: (profileId: string) => Promise<S3ClientCredentials | null>;
  s3Client: (config: ProfileConfig, keys: S3ClientCredentials) => S3Client;
  platformClient: (profileId: string, config: ProfileConfig) => PlatformClient;
  accessToken: (profileId: string) => Promise<string>;
  sessions: UploadSessionRepository;
  retry: { policy: RetryPolicy; runtime: RetryRuntime };
  /** Shared by every upload of the engine; its rate follows the profile being synced. */
  limiter?: BandwidthLimiter;
  uploaderOptions?: Partial<UploaderOptions>;
}

/** Builds connections from a profile's settings and secrets; missing S3 keys are E_S3_AUTH. */
export function syncConnector(deps: SyncConnectorDeps): ConnectSync {
  return async (profileId) => {
    const { config } = deps.profile(profileId);
    const keys = await deps.s3Keys(profileId);
    if (keys === null) {
      throw dailiesError(
        'E_S3_AUTH',
        `The profile "${config.name}" has no S3 keys. Enter the access key id and secret access key.`,
        { details: { profileId } },
      );
    }
    const s3 = deps.s3Client(config, keys);
    deps.limiter?.setRate(config.upload.bandwidthLimitBytesPerSecond ?? 0);
    const uploader = createUploader({
      client: s3,
      sessions: deps.sessions,
      retry: deps.retry,
      ...(deps.limiter ? { limiter: deps.limiter } : {}),
      options: {
        minPartBytes: config.upload.partSizeBytes,
        maxPartBytes: Math.max(config.upload.partSizeBytes, 64 * 1024 * 1024),
        ...deps.uploaderOptions,
      },
    });
    return {
      profileId,
      config,
      platform: deps.platformClient(profileId, config),
      uploader,
      s3,
      run: stepRunner(deps.retry),
      requireSignIn: async () => {
        await deps.accessToken(profileId);
      },
      close: () => s3.destroy(),
    };
  };
}
