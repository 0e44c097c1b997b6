import type { JobState } from '../../../shared/contract';
import { JobsNotice } from '../../components/JobsNotice';
import { useDailies } from '../../store/store-context';
import type { JobGroups } from './job-groups';

const countLabels: Array<[JobState, string]> = [
  ['running', 'running'],
  ['queued', 'queued'],
  ['paused', 'paused'],
  ['failed', 'failed'],
  ['done', 'done'],
  ['cancelled', 'cancelled'],
];

/** How many analysis jobs are in each state, and the outcome of the last action. */
export function JobCounts({ counts }: { counts: JobGroups['counts'] }) {
  const notice = useDailies((s) => s.jobsNotice);
  const capped = useDailies((s) => s.jobsCapped);
  return (
    <div className="jobs-summary">
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
      <JobsNotice notice={notice} />
    </div>
  );
}
