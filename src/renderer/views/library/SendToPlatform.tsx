import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConfirmDialog } from '../../components/ConfirmDialog';
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

/**
 * The assets the last send left out, each with its reason; one click selects just those.
 * The ones only the delivery check stopped can be sent anyway, after a confirmation (their
 * history records it). Warnings of what went are listed too.
 */
export function SendLeftOut() {
  const leftOut = useDailies((s) => s.sendLeftOut);
  const warnings = useDailies((s) => s.sendWarnings);
  const selectIds = useDailies((s) => s.selectIds);
  const sendAnyway = useDailies((s) => s.sendAnyway);
  const [confirming, setConfirming] = useState<number[] | null>(null);
  if (!leftOut && !warnings) return null;
  const blocked = (leftOut ?? []).filter((item) => item.overridable);
  return (
    <div className="send-left-out">
      {warnings ? (
        <ul aria-label="Sent with warnings" className="send-warnings">
          {warnings.map((item) => (
            <li key={item.assetId}>
              <span className="visually-hidden">Warning: </span>
              {item.message}
            </li>
          ))}
        </ul>
      ) : null}
      {leftOut ? (
        <>
          <ul aria-label="Not sent">
            {leftOut.map((item) => (
              <li key={item.assetId}>
                {item.reason}
                {item.overridable ? (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Send “${item.title}” anyway`}
                      onClick={() => setConfirming([item.assetId])}
                    >
                      Send anyway…
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="link-button"
            onClick={() => selectIds(leftOut.map((item) => item.assetId))}
          >
            Select just{' '}
            {leftOut.length === 1 ? 'this one' : `these ${plural(leftOut.length, 'asset')}`}
          </button>
          {blocked.length > 1 ? (
            <>
              {' '}
              <button
                type="button"
                className="link-button"
                onClick={() => setConfirming(blocked.map((item) => item.assetId))}
              >
                Send all {blocked.length} that fail the delivery rules anyway…
              </button>
            </>
          ) : null}
        </>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={
            confirming.length === 1
              ? 'Send an asset that fails the delivery rules?'
              : `Send ${plural(confirming.length, 'asset')} that fail the delivery rules?`
          }
          confirmLabel={
            confirming.length === 1 ? 'Send anyway' : `Send ${confirming.length} anyway`
          }
          cancelLabel="Don’t send"
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const ids = confirming;
            setConfirming(null);
            void sendAnyway(ids);
          }}
        >
          <p>
            The platform may reject or mis-play a file that does not meet its delivery rules.
            Sending it anyway is recorded in its history with your name and the time.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
