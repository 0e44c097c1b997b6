import { formatDate } from '../../components/format';
import type { AccountStatusState } from '../../store/account-slice';
import type { SecretStorage } from '../../store/secret-storage';

/**
 * The sign-in panel's one line. It says "Checking…" only while a check is under way: a check
 * that failed says why, so the line never waits for an answer that is not coming.
 */
export function signInSummary(
  state: AccountStatusState | undefined,
  storage: SecretStorage,
): string {
  if (state === undefined || state.kind === 'checking') return 'Checking…';
  if (state.kind === 'failed') {
    // The secrets panel already gives the keychain's reason, once; a pointer is enough here.
    if (state.keychainUnavailable && storage.kind === 'unavailable') {
      return 'Cannot check the sign-in: the keychain that keeps it is unavailable (the reason is under Secrets below).';
    }
    return `Cannot check the sign-in: ${state.message}`;
  }
  const { status } = state;
  if (status.state === 'signed-in') {
    const who = `Signed in as ${status.name ?? status.email} (${status.email})`;
    const line = `${who} until ${formatDate(status.expiresAt)}`;
    return status.verified ? line : `${line} — not confirmed: ${status.note ?? ''}`;
  }
  if (status.state === 'expired') return status.message;
  return 'Not signed in.';
}
