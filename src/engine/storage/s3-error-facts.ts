import { DailiesError } from '../../shared/contract/errors';
import { maskSignedRequest } from '../logging/mask-signed-request';

/**
 * What an S3 SDK failure says about itself (code, status, the store's words) and the sets of
 * codes `classifyS3Failure` sorts by. Kept apart from the wording so callers that only branch
 * on a code need not load it.
 */

/** What we read off an SDK error: its S3 (or Node) code, HTTP status and any Retry-After. */
export interface S3ErrorFacts {
  code: string;
  status: number | undefined;
  retryAfter: string | undefined;
  /**
   * The store's (or Node's) own words, for the details, with any echoed credential or
   * signature masked.
   */
  message: string | undefined;
  /** The bucket the store named (NoSuchBucket answers carry it). */
  bucket: string | undefined;
}

/** Refused keys, tokens or permissions: the editor has to act; retrying does not help. */
const AUTH_CODES = new Set([
  'AccessDenied',
  'AllAccessDisabled',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidToken',
  'ExpiredToken',
  'TokenRefreshRequired',
  'RequestTimeTooSkewed',
]);

/** Answers a retry may fix: the store was busy, slow or lost bytes on the way. */
export const RETRYABLE_S3_CODES = new Set([
  'SlowDown',
  'RequestTimeout',
  'InternalError',
  'ServiceUnavailable',
  'BadDigest',
  'IncompleteBody',
  'TimeoutError',
]);

/** Connection failures, in the editor's words. */
export const CONNECTION_REASONS: Record<string, string> = {
  ECONNREFUSED: 'nothing is answering at that address',
  ECONNRESET: 'the connection was cut',
  ECONNABORTED: 'the connection was cut',
  EPIPE: 'the connection was cut',
  UND_ERR_SOCKET: 'the connection was cut',
  ERR_STREAM_PREMATURE_CLOSE: 'the connection was cut',
  ENOTFOUND: 'the name cannot be found (check the endpoint, or whether you are online)',
  EAI_AGAIN: 'the name cannot be looked up right now (are you online?)',
  ETIMEDOUT: 'the connection timed out',
  TimeoutError: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  ENETUNREACH: 'the network cannot be reached (are you online?)',
  ENETDOWN: 'the network is down (are you online?)',
  EADDRNOTAVAIL: 'the network cannot be reached (are you online?)',
  ERR_SOCKET_CONNECTION_TIMEOUT: 'the connection timed out',
  EPROTO: 'the secure connection failed',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another name (check the endpoint)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'its certificate is not trusted (set AWS_CA_BUNDLE to your CA bundle)',
  DEPTH_ZERO_SELF_SIGNED_CERT:
    'its certificate is not trusted (set AWS_CA_BUNDLE to your CA bundle)',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate is not trusted (set AWS_CA_BUNDLE to your CA bundle)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'its certificate is not trusted (set AWS_CA_BUNDLE to your CA bundle)',
};

/** Node's failures reading the file being sent: the file's, not the network's. */
export const FILE_CODES = new Set(['ENOENT', 'EACCES', 'EPERM']);

export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** A Node error code, also from inside an AggregateError (a refused dual-stack connection). */
function nodeCode(error: unknown): string | undefined {
  const own = text(field(error, 'code'));
  if (own) return own;
  const inner = field(error, 'errors');
  if (!Array.isArray(inner)) return undefined;
  for (const attempt of inner) {
    const code = text(field(attempt, 'code'));
    if (code) return code;
  }
  return undefined;
}

const isConnectionCode = (code: string): boolean =>
  code in CONNECTION_REASONS || code.startsWith('UND_ERR_');

export function s3ErrorFacts(error: unknown): S3ErrorFacts {
  const status = field(field(error, '$metadata'), 'httpStatusCode');
  const retryAfter = field(field(field(error, '$response'), 'headers'), 'retry-after');
  const node = nodeCode(error);
  const code =
    text(field(error, 'Code')) ??
    (node !== undefined && (isConnectionCode(node) || FILE_CODES.has(node)) ? node : undefined) ??
    text(field(error, 'name')) ??
    'Unknown';
  return {
    code,
    status: typeof status === 'number' ? status : undefined,
    retryAfter: text(retryAfter),
    // A store may echo the signed request (its Authorization header) in its error text.
    message: maybeMasked(text(field(error, 'message'))),
    bucket: text(field(error, 'BucketName')),
  };
}

/** The S3 code an error carries ('NoSuchUpload', 'NotFound', ...), for branching on. */
export function s3ErrorCode(error: unknown): string {
  return error instanceof DailiesError
    ? String(error.details?.s3Code ?? error.code)
    : s3ErrorFacts(error).code;
}

/**
 * Whether an error is the store's answer or a failed connection to it (what this module
 * classifies), rather than a failure of our own code, which the caller passes on untouched
 * so it reaches the one unknown-error path (logged with its stack, shown as E_INTERNAL).
 */
export function isS3Failure(error: unknown): boolean {
  if (error instanceof DailiesError) return true;
  // An answer has a status; a ServiceException a $fault. (The SDK's retry step stamps
  // $metadata on whatever passes through it, so that alone proves nothing.)
  const { code, status } = s3ErrorFacts(error);
  if (status !== undefined || field(error, '$fault') !== undefined) return true;
  return (
    code === 'AbortError' ||
    FILE_CODES.has(code) ||
    isConnectionCode(code) ||
    AUTH_CODES.has(code) ||
    RETRYABLE_S3_CODES.has(code)
  );
}

function maybeMasked(message: string | undefined): string | undefined {
  return message === undefined ? undefined : maskSignedRequest(message);
}
