import type { DailiesApi, Job, JobProgress, JobState, JobsChanged } from '../../shared/contract';
import { errorMessage } from './error-message';
import { applyJobsChanged, rereadWhenQuiet } from './jobs-changed';
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
  /** Steps that changed many jobs alike (jobs.changed); a capped read is read again. */
  tmdbJobsChangedAlike(steps: JobsChanged[]): void;
  tmdbJobsProgressed(progress: JobProgress[]): void;
  runTmdbJobAction(action: JobAction, selection: Parameters<typeof runJobAction>[2]): Promise<void>;
}

const states: JobState[] = ['running', 'queued', 'paused', 'failed', 'done', 'cancelled'];

export const createTmdbJobsSlice =
  (api: DailiesApi): Slice<TmdbJobsSlice> =>
  (set, get) => {
    const rereadJobs = rereadWhenQuiet(() => void get().loadTmdbJobs());
    return {
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

      tmdbJobsChangedAlike(steps) {
        const applied = applyJobsChanged(get().tmdbJobs, steps, 'tmdb-lookup');
        if (!applied) return;
        const progress = { ...get().tmdbJobProgress };
        for (const id of applied.stopped) delete progress[id];
        set({ tmdbJobs: applied.jobs, tmdbJobProgress: progress });
        if (applied.unknown && get().tmdbJobsLoaded) rereadJobs();
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
    };
  };
