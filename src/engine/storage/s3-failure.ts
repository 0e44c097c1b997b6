import { dailiesError, type DailiesError } from '../../shared/contract/errors';

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
  errors?: unknown[];
}

const connectionReasons: Record<string, string> = {
  ECONNREFUSED: 'nothing is answering at that address',
  ECONNRESET: 'the connection was cut',
  ENOTFOUND: 'the name cannot be found (check the endpoint, or whether you are online)',
  EAI_AGAIN: 'the name cannot be looked up right now (are you online?)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  ENETUNREACH: 'the network cannot be reached (are you online?)',
  DEPTH_ZERO_SELF_SIGNED_CERT:
    'its certificate is not trusted (set AWS_CA_BUNDLE to your CA bundle)',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate is not trusted (set AWS_CA_BUNDLE to your CA bundle)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'its certificate is not trusted (set AWS_CA_BUNDLE to your CA bundle)',
};

function connectionCode(error: SdkErrorShape): string | undefined {
  if (typeof error.code === 'string') return error.code;
  // Node reports a refused dual-stack connection as an AggregateError of the attempts.
  for (const inner of error.errors ?? []) {
    const code = (inner as SdkErrorShape | null)?.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * An AWS SDK failure as the editor's reason, with a stable code: refused keys and missing
 * permissions are E_S3_AUTH (never retried), a missing bucket E_NOT_FOUND, a wrong region
 * E_VALIDATION, connection failures and 5xx retryable E_NETWORK. `where` names the store
 * ("127.0.0.1:9000", "AWS S3 in eu-west-1").
 */
export function s3Failure(
  raw: unknown,
  context: { bucket: string; where: string; operation: string },
): DailiesError {
  const error = (raw ?? {}) as SdkErrorShape;
  const name = typeof error.name === 'string' ? error.name : 'Error';
  const status = error.$metadata?.httpStatusCode;
  const sdkMessage = typeof error.message === 'string' ? error.message : String(raw);
  const details = {
    operation: context.operation,
    bucket: context.bucket,
    s3Error: name,
    ...(status === undefined ? {} : { status }),
  };
  const { bucket, where } = context;

  switch (name) {
    case 'InvalidAccessKeyId':
      return dailiesError(
        'E_S3_AUTH',
        `${where} does not know the S3 access key id of this profile (InvalidAccessKeyId). Check the key id.`,
        { details },
      );
    case 'SignatureDoesNotMatch':
      return dailiesError(
        'E_S3_AUTH',
        `${where} refused the S3 secret access key of this profile (SignatureDoesNotMatch). Check the secret key.`,
        { details },
      );
    case 'ExpiredToken':
    case 'InvalidToken':
      return dailiesError(
        'E_S3_AUTH',
        `${where} says the S3 session token has expired (${name}).`,
        {
          details,
        },
      );
    case 'AccessDenied':
      return dailiesError(
        'E_S3_AUTH',
        `${where} denied ${context.operation} on bucket "${bucket}" (AccessDenied): the keys work ` +
          'but are not allowed to do this.',
        { details },
      );
    case 'NoSuchBucket':
      return dailiesError('E_NOT_FOUND', `The bucket "${bucket}" does not exist at ${where}.`, {
        details,
      });
    case 'RequestTimeTooSkewed':
      return dailiesError(
        'E_S3_AUTH',
        `${where} refused the request because this computer's clock is off (RequestTimeTooSkewed). Set the clock right.`,
        { details },
      );
    default:
      break;
  }
  if (status === 301 || name === 'PermanentRedirect') {
    const region = error.$response?.headers?.['x-amz-bucket-region'];
    return dailiesError(
      'E_VALIDATION',
      `The bucket "${bucket}" is in ${region ? `region ${region}` : 'another region'}; ` +
        'set that region in the profile.',
      { details: { ...details, ...(region ? { bucketRegion: region } : {}) } },
    );
  }
  // HEAD answers carry no body, so the SDK can only name the status.
  if (status === 404) {
    return dailiesError('E_NOT_FOUND', `The bucket "${bucket}" does not exist at ${where}.`, {
      details,
    });
  }
  if (status === 403) {
    return dailiesError(
      'E_S3_AUTH',
      `${where} refused access to bucket "${bucket}" (403): the S3 keys are wrong, or not ` +
        'allowed to use this bucket.',
      { details },
    );
  }
  if (status === 400 && (name === 'AuthorizationHeaderMalformed' || name === 'BadRequest')) {
    return dailiesError('E_VALIDATION', `${where} refused the request (${name}): ${sdkMessage}`, {
      details,
    });
  }
  if (status !== undefined && (status >= 500 || status === 429)) {
    return dailiesError(
      'E_NETWORK',
      `${where} is failing (${status} ${name}). Dailies will try again.`,
      {
        retryable: true,
        details,
      },
    );
  }
  if (status === undefined) {
    const code = connectionCode(error);
    const reason = (code && connectionReasons[code]) ?? `the connection failed (${sdkMessage})`;
    return dailiesError('E_NETWORK', `Cannot reach S3 at ${where}: ${reason}.`, {
      retryable: true,
      details: { ...details, ...(code ? { cause: code } : {}) },
    });
  }
  return dailiesError('E_INTERNAL', `${where} answered ${status} ${name}: ${sdkMessage}`, {
    details,
  });
}
