import crypto from 'node:crypto';
import {
  DeleteObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  type ConnectionCheck,
  type ConnectionCheckId,
  type ErrorCode,
} from '../../shared/contract';
import type { Logger } from '../logging/logger';
import type { CredentialSources, S3Credentials } from '../secrets/credential-sources';
import type { PlatformClient } from '../platform/platform-client';
import { classifyS3Failure } from '../storage/s3-failure';
import { toDailiesError } from '../rpc/to-error-value';
import type { AccountService } from './account-service';
import type { ProfileService, StoredProfile } from './profile-service';
import type { Clock } from '../time/clock';

/** Beyond this, S3 signatures start to fail (15 min) and token expiry times mislead. */
const SKEW_WARN_MS = 2 * 60 * 1000;

export interface ConnectionTestOptions {
  profiles: ProfileService;
  credentials: CredentialSources;
  account: AccountService;
  /** The profile's platform client, sending through `fetch`. */
  platformClient: (profile: StoredProfile, fetch: typeof globalThis.fetch) => PlatformClient;
  fetch: typeof globalThis.fetch;
  s3Client: (profile: StoredProfile, credentials: S3Credentials) => S3Client;
  logger: Logger;
  clock: Clock;
}

const labels: Record<ConnectionCheckId, string> = {
  'platform-health': 'Platform answers',
  'internal-token': 'Internal token accepted',
  'sign-in': 'Signed in',
  'bucket-reachable': 'Bucket reachable',
  'bucket-writable': 'Bucket writable',
  'clock-skew': 'Clock in step',
};

function check(
  id: ConnectionCheckId,
  result: ConnectionCheck['result'],
  reason: string,
  code?: ErrorCode,
): ConnectionCheck {
  return { id, label: labels[id], result, reason, ...(code ? { code } : {}) };
}

/**
 * "Test connection": each check says pass, fail, warn or skip with the exact reason, so the
 * editor can tell a wrong token from a missing bucket from a server that is down. Nothing on
 * the platform is read or written; on S3 one small probe object is written and deleted under
 * the profile's key prefix.
 */
export class ConnectionTest {
  constructor(private readonly options: ConnectionTestOptions) {}

