import type {
  AssetSyncStatus,
  ConflictChoice,
  DailiesApi,
  Job,
  JobSelection,
  JobState,
  JobsChanged,
  SyncOverview,
  SyncProgress,
} from '../../shared/contract';
import { errorMessage } from './error-message';
import { applyJobsChanged, rereadWhenQuiet } from './jobs-changed';
import { runJobAction, type JobAction } from './job-actions';
import type { Notice } from './notice';
import type { Slice } from './slice';
import { groupSyncRows, reorderIds } from './sync-queue';

/**
 * The Upload queue and where each asset's sync stands, as the engine reports them; sending
 * assets from the Library (and its outcome) is send-slice.ts.
 */
export interface SyncSlice {
  /** Where each asset's sync stands, by asset id. */
  syncStatuses: Record<number, AssetSyncStatus>;
  /** Sync jobs by id, as the engine last reported them. */
  syncJobs: Record<number, Job>;
  /** What each asset's sync does now, in words from the engine ("uploading video"). */
  syncActivity: Record<number, string>;
  /** The engine's overview; null until read, or when this engine has none (see below). */
  syncOverview: SyncOverview | null;
  syncLoaded: boolean;
  syncError: string | null;
  /** One line about the last queue action, for a live region. */
  syncNotice: Notice | null;
  /** Everything the Upload queue shows: statuses, jobs, the assets' names, the overview. */
  loadSync(): Promise<void>;
  /**
   * Only where each asset's sync stands (one sync.status call): what the Library's rows and
   * detail show, read at start-up without the queue's jobs.
   */
  loadSyncStatuses(): Promise<void>;
  /** A batch of job.changed events (all kinds; sync ones are taken). */
  syncJobsChanged(jobs: Job[]): void;
  /**
   * Steps that changed many jobs alike (jobs.changed; sync ones are taken): applied to the
   * jobs held, their assets' statuses read again, the queue's jobs read again once the steps
   * stop when its capped read missed some.
   */
  syncJobsChangedAlike(steps: JobsChanged[]): void;
  /** A batch of sync.progress events (the newest of each asset). */
  syncProgressed(reports: SyncProgress[]): void;
  syncOverviewChanged(overview: SyncOverview): void;
  runSyncAction(action: JobAction, selection: JobSelection): Promise<void>;
  /** Moves a waiting sync job to the top, or one place up or down. */
  moveSyncJob(jobId: number, where: 'top' | 'up' | 'down'): Promise<void>;
  resolveSyncConflict(assetId: number, keep: ConflictChoice): Promise<boolean>;
  /** Reads these assets' sync status again (after something outside the queue changed them). */
  refreshSyncStatuses(assetIds: number[]): Promise<void>;
}

/** Finished and cancelled jobs are read only this far back; unfinished ones all. */
const FINISHED_READ = 200;
const UNFINISHED_READ = 5000;
const STATUS_BATCH = 500;

