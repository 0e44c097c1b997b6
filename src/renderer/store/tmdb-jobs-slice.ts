import type { DailiesApi, Job, JobProgress, JobState } from '../../shared/contract';
import { errorMessage } from './error-message';
import { runJobAction, type JobAction } from './job-actions';
import type { Notice } from './notice';
import type { Slice } from './slice';
import { JOBS_PER_STATE } from './analysis-slice';

/**
 * The background TMDB lookups ("Suggest for selection"), kept apart from the analysis jobs
 * so an asset's analysis state and reasons never mistake a lookup for an analysis.
 */
export interface TmdbJobsSlice {
  tmdbJobs: Record<number, Job>;
  tmdbJobsLoaded: boolean;
  tmdbJobsError: string | null;
  tmdbJobProgress: Record<number, JobProgress>;
  tmdbJobsNotice: Notice | null;
  loadTmdbJobs(): Promise<void>;
  tmdbJobsChanged(jobs: Job[]): void;
  tmdbJobsProgressed(progress: JobProgress[]): void;
  runTmdbJobAction(action: JobAction, selection: Parameters<typeof runJobAction>[2]): Promise<void>;
}

const states: JobState[] = ['running', 'queued', 'paused', 'failed', 'done', 'cancelled'];

export const createTmdbJobsSlice =
  (api: DailiesApi): Slice<TmdbJobsSlice> =>
  (set, get) => ({
    tmdbJobs: {},
    tmdbJobsLoaded: false,
    tmdbJobsError: null,
    tmdbJobProgress: {},
    tmdbJobsNotice: null,

    async loadTmdbJobs() {
      try {
        const lists = await Promise.all(
          states.map((state) =>
            api.invoke('jobs.list', { state, kind: 'tmdb-lookup', limit: JOBS_PER_STATE }),
          ),
        );
        const jobs: Record<number, Job> = {};
        for (const job of lists.flat()) jobs[job.id] = job;
        set({ tmdbJobs: jobs, tmdbJobsLoaded: true, tmdbJobsError: null });
        get().nameAssets(Object.values(jobs).map((job) => job.spec.assetId));
      } catch (error) {
        set({ tmdbJobsLoaded: true, tmdbJobsError: errorMessage(error) });
      }
    },

    tmdbJobsChanged(changed) {
      const relevant = changed.filter((job) => job.kind === 'tmdb-lookup');
      if (relevant.length === 0) return;
      const jobs = { ...get().tmdbJobs };
      const progress = { ...get().tmdbJobProgress };
      for (const job of relevant) {
        jobs[job.id] = job;
        if (job.state !== 'running') delete progress[job.id];
      }
      set({ tmdbJobs: jobs, tmdbJobProgress: progress });
      get().nameAssets(relevant.map((job) => job.spec.assetId));
    },

    tmdbJobsProgressed(reports) {
      const relevant = reports.filter((report) => report.kind === 'tmdb-lookup');
      if (relevant.length === 0) return;
      const jobs = get().tmdbJobs;
      const progress = { ...get().tmdbJobProgress };
      for (const report of relevant) {
        const state = jobs[report.jobId]?.state;
        if (state && state !== 'running') continue;
        progress[report.jobId] = report;
      }
      set({ tmdbJobProgress: progress });
    },

    async runTmdbJobAction(action, selection) {
      set({ tmdbJobsNotice: await runJobAction(api, action, selection, 'lookup') });
    },
  });
