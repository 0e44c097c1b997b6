import type { DailiesApi, TmdbCandidatesChanged } from '../../shared/contract';
import { errorMessage } from './error-message';
import { plural } from './plural';
import type { Slice } from './slice';

/** The assets of the last "Suggest for selection", with what each lookup came back with. */
export interface TmdbBatch {
  assetIds: number[];
  results: Record<number, TmdbCandidatesChanged>;
}

export interface TmdbReviewSlice {
  tmdbBatch: TmdbBatch | null;
  /** Reviewing the batch's assets with candidates one after another: which one is shown. */
  tmdbReview: { index: number } | null;
  /** Queues a background lookup per asset; candidates are collected, nothing is applied. */
  suggestForSelection(assetIds: number[]): Promise<void>;
  /** The engine's tmdb.candidates event. */
  tmdbCandidatesChanged(change: TmdbCandidatesChanged): void;
  startTmdbReview(): void;
  stepTmdbReview(delta: 1 | -1): void;
  endTmdbReview(): void;
}

/** The batch's assets that have candidates to review, in the order they were selected. */
export function reviewableIds(batch: TmdbBatch | null): number[] {
  if (!batch) return [];
  return batch.assetIds.filter((id) => (batch.results[id]?.count ?? 0) > 0);
}

export const createTmdbReviewSlice =
  (api: DailiesApi): Slice<TmdbReviewSlice> =>
  (set, get) => ({
    tmdbBatch: null,
    tmdbReview: null,

    async suggestForSelection(assetIds) {
      if (assetIds.length === 0) return;
      // The batch opens before the engine is asked: its first lookups can answer (their
      // tmdb.candidates events) before this call does, and would find no batch to count in.
      const before = { tmdbBatch: get().tmdbBatch, tmdbReview: get().tmdbReview };
      set({ tmdbBatch: { assetIds: [...assetIds], results: {} }, tmdbReview: null });
      try {
        const { queued } = await api.invoke('tmdb.suggestForSelection', { assetIds });
        set({
          libraryNotice: {
            tone: 'ok',
            text:
              queued > 0
                ? `Looking up ${plural(queued, 'asset')} on TMDB in the background (progress in Analysis). Nothing is applied until you review.`
                : 'These assets are already waiting for a TMDB lookup.',
          },
        });
      } catch (error) {
        set({ ...before, libraryNotice: { tone: 'bad', text: errorMessage(error) } });
      }
    },

    tmdbCandidatesChanged(change) {
      const batch = get().tmdbBatch;
      // A lookup shown in the detail panel reads its answer itself; the batch keeps counts.
      if (!batch || !batch.assetIds.includes(change.assetId)) return;
      set({
        tmdbBatch: { ...batch, results: { ...batch.results, [change.assetId]: change } },
      });
    },

    startTmdbReview() {
      if (reviewableIds(get().tmdbBatch).length > 0) set({ tmdbReview: { index: 0 } });
    },

    stepTmdbReview(delta) {
      const review = get().tmdbReview;
      if (!review) return;
      const count = reviewableIds(get().tmdbBatch).length;
      const index = Math.min(Math.max(review.index + delta, 0), Math.max(count - 1, 0));
      set({ tmdbReview: { index } });
    },

    endTmdbReview: () => set({ tmdbReview: null }),
  });
