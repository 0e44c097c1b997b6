import { useState } from 'react';
import { useDailies } from '../../store/store-context';
import { ConfirmDialog } from '../library/ConfirmDialog';
import type { JobGroups } from './job-groups';

/** The actions on every analysis job at once; cancelling all asks first. */
export function JobsActions({ groups }: { groups: JobGroups }) {
  const runJobAction = useDailies((s) => s.runJobAction);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const { counts } = groups;
  const unfinished = counts.running + counts.queued + counts.paused;
  const all = { all: true, kind: 'analyse' } as const;

  return (
    <div className="header-actions">
      <button
        type="button"
        className="button"
        disabled={counts.running + counts.queued === 0}
        onClick={() => void runJobAction('pause', all)}
      >
        Pause all
      </button>
      <button
        type="button"
        className="button"
        disabled={counts.paused === 0}
        onClick={() => void runJobAction('resume', all)}
      >
        Resume all
      </button>
      <button
        type="button"
        className="button"
        disabled={counts.failed === 0}
        onClick={() => {
          const ids = groups.failed.map((job) => job.id);
          if (ids.length > 0) void runJobAction('retry', { ids: ids.slice(0, 10_000) });
        }}
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
          title="Cancel every analysis job?"
          confirmLabel={`Cancel ${unfinished} ${unfinished === 1 ? 'job' : 'jobs'}`}
          cancelLabel="Keep them"
          onCancel={() => setConfirmCancel(false)}
          onConfirm={() => {
            setConfirmCancel(false);
            void runJobAction('cancel', all);
          }}
        >
          Running analyses stop now and waiting ones are dropped. Their assets keep what an earlier
          analysis found; Retry queues them again.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
