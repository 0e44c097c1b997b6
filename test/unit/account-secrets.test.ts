import { describe, expect, it } from 'vitest';
import { createStore, type StateCreator } from 'zustand/vanilla';
import { createAccountSlice, type AccountSlice } from '../../src/renderer/store/account-slice';
import { secretStorage, storagePlace } from '../../src/renderer/store/secret-storage';
import { formatDate } from '../../src/renderer/components/format';
import { signInSummary } from '../../src/renderer/views/account/sign-in-summary';
import {
  canDeleteSecret,
  secretStatusLine,
  secretsLede,
  storeButtonLabel,
} from '../../src/renderer/views/account/secrets-wording';
import {
  dailiesError,
  type AccountStatus,
  type DailiesApi,
  type SecretKind,
  type SecretStatus,
} from '../../src/shared/contract';

const REASON =
  'Dailies cannot use the system keychain: no Secret Service answered on the D-Bus session bus. ' +
  'To run without a keychain, give DAILIES_INTERNAL_TOKEN, and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE.';
const DEMO = "this demo's memory (forgotten when it stops)";

const notSet: SecretStatus = { state: 'not-set' };
const unavailable: SecretStatus = { state: 'unavailable', reason: REASON };
const set = (source: 'environment' | 'aws-profile' | 'keychain' | 'session', origin: string) =>
  ({ state: 'set', source, origin, masked: '••••abcd' }) as const satisfies SecretStatus;

function statuses(
  fields: Partial<Record<SecretKind, SecretStatus>> = {},
): Record<SecretKind, SecretStatus> {
  return {
    'internal-token': notSet,
    's3-access-key-id': notSet,
    's3-secret-access-key': notSet,
    'platform-access-token': notSet,
    ...fields,
  };
}

describe('where a profile keeps its secrets', () => {
  it('is the keychain when nothing says otherwise', () => {
    expect(secretStorage(statuses())).toEqual({ kind: 'keychain' });
    expect(secretStorage(undefined)).toEqual({ kind: 'keychain' });
    expect(
      secretStorage(statuses({ 'internal-token': set('keychain', 'the Secret Service') })),
    ).toEqual({ kind: 'keychain' });
  });

  it('is unavailable with the engine reason when any secret cannot be read, even beside environment ones', () => {
    const storage = secretStorage(
      statuses({
        'internal-token': set('environment', 'DAILIES_INTERNAL_TOKEN'),
        's3-access-key-id': set('aws-profile', 'AWS_PROFILE=media'),
        's3-secret-access-key': set('aws-profile', 'AWS_PROFILE=media'),
        'platform-access-token': unavailable,
      }),
    );
    expect(storage).toEqual({ kind: 'unavailable', reason: REASON });
    expect(storagePlace(storage)).toBe('the keychain');
  });

  it('is the session store, named by its own description, once it holds one secret', () => {
    const storage = secretStorage(statuses({ 's3-access-key-id': set('session', DEMO) }));
    expect(storage).toEqual({ kind: 'session', description: DEMO });
    expect(storagePlace(storage)).toBe(DEMO);
  });
});

describe('the secrets panel wording', () => {
  it('says the keychain, and offers to store in it, for the keychain and an unavailable one', () => {
    for (const storage of [
      { kind: 'keychain' },
      { kind: 'unavailable', reason: REASON },
    ] as const) {
      expect(secretsLede(storage)).toBe(
        'Kept in the system keychain only; Dailies shows at most the last four characters.',
      );
      expect(storeButtonLabel(storage)).toBe('Store in keychain');
    }
  });

  it('says plainly that a session store is memory for this run only', () => {
    const storage = { kind: 'session', description: DEMO } as const;
    expect(secretsLede(storage)).toBe(
      "Held only in this demo's memory (forgotten when it stops): nothing is written to disk or " +
        'to the system keychain. Dailies shows at most the last four characters.',
    );
    expect(storeButtonLabel(storage)).toBe('Store for this session');
  });

  it('gives each row its state and origin, and never the keychain reason', () => {
    expect(secretStatusLine(undefined)).toBe('Not set');
    expect(secretStatusLine(notSet)).toBe('Not set');
    expect(secretStatusLine(set('environment', 'DAILIES_INTERNAL_TOKEN'))).toBe(
      'Set ••••abcd (from DAILIES_INTERNAL_TOKEN)',
    );
    expect(secretStatusLine(set('session', DEMO))).toBe(`Set ••••abcd (from ${DEMO})`);
    const line = secretStatusLine(unavailable);
    expect(line).toBe('Cannot be read: the keychain is unavailable');
    expect(line).not.toContain(REASON);
  });

  it('offers Delete only for what Dailies stored itself', () => {
    expect(canDeleteSecret(set('keychain', 'the Secret Service'))).toBe(true);
    expect(canDeleteSecret(set('session', DEMO))).toBe(true);
    expect(canDeleteSecret(set('environment', 'DAILIES_INTERNAL_TOKEN'))).toBe(false);
    expect(canDeleteSecret(set('aws-profile', 'AWS_PROFILE=media'))).toBe(false);
    expect(canDeleteSecret(unavailable)).toBe(false);
    expect(canDeleteSecret(notSet)).toBe(false);
  });
});

