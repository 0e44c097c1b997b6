import { useState, type ReactNode } from 'react';
import type { JobKind, JobSelection } from '../../shared/contract';
import type { JobAction } from '../store/job-actions';
import { plural } from '../store/plural';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Pause all, Resume all, Retry failed and Cancel all… for one kind of job, as the Analysis
 * and Upload queue views show them. Cancelling everything asks first, with "Keep them" as
 * the default.
 */
export function BulkJobActions({
  kind,
  counts,
  failedIds,
  noun,
  cancelTitle,
  cancelExplain,
  run,
}: {
  kind: JobKind;
  counts: { queued: number; running: number; paused: number };
  /** The failed jobs Retry failed queues again (conflicts, say, may be left out). */
  failedIds: number[];
  /** What one job is called in this view: "job", "upload". */
  noun: string;
  cancelTitle: string;
  cancelExplain: ReactNode;
  run: (action: JobAction, selection: JobSelection) => Promise<void>;
}) {
  const [confirmCancel, setConfirmCancel] = useState(false);
  const all = { all: true, kind } as const;
  const unfinished = counts.queued + counts.running + counts.paused;
  return (
    <div className="header-actions">
      <button
        type="button"
        className="button"
        disabled={counts.queued + counts.running === 0}
        onClick={() => void run('pause', all)}
      >
        Pause all
      </button>
      <button
        type="button"
        className="button"
        disabled={counts.paused === 0}
        onClick={() => void run('resume', all)}
      >
        Resume all
      </button>
      <button
        type="button"
        className="button"
        disabled={failedIds.length === 0}
        onClick={() => void run('retry', { ids: failedIds.slice(0, 10_000) })}
      >
        Retry failed
      </button>
      <button
        type="button"
        className="button button-danger"
        disabled={unfinished === 0}
        onClick={() => setConfirmCancel(true)}
      >
        Cancel all…
      </button>
      {confirmCancel ? (
        <ConfirmDialog
          title={cancelTitle}
          confirmLabel={`Cancel ${plural(unfinished, noun)}`}
          cancelLabel="Keep them"
          onCancel={() => setConfirmCancel(false)}
          onConfirm={() => {
            setConfirmCancel(false);
            void run('cancel', all);
          }}
        >
          {cancelExplain}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
