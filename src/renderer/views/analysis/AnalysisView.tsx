import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Job } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';
import { JobRow } from './JobRow';
import { JobCounts } from './JobCounts';
import { JobsActions } from './JobsActions';
import { groupJobs, RECENT_LIMIT } from './job-groups';

/** Long waiting lists show their head; the rest are counted, not rendered. */
const SHOWN_PER_GROUP = 200;

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
          <JobGroup id="running" title="Running" jobs={groups.running} />
          <JobGroup id="queued" title="Queued" jobs={groups.queued} />
          <JobGroup id="paused" title="Paused" jobs={groups.paused} />
          <JobGroup id="failed" title="Failed" jobs={groups.failed} />
          <JobGroup
            id="finished"
            title="Recently finished"
            jobs={groups.finished}
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

function JobGroup({
  id,
  title,
  jobs,
  more,
}: {
  id: string;
  title: string;
  jobs: Job[];
  more?: string;
}) {
  const [showAll, setShowAll] = useState(false);
  if (jobs.length === 0) return null;
  const shown = showAll ? jobs : jobs.slice(0, SHOWN_PER_GROUP);
  const hidden = jobs.length - shown.length;
  return (
    <section className="job-group" aria-labelledby={`jobs-${id}`}>
      <h2 id={`jobs-${id}`} className="job-group-title">
        {title} <span className="job-group-count">{jobs.length}</span>
      </h2>
      <ul className="job-list">
        {shown.map((job) => (
          <JobRow key={job.id} job={job} />
        ))}
      </ul>
      {hidden > 0 ? (
        <button type="button" className="link-button" onClick={() => setShowAll(true)}>
          Show {hidden} more
        </button>
      ) : null}
      {more ? <p className="muted job-group-more">{more}</p> : null}
    </section>
  );
}
