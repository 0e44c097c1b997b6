import type * as S3SdkExports from './s3-sdk-exports';

/** The S3 client class and the commands Dailies sends, once loaded. */
export type S3Sdk = typeof S3SdkExports;

let loading: Promise<S3Sdk> | undefined;

/**
 * The AWS SDK, imported on first use: it is most of the engine's code, and a command that
 * never talks to a bucket (`dailies info`, `ls`, the window opening) should not pay for
 * loading it. Every place that sends an S3 command awaits this first; the import runs once.
 */
export function loadS3Sdk(): Promise<S3Sdk> {
  loading ??= import('./s3-sdk-exports');
  return loading;
}
