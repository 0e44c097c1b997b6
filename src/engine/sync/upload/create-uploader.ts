import { defaultRetryPolicy, sleepFor } from '../retry-policy';
import { systemClock } from './clock';
import {
  abortForeignUpload,
  abortUploadsForAsset,
  cleanupStaleUploads,
  listForeignUploads,
  type AbortedUpload,
  type ForeignUpload,
} from './orphan-uploads';
import { stepRunner } from './s3-steps';
import { uploadFile } from './upload-file';
import {
  defaultUploaderOptions,
  type UploadJob,
  type UploadOutcome,
  type UploaderDeps,
} from './upload-types';

export interface Uploader {
  /** Uploads one file; at most `fileConcurrency` run at once, the others wait their turn. */
  upload(job: UploadJob): Promise<UploadOutcome>;
  abortUploadsForAsset(assetId: number): Promise<AbortedUpload[]>;
  cleanupStaleUploads(bucket: string, olderThan: Date): Promise<AbortedUpload[]>;
  listForeignUploads(bucket: string, prefix: string): Promise<ForeignUpload[]>;
  abortForeignUpload(bucket: string, key: string, uploadId: string): Promise<void>;
}

export type UploaderInput = Omit<UploaderDeps, 'clock' | 'retry'> &
  Partial<Pick<UploaderDeps, 'clock' | 'retry'>>;

/** A counting semaphore in arrival order. */
function slots(count: number) {
  let free = Math.max(1, count);
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
}

/**
 * The S3 uploader for one profile's client. Everything it needs comes in: the client (built
 * by the profile's factory), the catalog's session repository, the shared bandwidth limiter,
 * a clock and the retry policy.
 */
export function createUploader(input: UploaderInput): Uploader {
  const deps: UploaderDeps = {
    ...input,
    clock: input.clock ?? systemClock,
    retry: input.retry ?? {
      policy: defaultRetryPolicy,
      runtime: { random: Math.random, now: () => Date.now(), sleep: sleepFor },
    },
  };
  const options = { ...defaultUploaderOptions, ...input.options };
  const run = stepRunner(deps.retry);
  const fileSlot = slots(options.fileConcurrency);
  return {
    upload: (job) => fileSlot(() => uploadFile(deps, options, run, job)),
    abortUploadsForAsset: (assetId) =>
      abortUploadsForAsset(deps.client, run, deps.sessions, assetId),
    cleanupStaleUploads: (bucket, olderThan) =>
      cleanupStaleUploads(deps.client, run, deps.sessions, bucket, olderThan),
    listForeignUploads: (bucket, prefix) =>
      listForeignUploads(deps.client, run, deps.sessions, bucket, prefix),
    abortForeignUpload: (bucket, key, uploadId) =>
      abortForeignUpload(deps.client, run, bucket, key, uploadId),
  };
}
