import { useState } from 'react';
import type { JobState } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';
import { ConfirmDialog } from '../library/ConfirmDialog';
import type { JobGroups } from './job-groups';

const countLabels: Array<[JobState, string]> = [
  ['running', 'running'],
  ['queued', 'queued'],
  ['paused', 'paused'],
  ['failed', 'failed'],
  ['done', 'done'],
  ['cancelled', 'cancelled'],
];

/** Counts per state and the actions on every analysis job at once. */
export function JobsToolbar({ groups }: { groups: JobGroups }) {
  const runJobAction = useDailies((s) => s.runJobAction);
  const notice = useDailies((s) => s.jobsNotice);
  const capped = useDailies((s) => s.jobsCapped);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const { counts } = groups;
  const unfinished = counts.running + counts.queued + counts.paused;
  const all = { all: true, kind: 'analyse' } as const;

  return (
    <div className="jobs-toolbar">
      <ul className="job-counts" aria-label="Analysis jobs by state">
        {countLabels.map(([state, label]) => (
          <li key={state} className={`job-count job-count-${state}`} data-count={counts[state]}>
            <strong>
              {counts[state]}
              {capped.includes(state) ? '+' : ''}
            </strong>{' '}
            {label}
          </li>
        ))}
      </ul>
      <div className="jobs-actions">
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
      </div>
      <div className="jobs-notice" role="status">
        {notice ? (
          <p className={notice.tone === 'ok' ? 'notice-ok' : 'notice-bad'}>{notice.text}</p>
        ) : null}
      </div>
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