  /** A failed check with the error's reason; an unknown error is logged, never shown raw. */
  #failed(id: ConnectionCheckId, error: unknown): ConnectionCheck {
    const reason = toDailiesError(error, this.options.logger, `connection test: ${id}`);
    return check(id, 'fail', reason.message, reason.code);
  }

  /** An S3 failure of this test, worded and classified like every other S3 failure. */
  #s3Failure(error: unknown, where: string, bucket: string, operation: string) {
    return classifyS3Failure(error, {
      doing: 'testing the connection',
      where,
      bucket,
      operation,
      logger: this.options.logger,
    });
  }

  async run(
    profileId: string,
  ): Promise<{ profileId: string; ok: boolean; checks: ConnectionCheck[] }> {
    const profile = this.options.profiles.stored(profileId);
    const serverDates: { date: string; at: number }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await this.options.fetch(input, init);
      const date = response.headers.get('date');
      if (date) serverDates.push({ date, at: this.options.clock.now() });
      return response;
    };
    const platform = this.options.platformClient(profile, recordingFetch);

    const checks: ConnectionCheck[] = [];
    let platformUp = false;
    try {
      const health = await platform.health();
      platformUp = true;
      checks.push(
        check('platform-health', 'pass', `${platform.baseUrl} answered "${health.status}".`),
      );
    } catch (error) {
      checks.push(this.#failed('platform-health', error));
    }

    checks.push(await this.#internalToken(profile, platform, platformUp));
    checks.push(await this.#signIn(profile, platformUp));
    checks.push(...(await this.#bucket(profile)));
    checks.push(this.#clock(serverDates));

    const ok = checks.every((entry) => entry.result !== 'fail');
    this.options.logger.info('connection tested', {
      profileId,
      results: Object.fromEntries(checks.map((entry) => [entry.id, entry.result])),
    });
    return { profileId, ok, checks };
  }

  async #internalToken(
    profile: StoredProfile,
    platform: PlatformClient,
    platformUp: boolean,
  ): Promise<ConnectionCheck> {
    let token;
    try {
      token = await this.options.credentials.internalToken(profile.id);
    } catch (error) {
      return this.#failed('internal-token', error);
    }
    if (token === null) {
      return check(
        'internal-token',
        'fail',
        'No internal token is set for this profile. Enter it in the profile.',
        'E_PLATFORM_AUTH',
      );
    }
    if (!platformUp)
      return check('internal-token', 'skip', 'Not checked: the platform did not answer.');
    try {
      await platform.checkInternalToken();
      return check(
        'internal-token',
        'pass',
        `The platform accepted the internal token (${token.origin}).`,
      );
    } catch (error) {
      return this.#failed('internal-token', error);
    }
  }

  async #signIn(profile: StoredProfile, platformUp: boolean): Promise<ConnectionCheck> {
    if (!platformUp && profile.signIn === null) {
      return check(
        'sign-in',
        'warn',
        'Not signed in. Sign in to create new titles on the platform.',
      );
    }
    try {
      const status = await this.options.account.status(profile.id);
      switch (status.state) {
        case 'signed-in':
          return status.verified
            ? check('sign-in', 'pass', `Signed in as ${status.email} until ${status.expiresAt}.`)
            : check(
                'sign-in',
                'warn',
                `Signed in as ${status.email}, not confirmed: ${status.note ?? ''}`,
              );
        case 'expired':
          return check('sign-in', 'warn', status.message, 'E_PLATFORM_AUTH');
        case 'signed-out':
          return check(
            'sign-in',
            'warn',
            'Not signed in. Sign in to create new titles on the platform.',
          );
      }
    } catch (error) {
      return this.#failed('sign-in', error);
    }
  }

  async #bucket(profile: StoredProfile): Promise<ConnectionCheck[]> {
    const { bucket, keyPrefix, s3Endpoint, region } = profile.config;
    const where = s3Endpoint ? new URL(s3Endpoint).host : `AWS S3 in ${region}`;
    let credentials: S3Credentials | null;
    try {
      credentials = await this.options.credentials.s3Credentials(profile.id);
    } catch (error) {
      return [
        this.#failed('bucket-reachable', error),
        check('bucket-writable', 'skip', 'Not checked: no usable S3 keys.'),
      ];
    }
    if (credentials === null) {
      return [
        check(
          'bucket-reachable',
          'fail',
          'No S3 keys are set for this profile. Enter the access key id and the secret access key.',
          'E_S3_AUTH',
        ),
        check('bucket-writable', 'skip', 'Not checked: no S3 keys.'),
      ];
    }
    const client = this.options.s3Client(profile, credentials);
    try {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        return [
          this.#failed('bucket-reachable', this.#s3Failure(error, where, bucket, 'HeadBucket')),
          check('bucket-writable', 'skip', 'Not checked: the bucket is not reachable.'),
        ];
      }
      const reachable = check(
        'bucket-reachable',
        'pass',
        `The bucket "${bucket}" answered at ${where}.`,
      );
      const key = `${keyPrefix}.dailies-connection-test/${crypto.randomUUID()}.txt`;
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: 'Written by Dailies to test the connection; safe to delete.\n',
            ContentType: 'text/plain',
            ...encryptionHeaders(profile),
          }),
        );
      } catch (error) {
        return [
          reachable,
          this.#failed('bucket-writable', this.#s3Failure(error, where, bucket, 'PutObject')),
        ];
      }
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (error) {
        const reason = this.#s3Failure(error, where, bucket, 'DeleteObject').message;
        return [
          reachable,
          check(
            'bucket-writable',
            'warn',
            `Wrote the probe object ${key} but could not delete it. ${reason}`,
          ),
        ];
      }
      return [
        reachable,
        check(
          'bucket-writable',
          'pass',
          `Wrote and deleted a probe object under "${keyPrefix || '/'}".`,
        ),
      ];
    } finally {
      client.destroy();
    }
  }

  #clock(serverDates: { date: string; at: number }[]): ConnectionCheck {
    const last = serverDates.at(-1);
    const server = last ? Date.parse(last.date) : Number.NaN;
    if (!last || Number.isNaN(server)) {
      return check('clock-skew', 'skip', 'Not checked: the platform sent no Date header.');
    }
    // The header has whole seconds; the answer arrived up to a second after it was stamped.
    const skewMs = last.at - server;
    const seconds = Math.round(Math.abs(skewMs) / 1000);
    if (Math.abs(skewMs) >= SKEW_WARN_MS) {
      return check(
        'clock-skew',
        'warn',
        `This computer's clock is ${seconds} s ${skewMs > 0 ? 'ahead of' : 'behind'} the platform's. ` +
          'Set the clock right: S3 refuses requests beyond 15 minutes, and sign-in expiry times will be off.',
      );
    }
    return check(
      'clock-skew',
      'pass',
      `This computer's clock is within ${Math.max(seconds, 1)} s of the platform's.`,
    );
  }
}

function encryptionHeaders(profile: StoredProfile): Partial<PutObjectCommandInput> {
  const { encryption } = profile.config;
  switch (encryption.kind) {
    case 'none':
      return {};
    case 'sse-s3':
      return { ServerSideEncryption: 'AES256' };
    case 'sse-kms':
      return { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: encryption.kmsKeyId };
  }
}
