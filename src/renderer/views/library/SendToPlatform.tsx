import { useShallow } from 'zustand/react/shallow';
import { useDailies } from '../../store/store-context';
import { plural } from '../../store/plural';

/**
 * Queues the selected assets for upload under the active profile, named beside the button:
 * every one that can go goes, the others are listed with why (SendLeftOut). "Send all
 * ready" queues every analysed asset never sent. Ctrl/Cmd+Enter in the list sends too.
 */
export function SendToPlatform() {
  const selectedIds = useDailies(useShallow((s) => s.selectedIds));
  const profile = useDailies((s) => s.profiles?.find((p) => p.active) ?? null);
  const send = useDailies((s) => s.sendToPlatform);
  const sendAllReady = useDailies((s) => s.sendAllReady);
  const count = selectedIds.length;
  return (
    <span className="send-to-platform">
      <button
        type="button"
        className="button"
        disabled={count === 0 || profile === null}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        aria-describedby="send-profile"
        onClick={() => void send(selectedIds)}
      >
        {count > 1 ? `Send ${count} to platform` : 'Send to platform'}
      </button>
      <button
        type="button"
        className="button"
        disabled={profile === null}
        aria-describedby="send-profile"
        onClick={() => void sendAllReady()}
      >
        Send all ready
      </button>
      <span id="send-profile" className="send-profile muted">
        {profile ? `Profile: ${profile.name}` : 'No upload profile yet (see Account)'}
      </span>
    </span>
  );
}

/** The assets the last send left out, each with its reason; one click selects just those. */
export function SendLeftOut() {
  const leftOut = useDailies((s) => s.sendLeftOut);
  const selectIds = useDailies((s) => s.selectIds);
  if (!leftOut) return null;
  return (
    <div className="send-left-out">
      <ul aria-label="Not sent">
        {leftOut.map((item) => (
          <li key={item.assetId}>{item.reason}</li>
        ))}
      </ul>
      <button
        type="button"
        className="link-button"
        onClick={() => selectIds(leftOut.map((item) => item.assetId))}
      >
        Select just {leftOut.length === 1 ? 'this one' : `these ${plural(leftOut.length, 'asset')}`}
      </button>
    </div>
  );
}
