import type { ProfileConfig } from '../../shared/contract';
import type { CatalogDb } from '../catalog/open-catalog';
import { ProfileRepository } from '../catalog/repositories/profile-repository';
import { SettingsRepository } from '../catalog/repositories/settings-repository';
import type { Transact } from '../catalog/transact';
import type { Logger } from '../logging/logger';
import type { SecretRedactor } from '../logging/redactor';
import { readNetworkConfig } from '../network/network-config';
import { createNetworkFetch } from '../network/network-fetch';
import { createS3RequestHandler } from '../network/s3-request-handler';
import { AccountService } from '../profiles/account-service';
import { ConnectionTest } from '../profiles/connection-test';
import { ProfileService, type StoredProfile } from '../profiles/profile-service';
import { CredentialSources } from '../secrets/credential-sources';
import { KeyringSecretStore } from '../secrets/keyring-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { createPlatformClient } from '../platform/platform-client';
import { conditionalWritesKey } from '../sync/remembered-writes';
import { createS3Client, type S3ClientCredentials } from '../storage/s3-client-factory';
import type { HandlersOf } from './domain-handlers';
import type { Clock } from '../time/clock';

export interface ProfilesDomainDeps {
  db: CatalogDb;
  transact: Transact;
  logger: Logger;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  redactor: SecretRedactor;
  version: string;
  /** The OS keychain when not given. */
  secrets?: SecretStore | undefined;
  headless: boolean;
  /**
   * The editor fixed a refused secret (signed in again, stored a token or key): the syncs
   * held for it may go on.
   */
  onSecretsFixed: (profileId: string) => void;
  /** A profile was created, changed, activated or removed (its window, its rule set...). */
  onProfileChanged: () => void;
}

type StoredProfileLike = Pick<StoredProfile, 'id' | 'config'>;

/**
 * Upload profiles, their secrets, the platform sign-in, the network settings (proxy, CA
 * bundle) and the clients built from them: everything that talks to a bucket or a platform.
 */
export function composeProfiles(deps: ProfilesDomainDeps) {
  const { logger, clock, redactor } = deps;
  const secretStore =
    deps.secrets ?? new KeyringSecretStore({ redactor, platform: process.platform });
  const credentials = new CredentialSources({
    store: secretStore,
    redactor,
    env: deps.env,
    logger: logger.child('secrets'),
    headless: deps.headless,
  });
  const network = readNetworkConfig(deps.env, (problem) => logger.warn(problem));
  const networkFetch = createNetworkFetch(network);
  const repository = new ProfileRepository(deps.db);
  const profiles = new ProfileService({
    repository,
    transact: deps.transact,
    store: secretStore,
    credentials,
    logger: logger.child('profiles'),
    clock,
    forgetProfile: (id) => new SettingsRepository(deps.db).deleteMany([conditionalWritesKey(id)]),
  });
  const platformClientFor = (
    profile: StoredProfileLike,
    accessToken: () => Promise<string | undefined>,
    fetch: typeof globalThis.fetch = networkFetch.fetch,
  ) =>
    createPlatformClient({
      baseUrl: profile.config.apiBaseUrl,
      fetch,
      internalToken: async () => (await credentials.internalToken(profile.id))?.value,
      accessToken,
      clock,
      redactor,
      logger: logger.child('platform'),
      userAgent: `Dailies/${deps.version}`,
    });
  const s3ClientFor = async (config: ProfileConfig, keys: S3ClientCredentials) =>
    createS3Client({
      profile: config,
      credentials: keys,
      requestHandler: await createS3RequestHandler(network, {
        endpoint: config.s3Endpoint,
        region: config.region,
      }),
      logger: logger.child('s3'),
    });
  const account = new AccountService({
    profiles,
    repository,
    store: secretStore,
    credentials,
    platformClient: (profile, accessToken) => platformClientFor(profile, accessToken),
    logger: logger.child('account'),
    clock,
  });
  const connectionTest = new ConnectionTest({
    profiles,
    credentials,
    account,
    platformClient: (profile, fetch) =>
      platformClientFor(profile, () => account.accessToken(profile.id), fetch),
    fetch: networkFetch.fetch,
    s3Client: (profile, keys) => s3ClientFor(profile.config, keys),
    logger: logger.child('connection'),
    clock,
  });
  const handlers: HandlersOf<'profiles.' | 'account.'> = {
    'profiles.list': () => profiles.list(),
    'profiles.get': ({ id }) => profiles.get(id),
    'profiles.create': async (input) => {
      const created = await profiles.create(input);
      deps.onProfileChanged();
      return created;
    },
    'profiles.update': async ({ id, patch }) => {
      const updated = await profiles.update(id, patch);
      deps.onProfileChanged();
      return updated;
    },
    'profiles.remove': async ({ id, leaveKeychainEntries }) => {
      const removed = await profiles.remove(id, { leaveKeychainEntries });
      deps.onProfileChanged();
      return removed;
    },
    'profiles.activate': async ({ id }) => {
      const activated = await profiles.activate(id);
      deps.onProfileChanged();
      return activated;
    },
    'profiles.setSecret': async ({ profileId, kind, value }) => {
      const status = await profiles.setSecret(profileId, kind, value);
      deps.onSecretsFixed(profileId);
      return status;
    },
    'profiles.clearSecret': ({ profileId, kind }) => profiles.clearSecret(profileId, kind),
    'profiles.testConnection': ({ profileId }) => connectionTest.run(profileId),
    'account.signIn': async ({ profileId, email, password }) => {
      const status = await account.signIn(profileId, email, password);
      deps.onSecretsFixed(profileId);
      return status;
    },
    'account.status': ({ profileId }) => account.status(profileId),
    'account.signOut': ({ profileId }) => account.signOut(profileId),
  };
  return {
    profiles,
    secretStore,
    credentials,
    account,
    network,
    networkFetch,
    platformClientFor,
    s3ClientFor,
    handlers,
  };
}

export type ProfilesDomain = ReturnType<typeof composeProfiles>;
