import { DailiesError, dailiesError } from '../../../shared/contract/errors';

/** What we read off an SDK error: its S3 code, HTTP status and any Retry-After. */
export interface S3ErrorFacts {
  code: string;
  status: number | undefined;
  retryAfter: string | undefined;
}

const AUTH_CODES = new Set([
  'AccessDenied',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidToken',
  'ExpiredToken',
  'TokenRefreshRequired',
  'AllAccessDisabled',
]);

/** Answers a retry may fix: the store was busy, slow or lost bytes on the way. */
const RETRYABLE_CODES = new Set([
  'SlowDown',
  'RequestTimeout',
  'InternalError',
  'ServiceUnavailable',
  'BadDigest',
  'IncompleteBody',
  'RequestTimeTooSkewed',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
]);

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

export function s3ErrorFacts(error: unknown): S3ErrorFacts {
  const metadata = field(error, '$metadata');
  const status = field(metadata, 'httpStatusCode');
  const response = field(error, '$response');
  const headers = field(response, 'headers');
  const retryAfter = field(headers, 'retry-after');
  const nodeCode = field(error, 'code');
  const name = field(error, 'name');
  const code =
    (typeof field(error, 'Code') === 'string' ? (field(error, 'Code') as string) : undefined) ??
    (typeof nodeCode === 'string' && nodeCode.startsWith('E') ? nodeCode : undefined) ??
    (typeof name === 'string' ? name : 'Unknown');
  return {
    code,
    status: typeof status === 'number' ? status : undefined,
    retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
  };
}

/** The S3 code an error carries ('NoSuchUpload', 'NotFound', ...), for branching on. */
export function s3ErrorCode(error: unknown): string {
  return error instanceof DailiesError
    ? String(error.details?.s3Code ?? error.code)
    : s3ErrorFacts(error).code;
}

/**
 * An SDK failure as one of our error values. Wrong or refused keys are E_S3_AUTH and never
 * retried (the queue asks the editor); throttling, timeouts, 5xx, lost connections and a
 * BadDigest (a part damaged on the way) are retryable E_NETWORK, which `withRetry` retries
 * with backoff and any Retry-After. `what` says what we were doing, for the editor.
 */
export function mapS3Error(error: unknown, what: string): DailiesError {
  if (error instanceof DailiesError) return error;
  const facts = s3ErrorFacts(error);
  const details: Record<string, unknown> = { s3Code: facts.code, operation: what };
  if (facts.status !== undefined) details.status = facts.status;
  if (facts.retryAfter !== undefined) details.retryAfter = facts.retryAfter;
  const cause = error instanceof Error ? error.message : String(error);
  details.cause = cause;

  if (facts.code === 'AbortError') return dailiesError('E_CANCELLED', 'The upload was stopped.');
  // The body stream reads the file: its failures are the file's, not the network's.
  if (facts.code === 'ENOENT') {
    return dailiesError('E_FILE_MISSING', `The file went missing while ${what}.`, { details });
  }
  if (facts.code === 'EACCES' || facts.code === 'EPERM') {
    return dailiesError('E_PERMISSION', `Dailies may not read the file while ${what}.`, {
      details,
    });
  }
  if (AUTH_CODES.has(facts.code) || facts.status === 403 || facts.status === 401) {
    return dailiesError(
      'E_S3_AUTH',
      `The storage refused the keys while ${what} (${facts.code}). Check the profile's access ` +
        'key, secret and bucket permissions.',
      { details },
    );
  }
  if (
    RETRYABLE_CODES.has(facts.code) ||
    (facts.status !== undefined && facts.status >= 500) ||
    facts.status === 429 ||
    (facts.status === undefined && facts.code !== 'NoSuchUpload')
  ) {
    return dailiesError(
      'E_NETWORK',
      `The storage did not answer properly while ${what} (${facts.code}).`,
      {
        retryable: true,
        details,
      },
    );
  }
  if (
    facts.code === 'NoSuchUpload' ||
    facts.code === 'NotFound' ||
    facts.code === 'NoSuchKey' ||
    facts.status === 404
  ) {
    return dailiesError('E_NOT_FOUND', `Not found while ${what} (${facts.code}).`, { details });
  }
  return dailiesError('E_INTERNAL', `The storage refused ${what} (${facts.code}).`, { details });
}
