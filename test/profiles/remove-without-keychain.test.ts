import { describe, expect, it } from 'vitest';
import { dailiesError } from '../../src/shared/contract';
import type { SecretStore } from '../../src/engine/secrets/secret-store';
import { call, testEngine } from '../helpers/engine';
import { sessionSecretStore } from './profile-kit';

/** A keychain that can be taken away mid-test, as when the Secret Service stops answering. */
function flakyKeychain() {
  const inner = sessionSecretStore();
  let up = true;
  const gate = <T>(work: () => Promise<T>): Promise<T> =>
    up
      ? work()
      : Promise.reject(
          dailiesError('E_KEYCHAIN_UNAVAILABLE', 'The Secret Service cannot be reached.', {
            retryable: true,
          }),
        );
  const store: SecretStore = {
    source: 'keychain',
    description: 'the Secret Service',
    get: (account) => gate(() => inner.get(account)),
    set: (account, value) => gate(() => inner.set(account, value)),
    delete: (account) => gate(() => inner.delete(account)),
    list: () => gate(() => inner.list()),
    checkAvailable: () => gate(() => Promise.resolve()),
  };
  return { store, inner, goDown: () => (up = false) };
}

describe('removing a profile while the keychain is unavailable', () => {
  it('refuses by default, and with leaveKeychainEntries removes it and says the entries were left', async () => {
    const keychain = flakyKeychain();
    const engine = testEngine({ secrets: keychain.store });
    const profile = await call(engine, 'profiles.create', {
      name: 'Old bucket',
      apiBaseUrl: 'https://platform.example.com',
      bucket: 'old-bucket',
      region: 'eu-west-1',
    });
    await call(engine, 'profiles.setSecret', {
      profileId: profile.id,
      kind: 'internal-token',
      value: 'itk-left-behind-0001',
    });
    keychain.goDown();

    const refused = await engine.dispatch('profiles.remove', { id: profile.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'E_KEYCHAIN_UNAVAILABLE' } });
    expect((await call(engine, 'profiles.list', {})).map((p) => p.id)).toContain(profile.id);

    const removed = await call(engine, 'profiles.remove', {
      id: profile.id,
      leaveKeychainEntries: true,
    });
    expect(removed).toEqual({
      removed: true,
      removedSecrets: [],
      keychainEntriesLeft: true,
      activeId: null,
    });
    expect((await call(engine, 'profiles.list', {})).map((p) => p.id)).not.toContain(profile.id);
    expect(await keychain.inner.list()).toEqual([`profile/${profile.id}/internal-token`]);
  });
});