describe('the sign-in line', () => {
  const keychain = { kind: 'keychain' } as const;
  const noKeychain = { kind: 'unavailable', reason: REASON } as const;

  it('says "Checking…" only while a check is pending', () => {
    expect(signInSummary(undefined, keychain)).toBe('Checking…');
    expect(signInSummary({ kind: 'checking' }, keychain)).toBe('Checking…');
  });

  it('gives a failed check its message, and points to the secrets panel for the keychain', () => {
    expect(
      signInSummary(
        { kind: 'failed', message: 'The platform is offline.', keychainUnavailable: false },
        keychain,
      ),
    ).toBe('Cannot check the sign-in: The platform is offline.');
    const pointer = signInSummary(
      { kind: 'failed', message: REASON, keychainUnavailable: true },
      noKeychain,
    );
    expect(pointer).toBe(
      'Cannot check the sign-in: the keychain that keeps it is unavailable (the reason is under Secrets below).',
    );
    // Should the secrets panel not show the reason (statuses read before the keychain went
    // away), the line gives it itself rather than leave the editor without one.
    expect(
      signInSummary({ kind: 'failed', message: REASON, keychainUnavailable: true }, keychain),
    ).toBe(`Cannot check the sign-in: ${REASON}`);
  });

  it('reads a known status', () => {
    const signedOut: AccountStatus = { state: 'signed-out', profileId: 'p1' };
    expect(signInSummary({ kind: 'known', status: signedOut }, keychain)).toBe('Not signed in.');
    const expired: AccountStatus = {
      state: 'expired',
      profileId: 'p1',
      email: 'mina@example.com',
      expiredAt: null,
      message: 'Your sign-in has expired. Sign in again.',
    };
    expect(signInSummary({ kind: 'known', status: expired }, keychain)).toBe(expired.message);
    const expiresAt = '2026-12-06T18:00:00.000Z';
    const signedIn: AccountStatus = {
      state: 'signed-in',
      profileId: 'p1',
      email: 'mina@example.com',
      name: 'Mina Park',
      username: null,
      roles: [],
      expiresAt,
      verified: false,
      note: 'the platform could not be reached',
    };
    expect(signInSummary({ kind: 'known', status: signedIn }, keychain)).toBe(
      `Signed in as Mina Park (mina@example.com) until ${formatDate(expiresAt)}` +
        ' — not confirmed: the platform could not be reached',
    );
  });
});

describe('the account slice', () => {
  /** An API whose account.status answers with what the test queues, one call at a time. */
  function fakeApi(answers: (() => Promise<unknown>)[]) {
    const api = {
      invoke: (method: string) => {
        if (method !== 'account.status') throw new Error(`unexpected call ${method}`);
        const next = answers.shift();
        if (!next) throw new Error('no answer queued');
        return next();
      },
      subscribe: () => () => {},
    } as unknown as DailiesApi;
    // The account slice alone: it reads and writes only its own fields.
    return createStore<AccountSlice>()(
      createAccountSlice(api) as unknown as StateCreator<AccountSlice>,
    );
  }

  it('records a failed status check instead of leaving it pending, and checks again on demand', async () => {
    let answer: (status: AccountStatus) => void = () => {};
    const store = fakeApi([
      () => Promise.reject(dailiesError('E_KEYCHAIN_UNAVAILABLE', REASON)),
      () => new Promise((resolve) => (answer = resolve)),
    ]);
    await store.getState().loadAccountStatus('p1');
    expect(store.getState().accountStatus.p1).toEqual({
      kind: 'failed',
      message: REASON,
      keychainUnavailable: true,
    });
    // The panel says it; a notice at the top of the view would say it a second time.
    expect(store.getState().accountNotice).toBeNull();

    const again = store.getState().loadAccountStatus('p1');
    expect(store.getState().accountStatus.p1).toEqual({ kind: 'checking' });
    answer({ state: 'signed-out', profileId: 'p1' });
    await again;
    expect(store.getState().accountStatus.p1).toEqual({
      kind: 'known',
      status: { state: 'signed-out', profileId: 'p1' },
    });
  });

  it('keeps a known status on screen while it is checked again, and marks other failures', async () => {
    const store = fakeApi([
      () => Promise.resolve({ state: 'signed-out', profileId: 'p1' }),
      () => Promise.reject(dailiesError('E_NETWORK', 'The platform could not be reached.')),
    ]);
    await store.getState().loadAccountStatus('p1');
    const again = store.getState().loadAccountStatus('p1');
    expect(store.getState().accountStatus.p1?.kind).toBe('known');
    await again;
    expect(store.getState().accountStatus.p1).toEqual({
      kind: 'failed',
      message: 'The platform could not be reached.',
      keychainUnavailable: false,
    });
  });

  it('offers to leave the keychain entries when a removal fails for want of the keychain, and says they were left', async () => {
    const calls: unknown[] = [];
    const api = {
      invoke: (method: string, input: unknown) => {
        calls.push([method, input]);
        if (method === 'profiles.list') return Promise.resolve([]);
        if (method !== 'profiles.remove') throw new Error(`unexpected call ${method}`);
        return (input as { leaveKeychainEntries?: boolean }).leaveKeychainEntries
          ? Promise.resolve({
              removed: true,
              removedSecrets: [],
              keychainEntriesLeft: true,
              activeId: null,
            })
          : Promise.reject(dailiesError('E_KEYCHAIN_UNAVAILABLE', REASON));
      },
      subscribe: () => () => {},
    } as unknown as DailiesApi;
    const store = createStore<AccountSlice>()(
      createAccountSlice(api) as unknown as StateCreator<AccountSlice>,
    );
    await store.getState().removeProfile('p1');
    expect(store.getState().removalBlockedByKeychain).toBe('p1');
    expect(store.getState().accountNotice).toEqual({ tone: 'bad', text: REASON });

    await store.getState().removeProfile('p1', true);
    expect(calls).toContainEqual(['profiles.remove', { id: 'p1', leaveKeychainEntries: true }]);
    expect(store.getState().removalBlockedByKeychain).toBeNull();
    expect(store.getState().accountNotice?.text).toMatch(/entries were left in .*profile\/p1\//);
  });
});
