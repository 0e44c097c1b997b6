import { DailiesError, dailiesError } from '../../shared/contract/errors';
import type { Logger } from '../logging/logger';
import { INTERNAL_MESSAGE, unexpectedFailure } from '../rpc/to-error-value';
import {
  CONNECTION_REASONS,
  field,
  isS3Failure,
  RETRYABLE_S3_CODES,
  s3ErrorFacts,
  text,
  type S3ErrorFacts,
} from './s3-error-facts';

export { isS3Failure, s3ErrorCode, s3ErrorFacts, type S3ErrorFacts } from './s3-error-facts';

/**
 * The one S3 error classification: every SDK failure (the uploader's steps, the connection
 * test) becomes a DailiesError here, with one set of detail keys and one wording, so an editor
 * reads the same reason for the same refusal wherever it happens.
 */

/** Where and while doing what the failure happened; it words the editor's message. */
export interface S3FailureContext {
  /**
   * What Dailies was doing, to follow "While": "uploading part 3 of videos/7.mp4",
   * "testing the connection".
   */
  doing: string;
  /** The store, for the editor: "127.0.0.1:9000", "AWS S3 in eu-west-1". Default "the storage". */
  where?: string;
  /** The SDK command, when the caller knows it: "HeadBucket", "PutObject". */
  operation?: string;
  bucket?: string;
  key?: string;
  /** Logs a failure that is no S3 answer (a bug of ours) with its stack. */
  logger?: Logger;
}

/** A code worth showing beside the status, not one the SDK made up from it. */
function statusLabel(facts: S3ErrorFacts): string {
  const generic =
    /^\d+$/.test(facts.code) || ['Unknown', 'UnknownError', 'Error'].includes(facts.code);
  if (facts.status === undefined) return facts.code;
  return generic || ['Forbidden', 'NotFound'].includes(facts.code)
    ? String(facts.status)
    : `${facts.status} ${facts.code}`;
}

/**
 * An SDK failure as a DailiesError, worded for the editor with `context.doing`:
 * - refused keys, tokens or permissions (401/403, InvalidAccessKeyId, SignatureDoesNotMatch,
 *   AccessDenied, expired tokens) -> E_S3_AUTH, never retried; a skewed clock -> E_S3_AUTH,
 *   retryable (the SDK corrects its clock from the answer);
 * - a missing bucket, object or upload (404, NoSuchBucket, NoSuchKey, NoSuchUpload) ->
 *   E_NOT_FOUND; a failed precondition (412) -> E_CONFLICT; a wrong region or any other
 *   400 -> E_VALIDATION;
 * - throttling, timeouts, 5xx, 429, BadDigest and connection failures -> retryable E_NETWORK;
 * - the file failing under the body -> E_FILE_MISSING / E_PERMISSION; an abort -> E_CANCELLED;
 * - another answer -> E_INTERNAL naming it; anything that is no S3 failure -> the plain
 *   E_INTERNAL of every unknown error (logged with its stack when a logger is given).
 * Details always carry `doing` and `s3Code`, and when known `status`, `operation`, `bucket`,
 * `key`, `retryAfter` (honoured by `withRetry`) and `s3Message` (the store's words).
 */
