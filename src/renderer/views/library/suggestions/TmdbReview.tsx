import { useEffect, useMemo } from 'react';
import { useDailies } from '../../../store/store-context';
import { reviewableIds } from '../../../store/tmdb-review-slice';
import { TmdbSuggestions } from './TmdbSuggestions';

/**
 * Reviewing a bulk lookup: the assets with candidates one after another, each with the same
 * suggestions section as the detail panel. Previous and Next only move; accepting stays a
 * click per asset.
 */
export function TmdbReview() {
  const batch = useDailies((s) => s.tmdbBatch);
  const index = useDailies((s) => s.tmdbReview?.index ?? 0);
  const ids = useMemo(() => reviewableIds(batch), [batch]);
  const id = ids[index];
  const asset = useDailies((s) => s.assets.find((a) => a.id === id) ?? null);
  const step = useDailies((s) => s.stepTmdbReview);
  const end = useDailies((s) => s.endTmdbReview);
  const nameAssets = useDailies((s) => s.nameAssets);
  const name = useDailies((s) => (id === undefined ? undefined : s.jobAssetNames[id]));

  useEffect(() => {
    if (id !== undefined && !asset) nameAssets([id]);
  }, [id, asset, nameAssets]);

  return (
    <section className="detail" aria-labelledby="tmdb-review-title">
      <h2 id="tmdb-review-title" className="detail-title">
        Review TMDB suggestions
      </h2>
      <nav className="tmdb-review-nav" aria-label="Assets to review">
        <button
          type="button"
          className="button button-small"
          disabled={index === 0}
          onClick={() => step(-1)}
        >
          Previous
        </button>
        <span aria-live="polite">
          {ids.length === 0 ? 'Nothing to review' : `Asset ${index + 1} of ${ids.length}`}
        </span>
        <button
          type="button"
          className="button button-small"
          disabled={index >= ids.length - 1}
          onClick={() => step(1)}
        >
          Next
        </button>
        <button type="button" className="button button-small push-right" onClick={end}>
          Done reviewing
        </button>
      </nav>
      {asset ? (
        <>
          <p className="detail-path">
            <strong>{asset.title}</strong> <span className="mono muted">{asset.fileName}</span>
          </p>
          <TmdbSuggestions key={asset.id} asset={asset} reviewing />
        </>
      ) : id !== undefined ? (
        <p className="muted">
          {name
            ? `${name.title} (${name.fileName}) is not in the list shown: clear the search to review it.`
            : 'Loading…'}
        </p>
      ) : null}
    </section>
  );
}
