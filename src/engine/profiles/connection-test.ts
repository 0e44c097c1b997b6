import type { S3Client } from '@aws-sdk/client-s3';
import type { ConnectionCheck, ConnectionCheckId } from '../../shared/contract';
import type { Logger } from '../logging/logger';
import type { CredentialSources, S3Credentials } from '../secrets/credential-sources';
import type { PlatformClient } from '../platform/platform-client';
import type { Clock } from '../time/clock';
import type { AccountService } from './account-service';
import { bucketChecks } from './bucket-checks';
import { clockSkewCheck } from './clock-skew-check';
import { check, failedCheck } from './connection-check';
import type { ProfileService, StoredProfile } from './profile-service';

export interface ConnectionTestOptions {
  profiles: ProfileService;
  credentials: CredentialSources;
  account: AccountService;
  /** The profile's platform client, sending through `fetch`. */
  platformClient: (profile: StoredProfile, fetch: typeof globalThis.fetch) => PlatformClient;
  fetch: typeof globalThis.fetch;
  s3Client: (profile: StoredProfile, credentials: S3Credentials) => Promise<S3Client>;
  logger: Logger;
  clock: Clock;
}

/**
 * "Test connection": each check says pass, fail, warn or skip with the exact reason, so the
 * editor can tell a wrong token from a missing bucket from a server that is down. Nothing on
 * the platform is read or written; on S3 one small probe object is written and deleted under
 * the profile's key prefix.
 */
export class ConnectionTest {
  constructor(private readonly options: ConnectionTestOptions) {}

  #failed(id: ConnectionCheckId, error: unknown): ConnectionCheck {
    return failedCheck(id, error, this.options.logger);
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
    checks.push(...(await bucketChecks(this.options, profile)));
    checks.push(clockSkewCheck(serverDates));

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
}
