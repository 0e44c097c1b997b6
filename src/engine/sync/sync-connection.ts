import type { S3Client } from '@aws-sdk/client-s3';
import { dailiesError, isDailiesError } from '../../shared/contract/errors';
import type { ProfileConfig } from '../../shared/contract/profiles';
import type { UploadSettings } from '../../shared/contract/upload-settings';
import type { PlatformClient } from '../platform/platform-client';
import type { Retrying } from '../time/retry-policy';
import type { S3ClientCredentials } from '../storage/s3-client-factory';
import { s3ErrorFacts } from '../storage/s3-failure';
import type { BandwidthLimiter } from '../storage/upload/bandwidth-limiter';
import { ConditionalWrites } from '../storage/upload/conditional-writes';
import { createUploader, type Uploader } from '../storage/upload/create-uploader';
import { ReadBuffers } from '../storage/upload/read-buffers';
import { SharedS3Clients } from './shared-s3-clients';
import { stepRunner, type StepRunner } from '../storage/upload/s3-steps';
import type { UploadSessionRepository } from '../catalog/repositories/upload-session-repository';
import { defaultUploaderOptions, type UploaderOptions } from '../storage/upload/upload-types';
import { resumableUnderLimit } from '../storage/upload/part-plan';
import type { Clock } from '../time/clock';
import { parseUploadWindow, waitForUploadWindow } from '../storage/upload/upload-window';
import { loadS3Sdk } from '../storage/s3-sdk';

/**
 * The uploader options a profile's upload settings give (the engine's `overrides` last):
 * its part size, and under a bandwidth limit the smallest parts (see resumableUnderLimit).
 */
export function profileUploaderOptions(
  upload: UploadSettings,
  overrides: Partial<UploaderOptions> = {},
): UploaderOptions {
  return {
    ...defaultUploaderOptions,
    ...resumableUnderLimit(upload.bandwidthLimitBytesPerSecond, upload.partSizeBytes),
    maxPartBytes: Math.max(upload.partSizeBytes, 64 * 1024 * 1024),
    ...overrides,
  };
}

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
  s3Client: (config: ProfileConfig, keys: S3ClientCredentials) => Promise<S3Client>;
  platformClient: (profileId: string, config: ProfileConfig) => PlatformClient;
  accessToken: (profileId: string) => Promise<string>;
  sessions: UploadSessionRepository;
  retry: Retrying;
  /**
   * Shared by every upload of the engine. Its rate is set from the profile each time a
   * connection is made (each job run), so it follows the profile of the job that started
   * last: with two profiles syncing at once, the most recently started job's limit applies
   * to all uploads together.
   */
  limiter?: BandwidthLimiter;
  uploaderOptions?: Partial<UploaderOptions>;
  /** What the upload window and the uploader's accounting wait on. */
  clock: Clock;
  /** An upload of the asset waits for the profile's window, which opens in `msLeft`. */
  onWindowWait?: (assetId: number, msLeft: number) => void;
  /** What a profile's store showed about conditional PUTs, kept across runs of the engine. */
  conditionalWrites?: {
    load(profileId: string, store: string): Record<string, 'honoured' | 'ignored'>;
    save(profileId: string, store: string, bucket: string, support: 'honoured' | 'ignored'): void;
  };
}

/** Builds connections from a profile's settings and secrets; missing S3 keys are E_S3_AUTH. */
export function syncConnector(deps: SyncConnectorDeps): ConnectSync {
  // What each profile's store showed about conditional PUTs, kept across jobs and (through
  // `conditionalWrites`) across runs: learning it costs a small file sent twice, once per
  // profile and store, not once per asset or per start.
  const writesByStore = new Map<string, ConditionalWrites>();
  // Small files are read into buffers kept from one job to the next (see read-buffers.ts).
  const readBuffers = new ReadBuffers();
  // The connections open at once share their profile's S3 client (see shared-s3-clients.ts).
  const clients = new SharedS3Clients(deps.s3Client);
  const writesFor = (profileId: string, config: ProfileConfig) => {
    const store = `${config.s3Endpoint ?? `aws:${config.region}`}`;
    const memoryKey = `${profileId} ${store}`;
    const known = writesByStore.get(memoryKey);
    if (known) return known;
    const remembered = deps.conditionalWrites;
    const writes = new ConditionalWrites(
      remembered
        ? {
            known: remembered.load(profileId, store),
            onLearnt: (bucket, support) => remembered.save(profileId, store, bucket, support),
          }
        : {},
    );
    writesByStore.set(memoryKey, writes);
    return writes;
  };
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
    const lent = await clients.lend(profileId, config, keys);
    const s3 = lent.client;
    const window = config.upload.timeWindow
      ? parseUploadWindow(config.upload.timeWindow)
      : undefined;
    const uploader = createUploader({
      client: s3,
      sessions: deps.sessions,
      writes: writesFor(profileId, config),
      readBuffers,
      retry: deps.retry,
      clock: deps.clock,
      ...(deps.limiter ? { limiter: deps.limiter } : {}),
      options: {
        ...profileUploaderOptions(config.upload, deps.uploaderOptions),
        ...(window ? { window } : {}),
      },
    });
    const { clock } = deps;
    return {
      profileId,
      config,
      platform: deps.platformClient(profileId, config),
      uploader: {
        ...uploader,
        // No upload starts outside the window: the job waits (it does not fail or spend
        // retries). The uploader itself also stops starting parts when the window closes.
        upload: async (job) => {
          await waitForUploadWindow(window, clock, job.signal, (msLeft) =>
            deps.onWindowWait?.(job.assetId, msLeft),
          );
          // The shared limiter takes the rate of the profile whose file starts now; a probe,
          // a reconcile or a cleanup connection never changes it.
          deps.limiter?.setRate(config.upload.bandwidthLimitBytesPerSecond ?? 0);
          return uploader.upload(job);
        },
      },
      s3,
      run: stepRunner(deps.retry),
      requireSignIn: async () => {
        await deps.accessToken(profileId);
      },
      close: () => lent.release(),
    };
  };
}

/**
 * Whether the profile's platform and bucket both answer: GET /v1/health and a HeadBucket.
 * Any HTTP answer below 500 counts (a 403 on HeadBucket still proves the bucket is there);
 * a refused, reset or timed-out connection does not. One try each, no retries.
 */
export async function probeConnection(connect: ConnectSync, profileId: string): Promise<boolean> {
  const { HeadBucketCommand } = await loadS3Sdk();
  let connection: SyncConnection;
  try {
    connection = await connect(profileId);
  } catch {
    return true; // no keys, no profile: nothing network-wide; the job says what is wrong
  }
  const signal = AbortSignal.timeout(15_000);
  try {
    const platform = connection.platform.health({ signal }).then(
      () => true,
      (error: unknown) => !(isDailiesError(error) && error.code === 'E_NETWORK'),
    );
    const bucket = connection.s3
      .send(new HeadBucketCommand({ Bucket: connection.config.bucket }), { abortSignal: signal })
      .then(
        () => true,
        (error: unknown) => {
          const { status } = s3ErrorFacts(error);
          return status !== undefined && status < 500;
        },
      );
    const [platformUp, bucketUp] = await Promise.all([platform, bucket]);
    return platformUp && bucketUp;
  } finally {
    connection.close();
  }
}
