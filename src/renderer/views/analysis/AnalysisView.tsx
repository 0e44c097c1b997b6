import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Job } from '../../../shared/contract';
import { JobGroup } from '../../components/JobGroup';
import { useDailies } from '../../store/store-context';
import { JobRow } from './JobRow';
import { JobCounts } from './JobCounts';
import { JobsActions } from './JobsActions';
import { groupJobs, RECENT_LIMIT } from './job-groups';

/** One analysis job in its group's list. */
const jobRow = (job: Job) => <JobRow key={job.id} job={job} />;

/**
 * The analysis queue, live: what runs now with its stage and progress, what waits, what is
 * paused, what failed and why, what finished lately; with pause, resume, cancel and retry
 * for all jobs or one.
 */
export function AnalysisView() {
  const { jobs, loaded, error } = useDailies(
    useShallow((s) => ({ jobs: s.jobs, loaded: s.jobsLoaded, error: s.jobsError })),
  );
  const groups = useMemo(() => groupJobs(Object.values(jobs)), [jobs]);
  const total = Object.values(groups.counts).reduce((a, b) => a + b, 0);

  return (
    <div className="analysis-view">
      <header className="analysis-header">
        <div>
          <h1 id="view-title">Analysis</h1>
          <p className="view-lede">
            Media info, integrity, thumbnails and the delivery check, done on this computer.
          </p>
        </div>
        <JobsActions groups={groups} />
      </header>
      <JobCounts counts={groups.counts} />
      {error ? (
        <p role="alert" className="form-message form-message-bad">
          {error}
        </p>
      ) : null}
      {!loaded ? (
        <p className="muted">Loading…</p>
      ) : total === 0 ? (
        <div className="jobs-empty">
          <p>No analysis has run yet.</p>
          <p className="muted">
            Footage you add to the Library is analysed here: its media info is read, the file is
            checked to play to the end, and a thumbnail and filmstrip are made.
          </p>
        </div>
      ) : (
        <>
          <JobGroup
            labelId="jobs-running"
            title="Running"
            items={groups.running}
            renderItem={jobRow}
          />
          <JobGroup
            labelId="jobs-queued"
            title="Queued"
            items={groups.queued}
            renderItem={jobRow}
          />
          <JobGroup
            labelId="jobs-paused"
            title="Paused"
            items={groups.paused}
            renderItem={jobRow}
          />
          <JobGroup
            labelId="jobs-failed"
            title="Failed"
            items={groups.failed}
            renderItem={jobRow}
          />
          <JobGroup
            labelId="jobs-finished"
            title="Recently finished"
            items={groups.finished}
            renderItem={jobRow}
            more={
              groups.counts.done + groups.counts.cancelled > RECENT_LIMIT
                ? `The ${RECENT_LIMIT} most recent are listed.`
                : undefined
            }
          />
        </>
      )}
    </div>
  );
}
