import type {
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  Part,
  S3Client,
} from '@aws-sdk/client-s3';
import { DailiesError } from '../../../shared/contract/errors';
import { withRetry, type Retrying } from '../../time/retry-policy';
import { classifyS3Failure, isS3Failure, s3ErrorCode } from '../s3-failure';
import { loadS3Sdk } from '../s3-sdk';

export interface StepRunner {
  /** Runs one S3 call with our retry policy; failures come out as our error values. */
  <T>(
    what: string,
    call: (signal: AbortSignal | undefined) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T>;
}

/**
 * A failure the SDK must not retry by itself (see `withoutSdkRetry`). The error it carries is
 * kept as `original`, not `cause`: the SDK looks for transient errors down `cause` chains.
 */
class UnretriedFailure extends Error {
  override readonly name = 'DailiesUnretriedFailure';
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
  }
}

/**
 * The SDK retries failed requests by itself before we see them. For a call that is not
 * idempotent (CreateMultipartUpload: each one makes an upload) that would silently make a
 * second one whenever an answer is lost; with this, failures come straight to our own retry,
 * which looks for the lost one first. Installed in the deserialize step, inside the SDK's
 * retry middleware, so it sees every failure of the attempt.
 */
export function withoutSdkRetry(
  command: CreateMultipartUploadCommand,
): CreateMultipartUploadCommand {
  command.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw new UnretriedFailure(error);
      }
    },
    { step: 'deserialize', priority: 'high', name: 'dailiesWithoutSdkRetry' },
  );
  return command;
}

/**
 * Drops the `Expect: 100-continue` the SDK puts on bodies of 2 MB and more. With it, the SDK's
 * Node handler sends each such request on a fresh connection without keep-alive (a TCP, and
 * over HTTPS a TLS, handshake per part) and waits a round trip before the body. Our parts are
 * rarely refused, and a refusal then costs one part's bytes; the handshakes cost every part.
 * `expect` is never signed, so removing it in the build step keeps the signature valid.
 */
export function withoutExpectContinue<C extends UploadPartCommand | PutObjectCommand>(
  command: C,
): C {
  (command as UploadPartCommand).middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) {
        delete request.headers.Expect;
        delete request.headers.expect;
      }
      return next(args);
    },
    { step: 'build', priority: 'low', name: 'dailiesWithoutExpectContinue' },
  );
  return command;
}

export function stepRunner(retry: Retrying): StepRunner {
  return (what, call, signal) =>
    withRetry(
      async () => {
        try {
          return await call(signal);
        } catch (thrown) {
          const error = thrown instanceof UnretriedFailure ? thrown.original : thrown;
          // Not the store's answer nor a lost connection: a failure of ours, passed on whole
          // to the one unknown-error path (logged with its stack), never retried as "network".
          if (!isS3Failure(error)) throw error;
          throw classifyS3Failure(error, { doing: what });
        }
      },
      { ...retry, signal },
    );
}

/** What HeadObject says about a key; undefined when nothing is there. */
export interface ExistingObject {
  size: number;
  /** Our sha256 metadata, when the object has it. Never an ETag: a multipart ETag is no MD5. */
  sha256: string | undefined;
  contentType: string | undefined;
  metadata: Record<string, string>;
  /** For a conditional copy onto itself; never read as an MD5 of the file. */
  etag: string | undefined;
}

export async function headObject(
  client: S3Client,
  run: StepRunner,
  bucket: string,
  key: string,
  signal?: AbortSignal,
): Promise<ExistingObject | undefined> {
  const { HeadObjectCommand } = await loadS3Sdk();
  try {
    const head = await run(
      `checking ${key}`,
      (abortSignal) =>
        client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal }),
      signal,
    );
    return {
      size: head.ContentLength ?? 0,
      sha256: head.Metadata?.sha256?.toLowerCase(),
      contentType: head.ContentType,
      metadata: head.Metadata ?? {},
      etag: head.ETag,
    };
  } catch (error) {
    if (error instanceof DailiesError && error.code === 'E_NOT_FOUND') return undefined;
    throw error;
  }
}

/** Every part the store holds for an upload (ListParts is paged at 1,000). */
export async function listAllParts(
  client: S3Client,
  run: StepRunner,
  bucket: string,
  key: string,
  uploadId: string,
  signal?: AbortSignal,
): Promise<Part[]> {
  const { ListPartsCommand } = await loadS3Sdk();
  const parts: Part[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await run(
      `listing the uploaded parts of ${key}`,
      (abortSignal) =>
        client.send(
          new ListPartsCommand({
            Bucket: bucket,
            Key: key,
            UploadId: uploadId,
            PartNumberMarker: marker,
          }),
          { abortSignal },
        ),
      signal,
    );
    parts.push(...(page.Parts ?? []));
    if (!page.IsTruncated || page.NextPartNumberMarker === undefined) return parts;
    marker = page.NextPartNumberMarker;
  }
}

/** Aborts an upload; one the store no longer knows counts as aborted. */
export async function abortUpload(
  client: S3Client,
  run: StepRunner,
  bucket: string,
  key: string,
  uploadId: string,
): Promise<void> {
  const { AbortMultipartUploadCommand } = await loadS3Sdk();
  try {
    await run(`aborting the upload of ${key}`, (abortSignal) =>
      client.send(
        new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }),
        {
          abortSignal,
        },
      ),
    );
  } catch (error) {
    if (s3ErrorCode(error) !== 'NoSuchUpload') throw error;
  }
}
