import type {
  Asset,
  AssetAnalysis,
  DailiesApi,
  Job,
  JobProgress,
  JobSelection,
  JobState,
  JobsChanged,
} from '../../shared/contract';
import { errorMessage } from './error-message';
import { applyJobsChanged, rereadWhenQuiet } from './jobs-changed';
import { withNewer, withSteps } from './latest-analysis-jobs';
import { runJobAction, type JobAction } from './job-actions';
import type { Notice } from './notice';
import type { Slice } from './slice';

/** How a job's asset is named in the list (its row may be long gone from the library). */
export interface JobAssetName {
  title: string;
  fileName: string;
}

/** What the detail panel knows of one asset's stored analysis. */
export type AnalysisDetail =
  | { kind: 'loading' }
  | { kind: 'loaded'; analysis: AssetAnalysis | null }
  | { kind: 'error'; message: string };

export interface AnalysisSlice {
  /** Analysis jobs by id, as the engine last reported them. */
  jobs: Record<number, Job>;
  jobsLoaded: boolean;
  jobsError: string | null;
  /** States that hold more jobs than were read: their counts are lower bounds. */
  jobsCapped: JobState[];
  /** The latest progress of each running job (cleared when it stops running). */
  jobProgress: Record<number, JobProgress>;
  /** Names of the assets the listed jobs (analysis and sync) work on, by asset id. */
  jobAssetNames: Record<number, JobAssetName>;
  /** One line about the last job action, for a live region. */
  jobsNotice: Notice | null;
  /** The stored analysis of assets the detail panel showed, by asset id. */
  assetAnalyses: Record<number, AnalysisDetail>;
  /**
   * Each asset's newest analysis job the window knows of, by asset id: asked for the failed
   * assets the Library lists (loadFailureReasons), kept current by job.changed. A failed
   * asset's reason comes from here, however many jobs came after its failure.
   */
  latestAnalysisJobs: Record<number, Job>;
  /** Every analysis job by state, for the Analysis view's exact counts and lists. */
  loadJobs(): Promise<void>;
  /**
   * The newest analysis jobs of every state, for the Library (the selected asset's running
   * analysis); the Analysis view reads them all.
   */
  loadRecentJobs(): Promise<void>;
  /**
   * Asks the engine for the newest analysis job of each listed asset whose analysis failed
   * and that the window knows no job of yet (jobs.latestForAssets): the reason its row shows.
   */
  loadFailureReasons(assets: readonly Asset[]): Promise<void>;
  /** Fills jobAssetNames for these assets (from the library, else asked for). */
  nameAssets(assetIds: number[]): void;
  /** A batch of job.changed events (the newest copy of each job). */
  jobsChanged(jobs: Job[]): void;
  /**
   * Steps that changed many jobs alike (jobs.changed), in order: applied to the jobs held;
   * when the Analysis view's read missed some, it reads its jobs again once they stop.
   */
  jobsChangedAlike(steps: JobsChanged[]): void;
  /** A batch of job.progress events (the newest of each job). */
  jobsProgressed(progress: JobProgress[]): void;
  runJobAction(action: JobAction, selection: JobSelection): Promise<void>;
  loadAnalysis(assetId: number): Promise<void>;
  /** Analyse again even if nothing changed (analysis.start with force). */
  reanalyse(assetId: number): Promise<void>;
}

/** Read per state, so the counts are exact up to this many jobs in a state. */
export const JOBS_PER_STATE = 5000;
const NAME_BATCH = 8;
const NAMES_PER_PASS = 300;
/** Assets per jobs.latestForAssets call (the contract's most). */
const REASONS_PER_CALL = 500;

