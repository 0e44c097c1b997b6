import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, LOG_FILE } from '../../src/engine/logging/logger';
import { SecretRedactor } from '../../src/engine/logging/redactor';
import { KeyringSecretStore } from '../../src/engine/secrets/keyring-secret-store';
import { DailiesError } from '../../src/shared/contract';
import { tempDir } from '../helpers/temp-dir';
import { keychainRequired, probeKeychain, testServiceName } from './keychain-gate';

const service = testServiceName();
const store = new KeyringSecretStore({ redactor: new SecretRedactor(), service });
const probe = await probeKeychain(store);

async function removeEverything(): Promise<void> {
  if (probe.usable) for (const account of await store.list()) await store.delete(account);
}

afterEach(removeEverything);
afterAll(removeEverything);

describe('the OS keychain', () => {
  it.skipIf(!keychainRequired && !probe.usable)(
    'is usable for storing secrets on this machine (required when CI=true)',
    () => {
      expect(probe.usable ? 'usable' : probe.reason).toBe('usable');
    },
  );
});

describe.skipIf(!probe.usable)('secrets in the real OS keychain (needs a usable one)', () => {
  it('stores a secret, reads it back, lists it by account name and deletes it', async () => {
    await store.set('profile/1/internal-token', 'itk-0123456789abcdef');
    await store.set('profile/1/s3-secret-access-key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');

    expect(await store.get('profile/1/internal-token')).toBe('itk-0123456789abcdef');
    expect(await store.list()).toEqual([
      'profile/1/internal-token',
      'profile/1/s3-secret-access-key',
    ]);

    expect(await store.delete('profile/1/internal-token')).toBe(true);
    expect(await store.get('profile/1/internal-token')).toBeNull();
    expect(await store.list()).toEqual(['profile/1/s3-secret-access-key']);
  });

  it('keeps a value with accents, CJK and emoji exactly as given', async () => {
    const value = 'pässwörd-日本語-🔑-ключ-\u00e9\u0301';
    await store.set('profile/2/platform-access-token', value);
    // A second store instance reads from the keychain, not from anything this one remembers.
    const other = new KeyringSecretStore({ redactor: new SecretRedactor(), service });
    expect(await other.get('profile/2/platform-access-token')).toBe(value);
  });

  it('replaces the value when an account is stored again', async () => {
    await store.set('profile/3/s3-access-key-id', 'AKIAOLDOLDOLDOLD0001');
    await store.set('profile/3/s3-access-key-id', 'AKIANEWNEWNEWNEW0002');
    expect(await store.get('profile/3/s3-access-key-id')).toBe('AKIANEWNEWNEWNEW0002');
    expect(await store.list()).toEqual(['profile/3/s3-access-key-id']);
  });

  it('answers "nothing there" when deleting or reading an account that was never stored', async () => {
    expect(await store.delete('profile/404/internal-token')).toBe(false);
    expect(await store.get('profile/404/internal-token')).toBeNull();
  });

  it('lists only the entries of its own service', async () => {
    const neighbour = new KeyringSecretStore({
      redactor: new SecretRedactor(),
      service: testServiceName(),
    });
    await neighbour.set('profile/1/internal-token', 'neighbour-token-value');
    try {
      await store.set('profile/5/internal-token', 'own-token-value-123');
      expect(await store.list()).toEqual(['profile/5/internal-token']);
    } finally {
      await neighbour.delete('profile/1/internal-token');
    }
  });

  it('masks a value read from the keychain wherever it later shows up in the logs', async () => {
    const secret = 'itk-logged-by-accident-9f8e7d6c';
    await store.set('profile/6/internal-token', secret);

    // A fresh engine-side redactor knows nothing until the store reads the value.
    const redactor = new SecretRedactor();
    const reader = new KeyringSecretStore({ redactor, service });
    const dir = tempDir();
    const logger = createFileLogger({ dir, redactor, now: () => new Date(0) });
    expect(redactor.redact(secret)).toBe(secret);

    const value = await reader.get('profile/6/internal-token');
    logger.warn(`calling https://platform.example/v1/ping?t=${value}`, { echoed: value });

    const text = fs.readFileSync(path.join(dir, LOG_FILE), 'utf8');
    expect(text).not.toContain(secret);
    expect(text).toContain('t=***');
  });

  it('refuses an empty value instead of storing nothing', async () => {
    const error = await store.set('profile/7/internal-token', '').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DailiesError);
    expect((error as DailiesError).code).toBe('E_VALIDATION');
    expect(await store.list()).toEqual([]);
  });
});
