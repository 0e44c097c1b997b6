import { DailiesError } from '../../shared/contract/errors';
import type {
  AccountStatus,
  ConnectionCheck,
  DailiesApi,
  MethodInput,
  Profile,
  ProfilePatch,
  SettableSecretKind,
} from '../../shared/contract';
import { errorMessage } from './error-message';
import { secretStorage, storagePlace } from './secret-storage';
import type { Slice } from './slice';

export type ProfileInput = MethodInput<'profiles.create'>;

export type ConnectionState =
  | { kind: 'running' }
  | { kind: 'done'; ok: boolean; checks: ConnectionCheck[] }
  | { kind: 'failed'; message: string };

/**
 * Who is signed in on a profile, as far as the last check got. A check that failed says why,
 * so the view never waits on an answer that is not coming.
 */
export type AccountStatusState =
  | { kind: 'checking' }
  | { kind: 'known'; status: AccountStatus }
  | {
      kind: 'failed';
      message: string;
      /** The sign-in lives in a keychain that cannot be asked (the secrets panel says why). */
      keychainUnavailable: boolean;
    };

export interface AccountSlice {
  profiles: Profile[] | null;
  profilesError: string | null;
  /** The engine's field errors of the last profile save, by field path ("upload.concurrency"). */
  profileFieldErrors: Record<string, string>;
  /** The last action's outcome in words ("Removed ... and its internal token"). */
  accountNotice: { tone: 'good' | 'bad'; text: string } | null;
  /** The profile whose removal failed because the keychain could not be reached. */
  removalBlockedByKeychain: string | null;
  connection: Record<string, ConnectionState>;
  accountStatus: Record<string, AccountStatusState>;
  loadProfiles(): Promise<void>;
  /** Resolves the saved profile's id, or null when the engine refused it. */
  saveProfile(id: string | null, input: ProfileInput): Promise<string | null>;
  activateProfile(id: string): Promise<void>;
  /** With leaveKeychainEntries the profile goes even when the keychain cannot be reached. */
  removeProfile(id: string, leaveKeychainEntries?: boolean): Promise<void>;
  /** The value goes to the engine and is forgotten here; resolves true when stored. */
  setSecret(profileId: string, kind: SettableSecretKind, value: string): Promise<boolean>;
  clearSecret(profileId: string, kind: SettableSecretKind): Promise<void>;
  testConnection(profileId: string): Promise<void>;
  loadAccountStatus(profileId: string): Promise<void>;
  signIn(profileId: string, email: string, password: string): Promise<boolean>;
  signOut(profileId: string): Promise<void>;
}

const secretNames: Record<string, string> = {
  'internal-token': 'internal token',
  's3-access-key-id': 'S3 access key id',
  's3-secret-access-key': 'S3 secret access key',
  'platform-access-token': 'platform sign-in',
};

export function secretName(kind: string): string {
  return secretNames[kind] ?? kind;
}

function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof DailiesError)) return {};
  const fields = error.details?.fields;
  if (!Array.isArray(fields)) return {};
  const out: Record<string, string> = {};
  for (const field of fields as { path?: unknown; message?: unknown }[]) {
    if (typeof field.path !== 'string' || typeof field.message !== 'string') continue;
    const path = field.path.replace(/^patch\./, '');
    out[path] ??= field.message;
  }
  return out;
}

