import { useShallow } from 'zustand/react/shallow';
import { plural } from '../../../store/plural';
import { useDailies } from '../../../store/store-context';
import { reviewableIds } from '../../../store/tmdb-review-slice';

/**
 * The bulk action: a background TMDB lookup for every selected asset, then a review of the
 * ones with candidates, one after another. Nothing is applied in bulk.
 */
export function SuggestForSelection({ ids }: { ids: number[] }) {
  const suggest = useDailies((s) => s.suggestForSelection);
  const startReview = useDailies((s) => s.startTmdbReview);
  const { batch, reviewable } = useDailies(
    useShallow((s) => ({ batch: s.tmdbBatch, reviewable: reviewableIds(s.tmdbBatch).length })),
  );
  const results = batch ? Object.values(batch.results) : [];
  const noMatch = results.filter((r) => r.noMatch && !r.error).length;
  const failed = results.filter((r) => r.error).length;
  return (
    <section className="tmdb-batch" aria-labelledby="tmdb-batch-title">
      <h3 id="tmdb-batch-title">Suggestions (TMDB)</h3>
      <p className="muted">
        Looks each asset up on TMDB in the background. You then review the candidates asset by
        asset; nothing is applied without your click.
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void suggest(ids)}>
          Suggest for selection
        </button>
        {batch ? (
          <button
            type="button"
            className="button button-primary"
            disabled={reviewable === 0}
            onClick={startReview}
          >
            Review suggestions ({reviewable})
          </button>
        ) : null}
      </div>
      {batch ? (
        <p className="field-hint" role="status">
          {`Looked up ${results.length} of ${plural(batch.assetIds.length, 'asset')}: `}
          {`${reviewable} with candidates, ${noMatch} without a match`}
          {failed > 0 ? `, ${failed} failed (see Analysis)` : ''}.
        </p>
      ) : null}
    </section>
  );
}
