import type { Job, JobKind, JobState } from '../../shared/contract';
import type { JobRepository, JobRow } from '../catalog/repositories/job-repository';
import type { JobStateQueries } from '../catalog/repositories/job-state-queries';
import { toJob } from './job-mapper';

const jobsOf = (rows: readonly JobRow[]): Job[] =>
  rows.map(toJob).filter((job): job is Job => job !== null);

/** What the queue's readers ask of the jobs table; rows a newer version wrote are skipped. */
export class JobReads {
  constructor(
    private readonly repository: JobRepository,
    private readonly states: JobStateQueries,
  ) {}

  /** Unfinished jobs of a kind for an asset (queued, running or paused). */
  activeForAsset(kind: JobKind, assetId: number): Job[] {
    return jobsOf(this.repository.findActiveForAsset(kind, assetId));
  }

  /** Each asset's newest job of a kind, whatever its state. */
  latestForAssets(kind: JobKind, assetIds: readonly number[]): Map<number, Job> {
    const out = new Map<number, Job>();
    for (const [assetId, row] of this.repository.latestForAssets(kind, assetIds)) {
      const job = toJob(row);
      if (job) out.set(assetId, job);
    }
    return out;
  }

  /** Jobs of a kind in some states (for "pause every sync of this profile"). */
  inStates(kind: JobKind, states: readonly JobState[]): Job[] {
    return jobsOf(this.states.findInStates(states, null, kind));
  }

  /** How many assets' newest job of a kind is in each state. */
  latestStateCounts(kind: JobKind): Map<JobState, number> {
    return this.repository.latestStateCounts(kind);
  }

  list(filter: { state?: JobState; kind?: JobKind; limit: number }): Job[] {
    return jobsOf(this.repository.list(filter));
  }
}