export const createAnalysisSlice =
  (api: DailiesApi): Slice<AnalysisSlice> =>
  (set, get) => {
    const asking = new Set<number>();
    /** Assets whose newest analysis job was asked for (or is being): asked once each. */
    const reasonsAsked = new Set<number>();
    const rereadJobs = rereadWhenQuiet(() => void get().loadJobs());

    /** Names for assets of listed jobs: from the library when it has them, else asked for. */
    const ensureNames = async (assetIds: Iterable<number>) => {
      const known = get().jobAssetNames;
      const library = new Map(get().assets.map((asset) => [asset.id, asset]));
      const found: Record<number, JobAssetName> = {};
      const missing: number[] = [];
      for (const id of assetIds) {
        if (known[id] || found[id] || asking.has(id)) continue;
        const asset = library.get(id);
        if (asset) found[id] = { title: asset.title, fileName: asset.fileName };
        else if (missing.length < NAMES_PER_PASS && !missing.includes(id)) missing.push(id);
      }
      if (Object.keys(found).length > 0)
        set({ jobAssetNames: { ...get().jobAssetNames, ...found } });
      missing.forEach((id) => asking.add(id));
      for (let at = 0; at < missing.length; at += NAME_BATCH) {
        const ids = missing.slice(at, at + NAME_BATCH);
        const assets = await Promise.all(
          ids.map((id) => api.invoke('assets.get', { id }).catch(() => null)),
        );
        const names: Record<number, JobAssetName> = {};
        ids.forEach((id, i) => {
          const asset = assets[i];
          names[id] = asset
            ? { title: asset.title, fileName: asset.fileName }
            : { title: `Asset ${id}`, fileName: 'no longer in the catalog' };
          asking.delete(id);
        });
        set({ jobAssetNames: { ...get().jobAssetNames, ...names } });
      }
    };

    return {
      jobs: {},
      jobsLoaded: false,
      jobsError: null,
      jobsCapped: [],
      jobProgress: {},
      jobAssetNames: {},
      jobsNotice: null,
      assetAnalyses: {},
      latestAnalysisJobs: {},

      async loadJobs() {
        try {
          const states: JobState[] = ['running', 'queued', 'paused', 'failed', 'done', 'cancelled'];
          const lists = await Promise.all(
            states.map((state) =>
              api.invoke('jobs.list', { state, kind: 'analyse', limit: JOBS_PER_STATE }),
            ),
          );
          const jobs: Record<number, Job> = {};
          for (const job of lists.flat()) jobs[job.id] = job;
          const capped = states.filter((_, i) => lists[i]!.length >= JOBS_PER_STATE);
          const progress = get().jobProgress;
          const stillRunning = Object.fromEntries(
            Object.entries(progress).filter(([id]) => jobs[Number(id)]?.state === 'running'),
          );
          set({
            jobs,
            jobsCapped: capped,
            jobsLoaded: true,
            jobsError: null,
            jobProgress: stillRunning,
          });
          void ensureNames(Object.values(jobs).map((job) => job.spec.assetId));
        } catch (error) {
          set({ jobsLoaded: true, jobsError: errorMessage(error) });
        }
      },

      async loadRecentJobs() {
        // A failed asset's reason is asked for by the Library (loadFailureReasons), however
        // old its job: a read of the newest jobs here would miss it under thousands of newer.
        const newest = await api
          .invoke('jobs.list', { kind: 'analyse', limit: JOBS_PER_STATE })
          .catch(() => []);
        // The Analysis view's full read, if it came first, knows at least as much.
        if (get().jobsLoaded) return;
        const jobs = { ...get().jobs };
        for (const job of newest) jobs[job.id] ??= job;
        set({ jobs });
      },

      async loadFailureReasons(assets) {
        const known = get().latestAnalysisJobs;
        const wanted = assets
          .filter((asset) => asset.status === 'error' && !known[asset.id])
          .map((asset) => asset.id)
          .filter((id) => !reasonsAsked.has(id));
        wanted.forEach((id) => reasonsAsked.add(id));
        for (let at = 0; at < wanted.length; at += REASONS_PER_CALL) {
          const assetIds = wanted.slice(at, at + REASONS_PER_CALL);
          try {
            const found = await api.invoke('jobs.latestForAssets', { kind: 'analyse', assetIds });
            // Events may have brought a newer job meanwhile: the newer one stays.
            const next = withNewer(get().latestAnalysisJobs, found, true);
            if (next) set({ latestAnalysisJobs: next });
          } catch {
            // The row words its own fallback; the next read of the page asks again.
            assetIds.forEach((id) => reasonsAsked.delete(id));
          }
        }
      },

      nameAssets(assetIds) {
        void ensureNames(assetIds);
      },

      jobsChanged(changed) {
        const relevant = changed.filter((job) => job.kind === 'analyse');
        if (relevant.length === 0) return;
        const jobs = { ...get().jobs };
        let progress = get().jobProgress;
        for (const job of relevant) {
          jobs[job.id] = job;
          if (job.state !== 'running' && progress[job.id]) {
            progress = { ...progress };
            delete progress[job.id];
          }
        }
        const latest = withNewer(get().latestAnalysisJobs, relevant);
        set({ jobs, jobProgress: progress, ...(latest ? { latestAnalysisJobs: latest } : {}) });
        void ensureNames(relevant.map((job) => job.spec.assetId));
      },

      jobsChangedAlike(steps) {
        const applied = applyJobsChanged(get().jobs, steps, 'analyse');
        if (!applied) return;
        const progress = { ...get().jobProgress };
        for (const id of applied.stopped) delete progress[id];
        // A failed asset's newest job moved on (retried): its reason follows.
        const latest = withSteps(get().latestAnalysisJobs, steps);
        set({
          jobs: applied.jobs,
          jobProgress: progress,
          ...(latest ? { latestAnalysisJobs: latest } : {}),
        });
        if (applied.unknown && get().jobsLoaded) rereadJobs();
      },

      jobsProgressed(reports) {
        const relevant = reports.filter((report) => report.kind === 'analyse');
        if (relevant.length === 0) return;
        const jobs = get().jobs;
        const progress = { ...get().jobProgress };
        for (const report of relevant) {
          // A late report of a job that stopped meanwhile must not bring its bar back.
          const state = jobs[report.jobId]?.state;
          if (state && state !== 'running') continue;
          progress[report.jobId] = report;
        }
        set({ jobProgress: progress });
      },

      async runJobAction(action, selection) {
        set({ jobsNotice: await runJobAction(api, action, selection, 'job') });
      },

      async loadAnalysis(assetId) {
        const shown = get().assetAnalyses[assetId];
        // Keep what is shown while the fresh copy loads: no flicker on every status change.
        if (!shown || shown.kind === 'error')
          set({ assetAnalyses: { ...get().assetAnalyses, [assetId]: { kind: 'loading' } } });
        let detail: AnalysisDetail;
        try {
          detail = { kind: 'loaded', analysis: await api.invoke('analysis.get', { assetId }) };
        } catch (error) {
          detail = { kind: 'error', message: errorMessage(error) };
        }
        set({ assetAnalyses: { ...get().assetAnalyses, [assetId]: detail } });
      },

      async reanalyse(assetId) {
        try {
          const { queued } = await api.invoke('analysis.start', {
            assetIds: [assetId],
            force: true,
          });
          set({
            libraryNotice: {
              tone: 'ok',
              text: queued > 0 ? 'Queued for analysis.' : 'Already waiting to be analysed.',
            },
          });
        } catch (error) {
          set({ libraryNotice: { tone: 'bad', text: errorMessage(error) } });
        }
      },
    };
  };