export const createSyncSlice =
  (api: DailiesApi): Slice<SyncSlice> =>
  (set, get) => {
    const refreshStatuses = async (assetIds: number[]) => {
      for (let at = 0; at < assetIds.length; at += STATUS_BATCH) {
        const ids = assetIds.slice(at, at + STATUS_BATCH);
        try {
          const fresh = await api.invoke('sync.status', { assetIds: ids });
          const statuses = { ...get().syncStatuses };
          for (const status of fresh) {
            // Live bytes come from sync.progress; a status read between two reports keeps them.
            const known = statuses[status.assetId];
            statuses[status.assetId] =
              status.upload === null && known?.upload && status.jobState === 'running'
                ? { ...status, upload: known.upload }
                : status;
          }
          set({ syncStatuses: statuses });
        } catch (error) {
          set({ syncError: errorMessage(error) });
        }
      }
    };

    const loadJobs = async () => {
      const unfinished: JobState[] = ['running', 'queued', 'paused', 'failed'];
      const lists = await Promise.all([
        ...unfinished.map((state) =>
          api.invoke('jobs.list', { state, kind: 'sync', limit: UNFINISHED_READ }),
        ),
        api.invoke('jobs.list', { state: 'done', kind: 'sync', limit: FINISHED_READ }),
      ]);
      const jobs: Record<number, Job> = {};
      for (const job of lists.flat()) jobs[job.id] = job;
      return jobs;
    };

    const rereadJobs = rereadWhenQuiet(() => {
      loadJobs().then(
        (jobs) => set({ syncJobs: jobs }),
        (error: unknown) => set({ syncError: errorMessage(error) }),
      );
    });

    const loadOverview = async () => {
      try {
        set({ syncOverview: await api.invoke('sync.overview', {}) });
      } catch (error) {
        set({ syncError: errorMessage(error) });
      }
    };

    const notice = (tone: 'ok' | 'bad', text: string) => set({ syncNotice: { tone, text } });

    return {
      syncStatuses: {},
      syncJobs: {},
      syncActivity: {},
      syncOverview: null,
      syncLoaded: false,
      syncError: null,
      syncNotice: null,

      async loadSync() {
        try {
          const [statuses, jobs] = await Promise.all([api.invoke('sync.status', {}), loadJobs()]);
          set({
            syncStatuses: Object.fromEntries(statuses.map((status) => [status.assetId, status])),
            syncJobs: jobs,
            syncLoaded: true,
            syncError: null,
          });
          get().nameAssets(statuses.map((status) => status.assetId));
        } catch (error) {
          set({ syncLoaded: true, syncError: errorMessage(error) });
        }
        await loadOverview();
      },

      async loadSyncStatuses() {
        try {
          const statuses = await api.invoke('sync.status', {});
          set({
            syncStatuses: Object.fromEntries(statuses.map((status) => [status.assetId, status])),
          });
        } catch (error) {
          set({ syncError: errorMessage(error) });
        }
      },

      syncJobsChanged(changed) {
        const relevant = changed.filter((job) => job.kind === 'sync');
        if (relevant.length === 0) return;
        const jobs = { ...get().syncJobs };
        for (const job of relevant) jobs[job.id] = job;
        set({ syncJobs: jobs });
        const assetIds = [...new Set(relevant.map((job) => job.spec.assetId))];
        get().nameAssets(assetIds);
        void refreshStatuses(assetIds);
      },

      syncJobsChangedAlike(steps) {
        const applied = applyJobsChanged(get().syncJobs, steps, 'sync');
        if (!applied) return;
        set({ syncJobs: applied.jobs });
        const assetIds = new Set<number>();
        for (const step of steps)
          if (step.kind === 'sync') step.assetIds.forEach((id) => assetIds.add(id));
        void refreshStatuses([...assetIds]);
        if (applied.unknown && get().syncLoaded) rereadJobs();
      },

      syncProgressed(reports) {
        const statuses = { ...get().syncStatuses };
        const activity = { ...get().syncActivity };
        const unknown: number[] = [];
        for (const report of reports) {
          activity[report.assetId] = report.activity;
          const known = statuses[report.assetId];
          if (known)
            statuses[report.assetId] = { ...known, step: report.step, upload: report.upload };
          else unknown.push(report.assetId);
        }
        set({ syncStatuses: statuses, syncActivity: activity });
        if (unknown.length > 0) void refreshStatuses(unknown);
      },

      syncOverviewChanged(overview) {
        set({ syncOverview: overview });
      },

      async runSyncAction(action, selection) {
        set({ syncNotice: await runJobAction(api, action, selection, 'upload') });
      },

      async moveSyncJob(jobId, where) {
        const { waiting } = groupSyncRows(get().syncStatuses, get().syncJobs);
        const ids = reorderIds(
          waiting.flatMap((row) => (row.job ? [row.job.id] : [])),
          jobId,
          where,
        );
        if (!ids) return;
        try {
          await api.invoke('jobs.reorder', { ids });
          // The new priorities, whether or not the engine announced each one.
          set({ syncJobs: { ...get().syncJobs, ...(await loadJobs()) } });
          notice('ok', where === 'top' ? 'Moved to the top of the queue.' : `Moved ${where}.`);
        } catch (error) {
          notice('bad', errorMessage(error));
        }
      },

      async resolveSyncConflict(assetId, keep) {
        try {
          const status = await api.invoke('sync.resolveConflict', { assetId, keep });
          set({ syncStatuses: { ...get().syncStatuses, [assetId]: status } });
          notice('ok', 'Conflict settled.');
          return true;
        } catch (error) {
          notice('bad', errorMessage(error));
          return false;
        }
      },

      refreshSyncStatuses: refreshStatuses,
    };
  };
