import { useShallow } from 'zustand/react/shallow';
import { useDailies } from '../../store/store-context';

/**
 * Queues the selected assets for upload under the active profile, named beside the button;
 * the outcome (queued, already queued, already synced, or which assets cannot go and why)
 * shows in the library's notice line. Ctrl/Cmd+Enter in the list does the same.
 */
export function SendToPlatform() {
  const selectedIds = useDailies(useShallow((s) => s.selectedIds));
  const profile = useDailies((s) => s.profiles?.find((p) => p.active) ?? null);
  const send = useDailies((s) => s.sendToPlatform);
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
      <span id="send-profile" className="send-profile muted">
        {profile ? `Profile: ${profile.name}` : 'No upload profile yet (see Account)'}
      </span>
    </span>
  );
}