export function classifyS3Failure(error: unknown, context: S3FailureContext): DailiesError {
  if (error instanceof DailiesError) return error;
  if (!isS3Failure(error)) {
    // Callers without a logger pass only failures for which isS3Failure() holds.
    return context.logger
      ? unexpectedFailure(error, context.logger, `S3 while ${context.doing}`)
      : dailiesError('E_INTERNAL', INTERNAL_MESSAGE);
  }
  const facts = s3ErrorFacts(error);
  const { code, status } = facts;
  const bucket = context.bucket ?? facts.bucket;
  const details: Record<string, unknown> = {
    doing: context.doing,
    s3Code: code,
    ...(status === undefined ? {} : { status }),
    ...(context.operation === undefined ? {} : { operation: context.operation }),
    ...(bucket === undefined ? {} : { bucket }),
    ...(context.key === undefined ? {} : { key: context.key }),
    ...(facts.retryAfter === undefined ? {} : { retryAfter: facts.retryAfter }),
    ...(facts.message === undefined ? {} : { s3Message: facts.message }),
  };
  const store = context.where ?? 'the storage';
  const bucketName = bucket === undefined ? 'the bucket' : `the bucket "${bucket}"`;
  const say = (
    errorCode: Parameters<typeof dailiesError>[0],
    sentence: string,
    retryable = false,
    extra: Record<string, unknown> = {},
  ) =>
    dailiesError(errorCode, `While ${context.doing}, ${sentence}`, {
      retryable,
      details: { ...details, ...extra },
    });

  switch (code) {
    case 'AbortError':
      return dailiesError('E_CANCELLED', `Stopped while ${context.doing}.`, { details });
    case 'ENOENT':
      return dailiesError('E_FILE_MISSING', `The file went missing while ${context.doing}.`, {
        details,
      });
    case 'EACCES':
    case 'EPERM':
      return dailiesError('E_PERMISSION', `Dailies may not read the file while ${context.doing}.`, {
        details,
      });
    case 'InvalidAccessKeyId':
      return say(
        'E_S3_AUTH',
        `${store} does not know the S3 access key id of this profile (InvalidAccessKeyId). ` +
          'Check the key id.',
      );
    case 'SignatureDoesNotMatch':
      return say(
        'E_S3_AUTH',
        `${store} refused the S3 secret access key of this profile (SignatureDoesNotMatch). ` +
          'Check the secret key.',
      );
    case 'ExpiredToken':
    case 'InvalidToken':
    case 'TokenRefreshRequired':
      return say('E_S3_AUTH', `${store} says the S3 session token has expired (${code}).`);
    case 'AccessDenied':
    case 'AllAccessDisabled':
      return say(
        'E_S3_AUTH',
        `${store} denied ${context.operation ?? 'access'} on ${bucketName} (${code}): the keys ` +
          'work but are not allowed to do this.',
      );
    case 'RequestTimeTooSkewed':
      return say(
        'E_S3_AUTH',
        `${store} refused the request because this computer's clock is off ` +
          '(RequestTimeTooSkewed). Set the clock right.',
        true,
      );
    case 'NoSuchBucket':
      return say('E_NOT_FOUND', `${bucketName} does not exist at ${store}.`);
    case 'NoSuchUpload':
      return say('E_NOT_FOUND', `${store} no longer has that multipart upload (NoSuchUpload).`);
    default:
      break;
  }
  if (status === 301 || code === 'PermanentRedirect') {
    const region = text(field(field(field(error, '$response'), 'headers'), 'x-amz-bucket-region'));
    return say(
      'E_VALIDATION',
      `${bucketName} is in ${region ? `region ${region}` : 'another region'}; set that region ` +
        'in the profile.',
      false,
      region ? { bucketRegion: region } : {},
    );
  }
  if (status === 401 || status === 403) {
    return say(
      'E_S3_AUTH',
      `${store} refused access to ${bucketName} (${statusLabel(facts)}): the S3 keys are wrong, ` +
        "or not allowed to use this bucket. Check the profile's access key id, secret and " +
        'bucket permissions.',
    );
  }
  if (status === 412 || code === 'PreconditionFailed') {
    return say(
      'E_CONFLICT',
      `the object at ${context.key ?? 'that key'} changed meanwhile (${statusLabel(facts)}); ` +
        'Dailies did not overwrite it.',
    );
  }
  if (code === 'NoSuchKey' || status === 404) {
    // HEAD answers carry no body, so for HeadBucket the SDK can only name the status.
    return context.key === undefined && context.operation === 'HeadBucket'
      ? say('E_NOT_FOUND', `${bucketName} does not exist at ${store}.`)
      : say(
          'E_NOT_FOUND',
          `${store} has nothing at ${context.key ?? 'that key'} (${statusLabel(facts)}).`,
        );
  }
  if (RETRYABLE_S3_CODES.has(code) || (status !== undefined && (status >= 500 || status === 429))) {
    return say('E_NETWORK', `${store} did not answer properly (${statusLabel(facts)}).`, true);
  }
  if (status === 400) {
    // A 400 is a request the store will never take as it is (a setting of the profile, or
    // a bucket or key it does not accept): retrying cannot help, the editor has to look.
    // The store's own words stay in the details (`s3Message`), masked.
    return say(
      'E_VALIDATION',
      `${store} refused the request as invalid (${statusLabel(facts)}). Check the profile's ` +
        'endpoint, region and bucket.',
    );
  }
  if (status === undefined) {
    const reason = CONNECTION_REASONS[code] ?? `the connection failed (${code})`;
    const reach = context.where === undefined ? 'the storage' : `S3 at ${context.where}`;
    return say('E_NETWORK', `Dailies cannot reach ${reach}: ${reason}.`, true);
  }
  return say('E_INTERNAL', `${store} refused the request (${statusLabel(facts)}).`);
}
