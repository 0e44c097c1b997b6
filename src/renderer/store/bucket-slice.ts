import type { DailiesApi, MethodOutput } from '../../shared/contract';
import { errorMessage } from './error-message';
import type { Slice } from './slice';

/** A bucket action's outcome: running, its answer, or why it failed. */
export type BucketResult<T> =
  { kind: 'running' } | { kind: 'done'; value: T } | { kind: 'failed'; message: string };

export interface SyncBucket {
  reconcile: BucketResult<MethodOutput<'sync.reconcile'>> | null;
  cleanup: BucketResult<MethodOutput<'sync.cleanupUploads'>> | null;
  foreign: BucketResult<MethodOutput<'sync.listForeignUploads'>> | null;
}

export interface BucketSlice {
  /** The last outcome of each housekeeping action on the active profile's bucket. */
  syncBucket: SyncBucket;
  reconcileBucket(): Promise<void>;
  cleanupUploads(): Promise<void>;
  listForeignUploads(): Promise<void>;
  /** A colleague's unfinished upload, after the editor confirmed; then the list again. */
  abortForeignUpload(key: string, uploadId: string): Promise<void>;
}

/**
 * Housekeeping on the bucket, beside the queue: reconcile the catalog with it, clean up
 * unfinished uploads, list and abort a colleague's. Its notices share the queue's live region.
 */
export const createBucketSlice =
  (api: DailiesApi): Slice<BucketSlice> =>
  (set, get) => {
    const bucketStep = async <K extends keyof SyncBucket>(
      key: K,
      run: () => Promise<NonNullable<SyncBucket[K]> extends BucketResult<infer T> ? T : never>,
    ) => {
      set({ syncBucket: { ...get().syncBucket, [key]: { kind: 'running' } } });
      let result: BucketResult<unknown>;
      try {
        result = { kind: 'done', value: await run() };
      } catch (error) {
        result = { kind: 'failed', message: errorMessage(error) };
      }
      set({ syncBucket: { ...get().syncBucket, [key]: result } });
    };

    return {
      syncBucket: { reconcile: null, cleanup: null, foreign: null },
      reconcileBucket: () =>
        bucketStep('reconcile', async () => {
          const report = await api.invoke('sync.reconcile', {});
          const ids = report.findings.map((finding) => finding.assetId);
          get().nameAssets(ids);
          // A remote change is now the asset's conflict: its row shows it, to resolve.
          if (ids.length > 0) await get().refreshSyncStatuses([...new Set(ids)]);
          return report;
        }),
      cleanupUploads: () =>
        bucketStep('cleanup', () => api.invoke('sync.cleanupUploads', { olderThanHours: 24 })),
      listForeignUploads: () =>
        bucketStep('foreign', () => api.invoke('sync.listForeignUploads', {})),
      abortForeignUpload: async (key, uploadId) => {
        try {
          const { bytes } = await api.invoke('sync.abortForeignUpload', {
            key,
            uploadId,
            confirmed: true,
          });
          set({
            syncNotice: {
              tone: 'ok',
              text: `Aborted the unfinished upload at ${key} (${bytes} bytes freed).`,
            },
          });
        } catch (error) {
          set({ syncNotice: { tone: 'bad', text: errorMessage(error) } });
        }
        await get().listForeignUploads();
      },
    };
  };
