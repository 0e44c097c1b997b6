import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Job } from '../../../shared/contract';
import { JobGroup } from '../../components/JobGroup';
import { JobListBody } from '../../components/JobListBody';
import { JobsHeader } from '../../components/JobsHeader';
import { useDailies } from '../../store/store-context';
import { JobCounts } from './JobCounts';
import { groupJobs, RECENT_LIMIT, type JobGroups } from './job-groups';
import { JobRow } from './JobRow';
import { JobsActions } from './JobsActions';
import { TmdbLookupJobs } from './TmdbLookupJobs';

/** One analysis job in its group's list. */
const jobRow = (job: Job) => <JobRow key={job.id} job={job} />;

/** The unfinished groups, in the order the editor reads them; finished ones follow. */
const unfinishedGroups: Array<[keyof Omit<JobGroups, 'counts' | 'finished'>, string]> = [
  ['running', 'Running'],
  ['queued', 'Queued'],
  ['paused', 'Paused'],
  ['failed', 'Failed'],
];

const nothingYet = {
  title: 'No analysis has run yet.',
  hint: 'Footage you add to the Library is analysed here: its media info is read, the file is checked to play to the end, and a thumbnail and filmstrip are made.',
};

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
      <JobsHeader
        title="Analysis"
        lede="Media info, integrity, thumbnails and the delivery check, done on this computer."
      >
        <JobsActions groups={groups} />
      </JobsHeader>
      <JobCounts counts={groups.counts} />
      <JobListBody loaded={loaded} error={error} empty={total === 0 ? nothingYet : null}>
        {unfinishedGroups.map(([key, title]) => (
          <JobGroup
            key={key}
            labelId={`jobs-${key}`}
            title={title}
            items={groups[key]}
            renderItem={jobRow}
          />
        ))}
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
      </JobListBody>
      <TmdbLookupJobs />
    </div>
  );
}
