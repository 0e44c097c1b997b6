import type { SyncHold } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';
import { formatWhen } from '../../components/format';

const holdTitles: Record<SyncHold['reason'], string> = {
  auth: 'Uploads are stopped: a token or key was refused',
  offline: 'Uploads are waiting: the bucket or platform cannot be reached',
  window: 'Uploads are waiting for their time window',
};

/**
 * Why Dailies holds a profile's uploads, with what happens next and what the editor can do:
 * fix the refused secret in Account, or nothing (Dailies looks again, or the window opens).
 */
export function UploadHolds({ holds }: { holds: SyncHold[] }) {
  const showView = useDailies((s) => s.showView);
  const profiles = useDailies((s) => s.profiles);
  if (holds.length === 0) return null;
  const profileName = (id: string) => profiles?.find((p) => p.id === id)?.name ?? id;
  return (
    <div className="sync-holds">
      {holds.map((hold) => (
        <div
          key={`${hold.profileId}-${hold.reason}`}
          className={`sync-hold sync-hold-${hold.reason}`}
          role="alert"
          data-reason={hold.reason}
        >
          <p className="sync-hold-title">
            {holdTitles[hold.reason]}{' '}
            <span className="muted">· profile “{profileName(hold.profileId)}”</span>
          </p>
          <p>{hold.message}</p>
          {hold.reason === 'auth' ? (
            <p>
              <button
                type="button"
                className="button button-small"
                onClick={() => showView('account')}
              >
                Open Account
              </button>
            </p>
          ) : hold.until ? (
            <p className="muted">
              {hold.reason === 'window' ? 'The window opens at' : 'Trying again at'}{' '}
              {formatWhen(hold.until)}.
            </p>
          ) : null}
        </div>
      ))}
    </div>
  );
}
