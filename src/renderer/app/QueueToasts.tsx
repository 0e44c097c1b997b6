import { useEffect } from 'react';
import { useDailies } from '../store/store-context';
import type { QueueToast } from '../store/queue-notice-slice';
import { viewTitles } from './view-titles';

/** A finished batch is news for a while; what needs the editor stays until dismissed. */
const FINISHED_SHOWN_MS = 12_000;

/**
 * The queue's notices inside the window (the desktop shell also shows them as OS
 * notifications): a batch finished, or something needs the editor. A live region, so a
 * screen reader says them too; each opens the view it is about.
 */
export function QueueToasts() {
  const toasts = useDailies((s) => s.queueToasts);
  return (
    <section className="toasts" aria-label="Notices">
      <div role="status" aria-live="polite">
        {toasts.map((toast) => (
          <Toast key={toast.id} toast={toast} />
        ))}
      </div>
    </section>
  );
}

function Toast({ toast }: { toast: QueueToast }) {
  const dismiss = useDailies((s) => s.dismissQueueToast);
  const showView = useDailies((s) => s.showView);
  useEffect(() => {
    if (toast.kind !== 'finished') return;
    const timer = setTimeout(() => dismiss(toast.id), FINISHED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.kind}`} data-kind={toast.kind}>
      <p className="toast-title">{toast.title}</p>
      <p className="toast-body">{toast.body}</p>
      <div className="toast-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            showView(toast.view);
            dismiss(toast.id);
          }}
        >
          Open {viewTitles[toast.view]}
        </button>
        <button
          type="button"
          className="button button-small button-quiet"
          aria-label={`Dismiss: ${toast.title}`}
          onClick={() => dismiss(toast.id)}
        >
          Dismiss
        </button>
      </div>
    </div>
  );
}
