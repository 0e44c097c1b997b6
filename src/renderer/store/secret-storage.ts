import { secretKindSchema } from '../../shared/contract/secrets';
import type { SecretKind, SecretStatus } from '../../shared/contract';

/**
 * Where a profile's secrets are kept, as far as the engine's statuses tell. One engine has one
 * store, so a single status is enough to know it: a keychain that cannot be asked answers
 * `unavailable` for every secret it would hold, and a session store names itself in the
 * origin of each secret it holds.
 */
export type SecretStorage =
  | { kind: 'keychain' }
  | { kind: 'session'; description: string }
  /** `reason` is the engine's own text: what to start or unlock, and the headless way out. */
  | { kind: 'unavailable'; reason: string };

/**
 * Reads the storage off a profile's secret statuses. Until one secret is held, nothing says a
 * session store is behind them, so "keychain" is the answer then: it is every host's store
 * but the demo's.
 */
export function secretStorage(
  statuses: Partial<Record<SecretKind, SecretStatus>> | undefined,
): SecretStorage {
  const known = secretKindSchema.options
    .map((kind) => statuses?.[kind])
    .filter((status): status is SecretStatus => status !== undefined);
  for (const status of known) {
    if (status.state === 'unavailable') return { kind: 'unavailable', reason: status.reason };
  }
  for (const status of known) {
    if (status.state === 'set' && status.source === 'session') {
      return { kind: 'session', description: status.origin };
    }
  }
  return { kind: 'keychain' };
}

/** Where stored secrets go, mid-sentence: "Stored the internal token in <place>." */
export function storagePlace(storage: SecretStorage): string {
  return storage.kind === 'session' ? storage.description : 'the keychain';
}
