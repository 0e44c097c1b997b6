import {
  defaultUploadSettings,
  type DailiesApi,
  type Profile,
  type ProfilePatch,
} from '../shared/contract';
import type { DemoStandInAddresses } from './demo-stand-ins';

/** The name says what it is wherever the profile shows: the Account view, the send button. */
export const DEMO_PROFILE_NAME = 'Demo (local stand-ins)';

const MiB = 1024 * 1024;

/**
 * Creates the demo profile, or points the existing one at this run's stand-ins (their ports
 * change every run), stores this run's secrets through the contract (into the engine's
 * session store), signs in and makes it active. Everything goes through the same calls the
 * Account view makes, so the demo shows the real path.
 */
export async function ensureDemoProfile(
  api: DailiesApi,
  standIns: DemoStandInAddresses,
): Promise<Profile> {
  const where: ProfilePatch = {
    apiBaseUrl: standIns.platform.baseUrl,
    bucket: standIns.bucket,
    region: standIns.s3.region,
    s3Endpoint: standIns.s3.endpoint,
    forcePathStyle: true,
  };
  const existing = (await api.invoke('profiles.list', {})).find(
    (profile) => profile.name === DEMO_PROFILE_NAME,
  );
  const profile = existing
    ? await api.invoke('profiles.update', { id: existing.id, patch: where })
    : await api.invoke('profiles.create', {
        name: DEMO_PROFILE_NAME,
        apiBaseUrl: standIns.platform.baseUrl,
        bucket: standIns.bucket,
        region: standIns.s3.region,
        s3Endpoint: standIns.s3.endpoint,
        forcePathStyle: true,
        keyPrefix: '',
        cdnDomain: null,
        encryption: { kind: 'none' },
        // Two upload places on a two-core laptop (up to eight small files); 8 MiB parts so
        // the large sample goes up in many parts whose progress can be followed.
        upload: { ...defaultUploadSettings, concurrency: 2, partSizeBytes: 8 * MiB },
        deliveryRuleSetId: null,
      });
  const { credentials } = standIns;
  const secrets = [
    ['internal-token', credentials.internalToken],
    ['s3-access-key-id', credentials.accessKeyId],
    ['s3-secret-access-key', credentials.secretAccessKey],
  ] as const;
  for (const [kind, value] of secrets) {
    await api.invoke('profiles.setSecret', { profileId: profile.id, kind, value });
  }
  await api.invoke('account.signIn', {
    profileId: profile.id,
    email: credentials.email,
    password: credentials.password,
  });
  return api.invoke('profiles.activate', { id: profile.id });
}
