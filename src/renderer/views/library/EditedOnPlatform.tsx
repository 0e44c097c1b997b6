import type { Asset } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';

/**
 * An asset already on the platform that the editor edited: the platform shows the edit only
 * once the metadata is sent again. Says so, and offers that re-send (the video and thumbnail
 * are not uploaded again), or says it is on its way when the setting sends edits by itself.
 */
export function EditedOnPlatform({ asset }: { asset: Asset }) {
  const sendToPlatform = useDailies((s) => s.sendToPlatform);
  const automatic = useDailies((s) => s.settings?.resendEditsAutomatically ?? false);
  if (asset.syncedAt === null || asset.deletedAt !== null) return null;
  const sending = asset.status === 'queued' || asset.status === 'uploading';
  if (asset.status !== 'dirty' && !sending) return null;
  return (
    <div className="detail-edited" role="note" aria-label="Your edit and the platform">
      {sending ? (
        <p>
          Sending your edit to the platform: its title, description and age rating change there
          next.
        </p>
      ) : (
        <>
          <p>
            Edited since it was sent: the platform still shows the old title, description and age
            rating until the metadata is sent again. Only the metadata goes; the video is not
            uploaded again.
          </p>
          {automatic ? (
            <p className="muted">
              Dailies sends edits by itself (Settings); this one waits for its turn.
            </p>
          ) : null}
          <button
            type="button"
            className="button button-primary"
            onClick={() => void sendToPlatform([asset.id])}
          >
            Send changes to the platform
          </button>
        </>
      )}
    </div>
  );
}
