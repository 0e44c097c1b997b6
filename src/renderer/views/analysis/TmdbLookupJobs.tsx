import { useMemo } from 'react';
import type { Job } from '../../../shared/contract';
import { BulkJobActions } from '../../components/BulkJobActions';
import { formatWhen } from '../../components/format';
import { JobGroup } from '../../components/JobGroup';
import { JobsNotice } from '../../components/JobsNotice';
import { useDailies } from '../../store/store-context';
import type { JobAction } from '../../store/job-actions';
import { groupJobs } from './job-groups';

const groupTitles = [
  ['running', 'Looking up'],
  ['queued', 'Waiting'],
  ['paused', 'Paused'],
  ['failed', 'Failed'],
  ['finished', 'Recently finished'],
] as const;

/**
 * The background TMDB lookups of "Suggest for selection", below the analysis jobs: the same
 * states and actions (pause, resume, cancel, retry), for this kind of job only. Nothing is
 * shown until a lookup was queued.
 */
export function TmdbLookupJobs() {
  const jobs = useDailies((s) => s.tmdbJobs);
  const notice = useDailies((s) => s.tmdbJobsNotice);
  const run = useDailies((s) => s.runTmdbJobAction);
  const groups = useMemo(() => groupJobs(Object.values(jobs)), [jobs]);
  if (Object.keys(jobs).length === 0) return null;
  return (
    <section className="card tmdb-jobs" aria-labelledby="tmdb-jobs-title">
      <div className="history-head">
        <h2 id="tmdb-jobs-title">TMDB lookups</h2>
        <BulkJobActions
          kind="tmdb-lookup"
          counts={groups.counts}
          failedIds={groups.failed.map((job) => job.id)}
          noun="lookup"
          cancelTitle="Cancel every TMDB lookup?"
          cancelExplain={<>Waiting lookups are dropped; candidates found so far stay for review.</>}
          run={run}
        />
      </div>
      <p className="muted">
        Candidates are collected for review in the Library; nothing is applied to an asset here.
      </p>
      <JobsNotice notice={notice} />
      {groupTitles.map(([key, title]) => (
        <JobGroup
          key={key}
          labelId={`tmdb-jobs-${key}`}
          title={title}
          items={groups[key]}
          renderItem={(job) => <TmdbJobRow key={job.id} job={job} run={run} />}
        />
      ))}
    </section>
  );
}

function TmdbJobRow({
  job,
  run,
}: {
  job: Job;
  run: (action: JobAction, selection: { ids: number[] }) => Promise<void>;
}) {
  const name = useDailies((s) => s.jobAssetNames[job.spec.assetId]);
  const progress = useDailies((s) => s.tmdbJobProgress[job.id]);
  const title = name?.title ?? `Asset ${job.spec.assetId}`;
  const button = (action: JobAction, label: string) => (
    <button
      type="button"
      className="button button-small"
      aria-label={`${label} TMDB lookup of ${title}`}
      onClick={() => void run(action, { ids: [job.id] })}
    >
      {label}
    </button>
  );
  const unfinished = job.state === 'running' || job.state === 'queued';
  return (
    <li className={`job-row job-${job.state}`} data-job-id={job.id}>
      <div className="job-name">
        <span className="job-title">{title}</span>
        <span className="job-file mono">{name?.fileName ?? ''}</span>
      </div>
      <div className="job-state">
        {job.state === 'running' ? (
          <progress
            className="job-bar"
            max={100}
            value={Math.round(progress?.percent ?? job.progress)}
            aria-label={`Looking up ${title} on TMDB`}
          />
        ) : job.state === 'failed' ? (
          <span className="job-error">{job.error?.message ?? 'The lookup failed.'}</span>
        ) : job.state === 'queued' && job.runAfter && job.error ? (
          <span className="job-note">
            Trying again at {formatWhen(job.runAfter)}: {job.error.message}
          </span>
        ) : (
          <span className="job-note muted">
            {job.state === 'queued'
              ? 'Waiting · TMDB lookup'
              : job.state === 'paused'
                ? 'Paused'
                : ''}
            {job.finishedAt
              ? `${job.state === 'done' ? 'Done' : 'Cancelled'} ${formatWhen(job.finishedAt)}`
              : ''}
          </span>
        )}
      </div>
      <div className="job-actions">
        {unfinished ? button('pause', 'Pause') : null}
        {job.state === 'paused' ? button('resume', 'Resume') : null}
        {job.state === 'failed' || job.state === 'cancelled' ? button('retry', 'Retry') : null}
        {unfinished || job.state === 'paused' ? button('cancel', 'Cancel') : null}
      </div>
    </li>
  );
}
