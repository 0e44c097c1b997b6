import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AssetsChanged, DailiesApi } from '../../shared/contract';
import type { HostServices } from '../transport/pick-transport';
import { createAccountSlice } from './account-slice';
import { createAnalysisSlice } from './analysis-slice';
import { createAppSlice } from './app-slice';
import { createAssetEditSlice } from './asset-edit-slice';
import { createBucketSlice } from './bucket-slice';
import { createBulkProgressSlice } from './bulk-progress-slice';
import { createFilmstripSlice } from './filmstrip-slice';
import { createIngestSlice } from './ingest-slice';
import { jobEventBatcher } from './job-event-batcher';
import { loadViewsWhenShown } from './load-on-show';
import { afterPaint } from './after-paint';
import { createLibrarySlice } from './library-slice';
import { createQueueNoticeSlice } from './queue-notice-slice';
import { createRuleSetsSlice } from './rule-sets-slice';
import { createSendSlice } from './send-slice';
import { createSettingsSlice } from './settings-slice';
import { syncEventBatcher } from './sync-event-batcher';
import { createSyncSlice } from './sync-slice';
import { createTmdbJobsSlice } from './tmdb-jobs-slice';
import { createTmdbReviewSlice } from './tmdb-review-slice';
import { createTmdbSlice } from './tmdb-slice';
import type { DailiesState } from './slice';
import { createUiSlice } from './ui-slice';

export type DailiesStore = StoreApi<DailiesState>;

/** One store per window, built from its slices around the API (and host) it talks to. */
export function createDailiesStore(api: DailiesApi, host: HostServices): DailiesStore {
  return createStore<DailiesState>()((...a) => ({
    ...createAppSlice(api, host)(...a),
    ...createSettingsSlice(api)(...a),
    ...createUiSlice(host.desktop)(...a),
    ...createAccountSlice(api)(...a),
    ...createLibrarySlice(api, host.stillUrl)(...a),
    ...createFilmstripSlice()(...a),
    ...createIngestSlice(api, host.desktop)(...a),
    ...createAssetEditSlice(api)(...a),
    ...createAnalysisSlice(api)(...a),
    ...createRuleSetsSlice(api)(...a),
    ...createSyncSlice(api)(...a),
    ...createSendSlice(api)(...a),
    ...createQueueNoticeSlice()(...a),
    ...createBucketSlice(api)(...a),
    ...createTmdbSlice(api)(...a),
    ...createTmdbReviewSlice(api)(...a),
    ...createTmdbJobsSlice(api)(...a),
    ...createBulkProgressSlice(api)(...a),
  }));
}

/** Batches of assets.changed arrive in bursts while a folder is ingested; refresh once. */
const CHANGE_SETTLE_MS = 150;

/**
 * Loads what the shell shows and follows the engine's events. The Library's first page is
 * asked for first and alone: the rest of what the shell and the Library read at start-up
 * (app info, settings, profiles, rule sets, the queue's overview and statuses, the newest
 * analysis jobs, the newest analysis job of each failed asset listed) follows once it is
 * answered and painted, so none of it
 * competes with the first rows; the Analysis and Upload queue views read their jobs when first shown
 * (load-on-show.ts). A settings change may point at another ffmpeg, so app info is read
 * again. Returns the unsubscribe.
 */
export function connectStore(store: DailiesStore, api: DailiesApi): () => void {
  let stopped = false;
  void store
    .getState()
    .loadAssets()
    .finally(() =>
      afterPaint(() => {
        if (stopped) return;
        const state = store.getState();
        void state.loadAppInfo();
        void state.loadSettings();
        void state.loadRuleSets();
        void state.loadProfiles();
        void state.loadSyncStatuses();
        void state.loadRecentJobs();
        void api.invoke('sync.overview', {}).then(
          (overview) => {
            store.getState().followQueue(overview, true);
            store.getState().syncOverviewChanged(overview);
          },
          () => undefined, // the queue view says why it cannot read the queue
        );
      }),
    );
  const stopViews = loadViewsWhenShown(store);
  // Why a failed row failed: asked for the rows listed, once they are on screen.
  const stopReasons = store.subscribe((next, previous) => {
    if (next.assets !== previous.assets)
      afterPaint(() => {
        if (!stopped) void store.getState().loadFailureReasons(store.getState().assets);
      });
  });

  let pending: { reason: AssetsChanged['reason']; ids: Set<number> } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const change = pending;
    pending = null;
    if (!change) return;
    void store.getState().assetsChanged({ reason: change.reason, ids: [...change.ids] });
    const history = store.getState().history;
    if (history && change.ids.has(history.assetId)) {
      void store.getState().loadHistory(history.assetId);
    }
  };

  // Analysis and the upload queue each take the jobs of their kind from one batch.
  const jobEvents = jobEventBatcher(() => {
    const current = store.getState();
    return {
      jobsChangedAlike(steps) {
        current.jobsChangedAlike(steps);
        current.syncJobsChangedAlike(steps);
        current.tmdbJobsChangedAlike(steps);
      },
      jobsChanged(jobs) {
        current.jobsChanged(jobs);
        current.syncJobsChanged(jobs);
        current.tmdbJobsChanged(jobs);
      },
      jobsProgressed(progress) {
        current.jobsProgressed(progress);
        current.tmdbJobsProgressed(progress);
      },
    };
  });
  const syncEvents = syncEventBatcher(() => store.getState());

  const stops = [
    api.subscribe('settings.changed', (settings) => {
      store.getState().settingsChanged(settings);
      void store.getState().loadAppInfo();
    }),
    api.subscribe('ingest.progress', (progress) => store.getState().ingestProgressed(progress)),
    api.subscribe('bulk.progress', (progress) => store.getState().bulkProgressed(progress)),
    api.subscribe('assets.changed', (change) => {
      // Mixed reasons in one burst become a full refresh ('added' and the like refresh).
      const reason = !pending || pending.reason === change.reason ? change.reason : 'added';
      pending = { reason, ids: new Set([...(pending?.ids ?? []), ...change.ids]) };
      timer ??= setTimeout(flush, CHANGE_SETTLE_MS);
    }),
    api.subscribe('job.changed', (job) => {
      // In event order, not batched: a batch's last video counts before the overview saying
      // the batch is done.
      if (job.kind === 'sync' && job.state === 'done') store.getState().syncJobDone();
      jobEvents.changed(job);
    }),
    api.subscribe('jobs.changed', (step) => jobEvents.changedAlike(step)),
    api.subscribe('job.progress', (progress) => jobEvents.progressed(progress)),
    api.subscribe('sync.progress', (progress) => syncEvents.progressed(progress)),
    api.subscribe('sync.overview', (overview) => {
      store.getState().followQueue(overview);
      syncEvents.overview(overview);
    }),
    api.subscribe('tmdb.candidates', (change) => store.getState().tmdbCandidatesChanged(change)),
  ];
  return () => {
    stopped = true;
    stopViews();
    stopReasons();
    if (timer) clearTimeout(timer);
    jobEvents.dispose();
    syncEvents.dispose();
    for (const stop of stops) stop();
  };
}
