import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { ProfileConfig } from '../../shared/contract/profiles';
import type { Logger } from '../logging/logger';
import { loadS3Sdk } from './s3-sdk';

/** The keys an S3 client signs with (from the keychain, the environment or an AWS profile). */
export interface S3ClientCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface CreateS3ClientOptions {
  profile: Pick<ProfileConfig, 'region' | 's3Endpoint' | 'forcePathStyle'>;
  credentials: S3ClientCredentials;
  /** A proxy- and CA-aware handler (see network/s3-request-handler.ts); SDK default if absent. */
  requestHandler?: S3ClientConfig['requestHandler'];
  /**
   * Where the SDK's own remarks go. Without one it writes to the console (a failed streaming
   * request, which our retry policy handles, would print a warning in a terminal or the demo).
   */
  logger: Logger;
}

/**
 * The one place an S3 client is built, so every part of Dailies talks to a bucket the same
 * way. Settings are deliberate:
 * - region, endpoint and path style come from the profile (S3-compatible stores need a custom
 *   endpoint and usually path style);
 * - checksums only WHEN_REQUIRED: the SDK's default (CRC32 on every PutObject/UploadPart, and
 *   validating response checksums) breaks S3-compatible stores that do not know the headers;
 *   the uploader sends its own checksums where it wants them;
 * - static credentials only: the SDK never walks its default chain (env, ~/.aws, instance
 *   metadata) behind the profile's back; CredentialSources already decided which keys apply.
 * Async: the SDK is loaded with the first client (see s3-sdk.ts).
 */
export async function createS3Client({
  profile,
  credentials,
  requestHandler,
  logger,
}: CreateS3ClientOptions): Promise<S3Client> {
  quietNodeVersionWarning(logger);
  const { S3Client } = await loadS3Sdk();
  return new S3Client({
    region: profile.region,
    ...(profile.s3Endpoint ? { endpoint: profile.s3Endpoint } : {}),
    forcePathStyle: profile.forcePathStyle,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
      ...(credentials.expiration ? { expiration: credentials.expiration } : {}),
    },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(requestHandler ? { requestHandler } : {}),
    logger: sdkLogger(logger),
  });
}

/**
 * The SDK's remarks, kept in our log at debug level: what matters of a failed request reaches
 * the engine as the error itself, classified and worded there.
 */
function sdkLogger(logger: Logger): NonNullable<S3ClientConfig['logger']> {
  const write =
    (level: string) =>
    (...content: unknown[]) =>
      logger.debug(content.map(String).join(' '), { sdkLevel: level });
  return {
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}

/** The oldest Node the AWS SDK's releases after early 2027 support. */
const SDK_MIN_NODE = 22;
let nodeVersionNoted = false;

/**
 * The SDK warns about an old Node through process.emitWarning, which Node prints to stderr
 * (in the middle of the CLI's output). The same fact goes into our log once instead; the
 * SDK reads its switch from the environment, so that is where it is set.
 */
function quietNodeVersionWarning(logger: Logger): void {
  if (nodeVersionNoted) return;
  nodeVersionNoted = true;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const major = Number(process.versions.node.split('.')[0]);
  if (major < SDK_MIN_NODE) {
    logger.warn('the AWS SDK will need a newer Node', {
      node: process.versions.node,
      needs: `>=${SDK_MIN_NODE}`,
    });
  }
}
