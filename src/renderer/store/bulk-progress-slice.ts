import type { DailiesApi, EventPayload } from '../../shared/contract';
import { errorMessage } from './error-message';
import type { Slice } from './slice';

export type BulkProgress = EventPayload<'bulk.progress'>;

export interface BulkProgressSlice {
  /**
   * Whole-batch calls running now (this window's or another client's: a removal, emptying
   * the trash, pausing every job...), by the engine's bulk.progress; oldest first.
   */
  bulkRunning: BulkProgress[];
  /** The batch of files the editor asked to stop (its batchId), once asked. */
  addCancelling: string | null;
  addCancelError: string | null;
  bulkProgressed(progress: BulkProgress): void;
  /** Stops adding the batch: files already read stay in the library. */
  cancelAdd(batchId: string): Promise<void>;
}

/**
 * A call's last event says it is done (done equals total). One that failed half way sends
 * none: after this long without news it is taken for over.
 */
const SILENT_FOR_MS = 15_000;

export const createBulkProgressSlice =
  (api: DailiesApi): Slice<BulkProgressSlice> =>
  (set, get) => {
    const silence = new Map<BulkProgress['operation'], ReturnType<typeof setTimeout>>();
    const drop = (operation: BulkProgress['operation']) => {
      clearTimeout(silence.get(operation));
      silence.delete(operation);
      set({ bulkRunning: get().bulkRunning.filter((entry) => entry.operation !== operation) });
    };
    return {
      bulkRunning: [],
      addCancelling: null,
      addCancelError: null,
      bulkProgressed(progress) {
        if (progress.total !== null && progress.done >= progress.total) {
          drop(progress.operation);
          return;
        }
        clearTimeout(silence.get(progress.operation));
        silence.set(
          progress.operation,
          setTimeout(() => drop(progress.operation), SILENT_FOR_MS),
        );
        const running = get().bulkRunning;
        const known = running.some((entry) => entry.operation === progress.operation);
        set({
          bulkRunning: known
            ? running.map((entry) => (entry.operation === progress.operation ? progress : entry))
            : [...running, progress],
        });
      },
      async cancelAdd(batchId) {
        set({ addCancelling: batchId, addCancelError: null });
        try {
          await api.invoke('assets.cancelAdd', { batchId });
        } catch (error) {
          set({ addCancelling: null, addCancelError: errorMessage(error) });
        }
      },
    };
  };