export const createAccountSlice =
  (api: DailiesApi): Slice<AccountSlice> =>
  (set, get) => {
    const fail = (error: unknown) =>
      set({ accountNotice: { tone: 'bad', text: errorMessage(error) } });
    const known = (profileId: string, status: AccountStatus) =>
      set((state) => ({
        accountStatus: { ...state.accountStatus, [profileId]: { kind: 'known', status } },
      }));
    /** Where the profile's secrets live as the view last showed them ("the keychain"). */
    const placeOf = (profileId: string) =>
      storagePlace(secretStorage(get().profiles?.find((p) => p.id === profileId)?.secrets));
    const replace = (profile: Profile) =>
      set((state) => ({
        profiles: (state.profiles ?? []).map((p) => (p.id === profile.id ? profile : p)),
      }));
    return {
      profiles: null,
      profilesError: null,
      profileFieldErrors: {},
      accountNotice: null,
      removalBlockedByKeychain: null,
      connection: {},
      accountStatus: {},
      async loadProfiles() {
        try {
          set({ profiles: await api.invoke('profiles.list', {}), profilesError: null });
        } catch (error) {
          set({ profilesError: errorMessage(error) });
        }
      },
      async saveProfile(id, input) {
        set({ profileFieldErrors: {}, accountNotice: null });
        try {
          const saved =
            id === null
              ? await api.invoke('profiles.create', input)
              : await api.invoke('profiles.update', { id, patch: input as ProfilePatch });
          await get().loadProfiles();
          set({ accountNotice: { tone: 'good', text: `Saved "${saved.name}".` } });
          return saved.id;
        } catch (error) {
          const fields = fieldErrorsOf(error);
          set({
            profileFieldErrors: fields,
            accountNotice: {
              tone: 'bad',
              text:
                Object.keys(fields).length > 0
                  ? 'Some values are not valid. Correct the marked fields and save again.'
                  : errorMessage(error),
            },
          });
          return null;
        }
      },
      async activateProfile(id) {
        try {
          await api.invoke('profiles.activate', { id });
          await get().loadProfiles();
        } catch (error) {
          fail(error);
        }
      },
      async removeProfile(id, leaveKeychainEntries = false) {
        const name = get().profiles?.find((p) => p.id === id)?.name ?? 'the profile';
        const place = placeOf(id);
        set({ removalBlockedByKeychain: null });
        try {
          const result = await api.invoke('profiles.remove', { id, leaveKeychainEntries });
          await get().loadProfiles();
          const secrets = result.removedSecrets.map(secretName);
          set({
            accountNotice: {
              tone: 'good',
              text: result.keychainEntriesLeft
                ? `Removed "${name}"; its entries were left in ${place} (under profile/${id}/), for you to delete there.`
                : secrets.length === 0
                  ? `Removed "${name}"; it had no secrets in ${place}.`
                  : `Removed "${name}" and deleted from ${place}: ${secrets.join(', ')}.`,
            },
          });
        } catch (error) {
          fail(error);
          if (error instanceof DailiesError && error.code === 'E_KEYCHAIN_UNAVAILABLE')
            set({ removalBlockedByKeychain: id });
        }
      },
      async setSecret(profileId, kind, value) {
        try {
          const result = await api.invoke('profiles.setSecret', { profileId, kind, value });
          await get().loadProfiles();
          // The answer's own status first: it names a session store even on a fresh profile.
          const place = storagePlace(
            secretStorage({
              ...get().profiles?.find((p) => p.id === profileId)?.secrets,
              [kind]: result.status,
            }),
          );
          set({
            accountNotice: { tone: 'good', text: `Stored the ${secretName(kind)} in ${place}.` },
          });
          return true;
        } catch (error) {
          fail(error);
          return false;
        }
      },
      async clearSecret(profileId, kind) {
        const place = placeOf(profileId);
        try {
          const result = await api.invoke('profiles.clearSecret', { profileId, kind });
          await get().loadProfiles();
          set({
            accountNotice: {
              tone: 'good',
              text: result.removed
                ? `Deleted the ${secretName(kind)} from ${place}.`
                : `No ${secretName(kind)} was stored.`,
            },
          });
        } catch (error) {
          fail(error);
        }
      },
      async testConnection(profileId) {
        set((state) => ({ connection: { ...state.connection, [profileId]: { kind: 'running' } } }));
        let next: ConnectionState;
        try {
          const result = await api.invoke('profiles.testConnection', { profileId });
          next = { kind: 'done', ok: result.ok, checks: result.checks };
        } catch (error) {
          next = { kind: 'failed', message: errorMessage(error) };
        }
        set((state) => ({ connection: { ...state.connection, [profileId]: next } }));
      },
      async loadAccountStatus(profileId) {
        // A known answer stays on screen while it is checked again; anything else is pending.
        if (get().accountStatus[profileId]?.kind !== 'known') {
          set((state) => ({
            accountStatus: { ...state.accountStatus, [profileId]: { kind: 'checking' } },
          }));
        }
        try {
          known(profileId, await api.invoke('account.status', { profileId }));
        } catch (error) {
          // Said in the sign-in panel, not as a notice: it is that panel's answer.
          const failed: AccountStatusState = {
            kind: 'failed',
            message: errorMessage(error),
            keychainUnavailable:
              error instanceof DailiesError && error.code === 'E_KEYCHAIN_UNAVAILABLE',
          };
          set((state) => ({ accountStatus: { ...state.accountStatus, [profileId]: failed } }));
        }
      },
      async signIn(profileId, email, password) {
        try {
          known(profileId, await api.invoke('account.signIn', { profileId, email, password }));
          set({ accountNotice: null });
          await get().loadProfiles();
          return true;
        } catch (error) {
          fail(error);
          return false;
        }
      },
      async signOut(profileId) {
        const place = placeOf(profileId);
        try {
          const result = await api.invoke('account.signOut', { profileId });
          known(profileId, result.status);
          set({
            accountNotice: {
              tone: 'good',
              text:
                result.removedSecrets.length > 0
                  ? `Signed out; the sign-in token was deleted from ${place}.`
                  : 'Signed out.',
            },
          });
          const profile = get().profiles?.find((p) => p.id === profileId);
          if (profile) replace({ ...profile, signIn: null });
        } catch (error) {
          fail(error);
        }
      },
    };
  };
