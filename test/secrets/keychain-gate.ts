import { isDailiesError } from '../../src/shared/contract';
import type { SecretStore } from '../../src/engine/secrets/secret-store';

export type KeychainProbe = { usable: true } | { usable: false; reason: string };

/** The keychain tests run everywhere a keychain answers; CI=true makes a missing one fatal. */
export const keychainRequired = process.env.CI === 'true';

/** A service name no real entry uses, so the tests cannot touch an editor's secrets. */
export function testServiceName(): string {
  return `dailies-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Asks the real keychain to store and read back a probe entry, and says why it could not. */
export async function probeKeychain(store: SecretStore): Promise<KeychainProbe> {
  try {
    await store.checkAvailable();
    return { usable: true };
  } catch (error) {
    const reason = isDailiesError(error)
      ? `${error.code}: ${String(error.details?.cause ?? error.message)}`
      : String(error);
    if (!keychainRequired) {
      console.warn(
        [
          '',
          '!!! KEYCHAIN TESTS SKIPPED: no usable OS keychain.',
          `!!! ${reason}`,
          '!!! Run them with one: bash scripts/with-keyring.sh npx vitest run test/secrets',
          '!!! (With CI=true this fails the suite instead.)',
          '',
        ].join('\n'),
      );
    }
    return { usable: false, reason };
  }
}
