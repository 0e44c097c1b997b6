import type { DailiesApi, EventPayload } from '../../shared/contract';
import { errorMessage } from './error-message';
import type { Slice } from './slice';

export type BulkProgress = EventPayload<'bulk.progress'>;

export interface BulkProgressSlice {
  /**
   * Whole-batch calls running now (this window's or another client's: a removal, emptying
   * the trash, pausing every job...), by the engine's bulk.progress, one per runId; oldest
   * first. Only those that have run for SHOW_AFTER_MS: a call over sooner never flashes the
   * strip (the engine reports every call that spans more than one step, however short).
   */
  bulkRunning: BulkProgress[];
  /** The runs the editor asked to stop, until their last event closes them. */
  bulkStopping: string[];
  /** Why asking a run to stop failed (the run still goes on), with that run's id. */
  bulkCancelError: { runId: string; message: string } | null;
  /** The batch of files the editor asked to stop (its batchId), once asked. */
  addCancelling: string | null;
  addCancelError: string | null;
  bulkProgressed(progress: BulkProgress): void;
  /**
   * Asks the engine to stop a whole-batch call at its next step. The call itself then
   * answers (E_CANCELLED, saying how far it got) in the notice it normally shows.
   */
  cancelBulk(runId: string): Promise<void>;
  /** Stops adding the batch: files already read stay in the library. */
  cancelAdd(batchId: string): Promise<void>;
}

/**
 * A call's last event says it is done (done equals total). One that failed half way sends
 * none: after this long without news it is taken for over.
 */
const SILENT_FOR_MS = 15_000;

/** A call shows in the strip once it has run this long (most bulk calls end well before). */
export const SHOW_AFTER_MS = 400;

export const createBulkProgressSlice =
  (api: DailiesApi): Slice<BulkProgressSlice> =>
  (set, get) => {
    const silence = new Map<string, ReturnType<typeof setTimeout>>();
    // Runs not shown yet: their latest event, and the timer that shows them.
    const waiting = new Map<string, BulkProgress>();
    const showing = new Map<string, ReturnType<typeof setTimeout>>();
    const show = (runId: string) => {
      showing.delete(runId);
      const progress = waiting.get(runId);
      waiting.delete(runId);
      if (progress) set({ bulkRunning: [...get().bulkRunning, progress] });
    };
    const drop = (runId: string) => {
      clearTimeout(silence.get(runId));
      silence.delete(runId);
      clearTimeout(showing.get(runId));
      showing.delete(runId);
      waiting.delete(runId);
      const { bulkRunning, bulkStopping, bulkCancelError } = get();
      set({
        bulkRunning: bulkRunning.filter((entry) => entry.runId !== runId),
        bulkStopping: bulkStopping.filter((id) => id !== runId),
        bulkCancelError: bulkCancelError?.runId === runId ? null : bulkCancelError,
      });
    };
    return {
      bulkRunning: [],
      bulkStopping: [],
      bulkCancelError: null,
      addCancelling: null,
      addCancelError: null,
      bulkProgressed(progress) {
        const { runId } = progress;
        if (progress.total !== null && progress.done >= progress.total) {
          drop(runId);
          return;
        }
        clearTimeout(silence.get(runId));
        silence.set(
          runId,
          setTimeout(() => drop(runId), SILENT_FOR_MS),
        );
        const running = get().bulkRunning;
        if (running.some((entry) => entry.runId === runId)) {
          set({ bulkRunning: running.map((entry) => (entry.runId === runId ? progress : entry)) });
          return;
        }
        if (!showing.has(runId))
          showing.set(
            runId,
            setTimeout(() => show(runId), SHOW_AFTER_MS),
          );
        waiting.set(runId, progress);
      },
      async cancelBulk(runId) {
        set({
          bulkStopping: [...get().bulkStopping.filter((id) => id !== runId), runId],
          bulkCancelError: null,
        });
        try {
          // 0 stopped: the call ended on its own meanwhile; its last event closes the strip.
          await api.invoke('bulk.cancel', { runId });
        } catch (error) {
          set({
            bulkStopping: get().bulkStopping.filter((id) => id !== runId),
            bulkCancelError: { runId, message: errorMessage(error) },
          });
        }
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
