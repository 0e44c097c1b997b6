import type { SecretStatus } from '../../../shared/contract';
import type { SecretStorage } from '../../store/secret-storage';

/** The secrets panel's first line: where what the editor types here will live. */
export function secretsLede(storage: SecretStorage): string {
  if (storage.kind === 'session') {
    // The session store is memory by definition (see SecretSource): say what that means.
    return (
      `Held only in ${storage.description}: nothing is written to disk or to the system ` +
      'keychain. Dailies shows at most the last four characters.'
    );
  }
  return 'Kept in the system keychain only; Dailies shows at most the last four characters.';
}

/** The store button names where the value goes, so nobody stores into memory unawares. */
export function storeButtonLabel(storage: SecretStorage): string {
  return storage.kind === 'session' ? 'Store for this session' : 'Store in keychain';
}

/**
 * One secret's line under its label. An unreadable secret only says so: the reason is the
 * panel's, shown once above the rows, not repeated on each of them.
 */
export function secretStatusLine(status: SecretStatus | undefined): string {
  if (!status || status.state === 'not-set') return 'Not set';
  if (status.state === 'unavailable') return 'Cannot be read: the keychain is unavailable';
  return `Set ${status.masked} (from ${status.origin})`;
}

/** Only what Dailies stored can be deleted here; a variable or an AWS profile is the host's. */
export function canDeleteSecret(status: SecretStatus | undefined): boolean {
  return status?.state === 'set' && (status.source === 'keychain' || status.source === 'session');
}
