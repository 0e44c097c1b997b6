import {
  dailiesError,
  isDailiesError,
  type AccountStatus,
  type SecretKind,
} from '../../shared/contract';
import type { ProfileRepository } from '../catalog/repositories/profile-repository';
import type { Logger } from '../logging/logger';
import type { CredentialSources } from '../secrets/credential-sources';
import { secretAccount } from '../secrets/secret-accounts';
import type { SecretStore } from '../secrets/secret-store';
import type { PlatformClient } from '../platform/platform-client';
import type { ProfileService, StoredProfile } from './profile-service';
import type { Clock } from '../time/clock';

/** Builds the platform client of a profile with the bearer token it should send. */
export type PlatformClientFor = (
  profile: StoredProfile,
  accessToken: () => Promise<string | undefined>,
) => PlatformClient;

export interface AccountServiceOptions {
  profiles: ProfileService;
  repository: ProfileRepository;
  store: SecretStore;
  credentials: CredentialSources;
  platformClient: PlatformClientFor;
  logger: Logger;
  clock: Clock;
}

/**
 * Signing in to the platform per profile. The token lives in the keychain only; the catalog
 * keeps who signed in and when the token expires, so the account view can say so offline and
 * a call that needs an expired token asks the editor to sign in again instead of failing
 * with a 401 half-way through a sync.
 */
export class AccountService {
  constructor(private readonly options: AccountServiceOptions) {}

  async signIn(profileId: string, email: string, password: string): Promise<AccountStatus> {
    const profile = this.options.profiles.stored(profileId);
    const client = this.options.platformClient(profile, async () => undefined);
    const session = await client.login({ email, password });
    await this.options.store.set(
      secretAccount(profileId, 'platform-access-token'),
      session.accessToken,
    );
    const expiresAt = new Date(session.expiresAt).toISOString();
    this.options.repository.recordSignIn(profileId, email, expiresAt);
    this.options.logger.info('signed in', { profileId, email, expiresAt });
    return this.status(profileId);
  }

  /**
   * The bearer token for a call that needs it. Rejects with E_PLATFORM_AUTH "sign in again"
   * when there is none or it has expired; work that needs it waits for the editor.
   */
  async accessToken(profileId: string): Promise<string> {
    const profile = this.options.profiles.stored(profileId);
    const token = await this.options.credentials.platformAccessToken(profileId);
    if (token === null || profile.signIn === null) {
      throw dailiesError(
        'E_PLATFORM_AUTH',
        `Sign in to the platform on the profile "${profile.config.name}" first.`,
        { details: { profileId, reason: 'signed-out' } },
      );
    }
    if (this.#expired(profile.signIn.expiresAt)) {
      throw expiredError(profile);
    }
    return token.value;
  }

  async status(profileId: string): Promise<AccountStatus> {
    const profile = this.options.profiles.stored(profileId);
    const token = await this.options.credentials.platformAccessToken(profileId);
    if (token === null || profile.signIn === null) {
      if (profile.signIn !== null) this.options.repository.clearSignIn(profileId);
      return { state: 'signed-out', profileId };
    }
    const { email, expiresAt } = profile.signIn;
    if (this.#expired(expiresAt)) {
      return {
        state: 'expired',
        profileId,
        email,
        expiredAt: expiresAt,
        message: expiredError(profile).message,
      };
    }
    const client = this.options.platformClient(profile, async () => token.value);
    try {
      const user = await client.me();
      return {
        state: 'signed-in',
        profileId,
        email: user.email,
        name: user.name,
        username: user.username,
        roles: user.roles,
        expiresAt,
        verified: true,
      };
    } catch (error) {
      if (isDailiesError(error) && error.code === 'E_PLATFORM_AUTH') {
        return {
          state: 'expired',
          profileId,
          email,
          expiredAt: null,
          message:
            `The platform no longer accepts your sign-in on "${profile.config.name}" ` +
            `(${error.message}). Sign in again.`,
        };
      }
      if (isDailiesError(error) && error.code === 'E_NETWORK') {
        return {
          state: 'signed-in',
          profileId,
          email,
          name: null,
          username: null,
          roles: [],
          expiresAt,
          verified: false,
          note: error.message,
        };
      }
      throw error;
    }
  }

  /**
   * Tells the platform (which keeps no session; best effort when offline), then forgets the
   * token. The keychain entry goes whatever the platform answered.
   */
  async signOut(profileId: string): Promise<{
    status: AccountStatus;
    removedSecrets: SecretKind[];
    platformNotified: boolean;
  }> {
    const profile = this.options.profiles.stored(profileId);
    const token = await this.options.credentials.platformAccessToken(profileId);
    let platformNotified = false;
    if (token !== null && profile.signIn !== null && !this.#expired(profile.signIn.expiresAt)) {
      try {
        await this.options.platformClient(profile, async () => token.value).logout();
        platformNotified = true;
      } catch (error) {
        this.options.logger.warn('the platform was not told of the sign-out', { profileId, error });
      }
    }
    const removed = await this.options.store.delete(
      secretAccount(profileId, 'platform-access-token'),
    );
    this.options.repository.clearSignIn(profileId);
    this.options.logger.info('signed out', { profileId, removed, platformNotified });
    return {
      status: { state: 'signed-out', profileId },
      removedSecrets: removed ? ['platform-access-token'] : [],
      platformNotified,
    };
  }

  #expired(expiresAt: string): boolean {
    return Date.parse(expiresAt) <= this.options.clock.now();
  }
}

function expiredError(profile: StoredProfile) {
  return dailiesError(
    'E_PLATFORM_AUTH',
    `Your sign-in to the platform on "${profile.config.name}" expired at ` +
      `${profile.signIn?.expiresAt ?? 'an unknown time'}. Sign in again.`,
    { details: { profileId: profile.id, reason: 'expired' } },
  );
}
