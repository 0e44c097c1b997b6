import type { S3Client } from '@aws-sdk/client-s3';
import type { Retrying } from '../../time/retry-policy';
import type { BandwidthLimiter } from './bandwidth-limiter';
import type { Clock } from '../../time/clock';
import type { PartBodyMode } from './part-body';
import type { UploadSessionRepository } from '../../catalog/repositories/upload-session-repository';
import type { UploadProgress } from './upload-progress';
import type { ConditionalWrites } from './conditional-writes';
import type { ReadBuffers } from './read-buffers';
import type { UploadWindow } from './upload-window';
import type { StepRunner } from './s3-steps';

/** Server-side encryption, only when the profile asks for it. */
export type ServerSideEncryption =
  { kind: 'none' } | { kind: 'sse-s3' } | { kind: 'sse-kms'; keyId: string };

/** One file to put at one key. */
export interface UploadJob {
  assetId: number;
  filePath: string;
  bucket: string;
  key: string;
  /** Hex sha256 of the whole file, as the catalog knows it: goes into the object's metadata. */
  sha256: string;
  /** Size and mtime the catalog saw when it hashed the file; any change is E_FILE_CHANGED. */
  expected: { sizeBytes: number; mtimeMs: number };
  /** `x-amz-meta-*` without the prefix, already US-ASCII (objectMetadata() makes it). */
  metadata: Record<string, string>;
  /** Default: from the key's extension (contentTypeForKey). */
  contentType?: string;
  encryption?: ServerSideEncryption;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  /** Told after each part is recorded in the catalog (for logs, events and crash tests). */
  onPartRecorded?: (partNumber: number, partsTotal: number) => void;
}

export type UploadOutcome =
  | {
      kind: 'uploaded';
      method: 'put' | 'multipart';
      /** Parts sent by this call (retries of one part count once). */
      partsSent: number;
      /** Parts a previous run had finished, trusted after ListParts agreed. */
      partsResumed: number;
      size: number;
    }
  /** The key already holds this very file (same size and sha256): nothing was sent. */
  | { kind: 'already-there'; size: number };

export interface UploaderOptions {
  /** Files below this go in one PutObject; default 16 MiB. */
  multipartThresholdBytes: number;
  minPartBytes: number;
  maxPartBytes: number;
  /** Parts in flight per file; default 4. */
  partConcurrency: number;
  /**
   * Files uploading at once; default 10 (as `aws s3 cp`). Small files are bound by round
   * trips, not bytes, so they need many at once; a small file in flight holds at most 4 MiB,
   * a large one ~1 MiB per part in flight ('reread').
   */
  fileConcurrency: number;
  partBody: PartBodyMode;
  /** Uploads start parts only inside this local-time window ("20:00-07:00"). */
  window?: UploadWindow;
}

export const defaultUploaderOptions: UploaderOptions = {
  multipartThresholdBytes: 16 * 1024 * 1024,
  minPartBytes: 8 * 1024 * 1024,
  maxPartBytes: 64 * 1024 * 1024,
  partConcurrency: 4,
  fileConcurrency: 10,
  partBody: 'reread',
};

export interface UploaderDeps {
  /** Built by the profile's S3 client factory; the uploader never builds one. */
  client: S3Client;
  sessions: UploadSessionRepository;
  clock: Clock;
  retry: Retrying;
  /** Shared by every upload of the app. */
  limiter?: BandwidthLimiter;
  /**
   * What the store showed about conditional PUTs, per bucket. Pass one per store that
   * outlives the uploader (an uploader is built per job), or each job probes again.
   */
  writes?: ConditionalWrites;
  /**
   * Where small files are read; pass one that outlives the uploader (sync builds one per
   * job), or each uploader starts with none kept.
   */
  readBuffers?: ReadBuffers;
  options?: Partial<UploaderOptions>;
}

/** Everything one file's upload needs besides the job (one per uploader, shared by its files). */
export interface FileUploadContext {
  deps: UploaderDeps;
  options: UploaderOptions;
  run: StepRunner;
  writes: ConditionalWrites;
  readBuffers: ReadBuffers;
}
