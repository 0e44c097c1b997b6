import { defaultRetryPolicy } from '../../time/retry-policy';
import {
  abortForeignUpload,
  abortUploadsForAsset,
  cleanupStaleUploads,
  listForeignUploads,
  type AbortedUpload,
  type ForeignUpload,
} from './orphan-uploads';
import { ConditionalWrites } from './conditional-writes';
import { ReadBuffers } from './read-buffers';
import { refreshObjectMetadata, type MetadataTarget } from './metadata-refresh';
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
  /**
   * After an edit of an uploaded asset: rewrites the object's metadata (copy onto itself,
   * the body is not sent again). See metadata-refresh.ts.
   */
  refreshMetadata(target: MetadataTarget): Promise<'refreshed' | 'unchanged'>;
  abortUploadsForAsset(assetId: number): Promise<AbortedUpload[]>;
  cleanupStaleUploads(bucket: string, olderThan: Date): Promise<AbortedUpload[]>;
  listForeignUploads(bucket: string, prefix: string): Promise<ForeignUpload[]>;
  abortForeignUpload(bucket: string, key: string, uploadId: string): Promise<void>;
}

export type UploaderInput = Omit<UploaderDeps, 'retry'> & Partial<Pick<UploaderDeps, 'retry'>>;

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
    retry: input.retry ?? { policy: defaultRetryPolicy, clock: input.clock },
  };
  const options = { ...defaultUploaderOptions, ...input.options };
  const run = stepRunner(deps.retry);
  const fileSlot = slots(options.fileConcurrency);
  const context = {
    deps,
    options,
    run,
    writes: deps.writes ?? new ConditionalWrites(),
    readBuffers: deps.readBuffers ?? new ReadBuffers(),
  };
  return {
    upload: (job) => fileSlot(() => uploadFile(context, job)),
    refreshMetadata: (target) => refreshObjectMetadata(deps, run, target),
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
