import type { TmdbCandidateList } from '../../../../shared/contract';
import type { TmdbPick } from '../../../store/tmdb-slice';
import { fetchedLine } from './fetched-ago';
import { PosterThumb } from './PosterThumb';

const kindWords = { movie: 'Movie', tv: 'TV series' } as const;

const samePick = (a: TmdbPick | null | undefined, b: TmdbPick) =>
  !!a && a.tmdbId === b.tmdbId && a.kind === b.kind;

/**
 * What TMDB found, best first, as radio buttons: picking one only shows its suggestions. A
 * single confident match arrives picked, with a line saying that nothing is applied yet.
 */
export function CandidateList({
  assetId,
  list,
  picked,
  onPick,
}: {
  assetId: number;
  list: TmdbCandidateList;
  picked: TmdbPick | null;
  onPick: (pick: TmdbPick) => void;
}) {
  const where = list.year ? `“${list.query}” (${list.year})` : `“${list.query}”`;
  return (
    <div className="tmdb-candidates">
      <p className={list.offline ? 'tmdb-fetched tmdb-offline' : 'tmdb-fetched muted'}>
        {fetchedLine(list)}
      </p>
      {list.noMatch || list.candidates.length === 0 ? (
        <p role="status" className="form-message">
          TMDB has no movie or TV series matching {where}. Try a shorter title, another year or
          none, or paste the TMDB id from the item’s page.
        </p>
      ) : (
        <fieldset>
          <legend>
            {list.candidates.length === 1
              ? `1 candidate for ${where}`
              : `${list.candidates.length} candidates for ${where}`}
          </legend>
          {list.preselected && samePick(picked, list.preselected) ? (
            <p className="field-hint">
              One confident match is picked for you. Nothing changes until you accept a field.
            </p>
          ) : null}
          <ul className="tmdb-candidate-list">
            {list.candidates.map((candidate) => {
              const id = `tmdb-${assetId}-${candidate.kind}-${candidate.tmdbId}`;
              const checked = samePick(picked, candidate);
              const linked = samePick(list.linked, candidate);
              return (
                <li key={id} className={checked ? 'is-picked' : undefined}>
                  <input
                    type="radio"
                    id={id}
                    name={`tmdb-candidate-${assetId}`}
                    checked={checked}
                    onChange={() => onPick({ tmdbId: candidate.tmdbId, kind: candidate.kind })}
                  />
                  <label htmlFor={id}>
                    <PosterThumb candidate={candidate} />
                    <span className="tmdb-candidate-text">
                      <span className="tmdb-candidate-title">
                        {candidate.title}
                        {candidate.year ? ` (${candidate.year})` : ''}
                      </span>
                      {candidate.originalTitle && candidate.originalTitle !== candidate.title ? (
                        <span className="muted">{candidate.originalTitle}</span>
                      ) : null}
                      <span className="muted">
                        {kindWords[candidate.kind]} · TMDB {candidate.tmdbId}
                        {linked ? ' · linked to this asset' : ''}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
    </div>
  );
}
