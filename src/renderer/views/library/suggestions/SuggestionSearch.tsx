import { useState, type FormEvent } from 'react';
import type { Asset, TmdbKind } from '../../../../shared/contract';
import type { TmdbSearch } from '../../../store/tmdb-slice';
import { parseTmdbId } from './parse-tmdb-id';

type KindChoice = TmdbKind | 'both';

/**
 * What to look for: the asset's title (editable), an optional year, movies or TV or both;
 * or a TMDB id (or its address) pasted from the site.
 */
export function SuggestionSearch({
  asset,
  busy,
  onSearch,
}: {
  asset: Asset;
  busy: boolean;
  onSearch: (search: TmdbSearch) => void;
}) {
  const [query, setQuery] = useState(asset.title);
  const [year, setYear] = useState('');
  const [kind, setKind] = useState<KindChoice>('both');
  const [tmdbId, setTmdbId] = useState('');
  const [error, setError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (tmdbId.trim() !== '') {
      const id = parseTmdbId(tmdbId);
      if (!id) {
        setError('A TMDB id is a number, or paste the address of its page on themoviedb.org.');
        return;
      }
      setError(null);
      const idKind = id.kind ?? (kind === 'both' ? 'movie' : kind);
      onSearch({ tmdbId: id.tmdbId, kind: idKind });
      return;
    }
    const yearNumber = year.trim() === '' ? undefined : Number(year);
    if (yearNumber !== undefined && !(Number.isInteger(yearNumber) && yearNumber >= 1870)) {
      setError('The year is four digits, like 2019; leave it blank to search every year.');
      return;
    }
    if (query.trim() === '') {
      setError('Enter a title to search for, or paste a TMDB id.');
      return;
    }
    setError(null);
    onSearch({
      query: query.trim(),
      ...(yearNumber !== undefined ? { year: yearNumber } : {}),
      ...(kind === 'both' ? {} : { kind }),
    });
  };

  return (
    <form className="tmdb-search" onSubmit={onSubmit} noValidate aria-label="Search TMDB">
      <div className="field">
        <label htmlFor="tmdb-query">Title to search for</label>
        <input
          id="tmdb-query"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <div className="tmdb-search-row">
        <div className="field">
          <label htmlFor="tmdb-year">Year</label>
          <input
            id="tmdb-year"
            type="text"
            inputMode="numeric"
            placeholder="Any"
            value={year}
            onChange={(e) => setYear(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="tmdb-kind">Look in</label>
          <select
            id="tmdb-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as KindChoice)}
          >
            <option value="both">Movies and TV</option>
            <option value="movie">Movies</option>
            <option value="tv">TV series</option>
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="tmdb-id">Or a TMDB id</label>
        <input
          id="tmdb-id"
          type="text"
          spellCheck={false}
          className="mono"
          placeholder="e.g. 496243 or its themoviedb.org address"
          aria-describedby="tmdb-id-hint"
          value={tmdbId}
          onChange={(e) => setTmdbId(e.target.value)}
        />
        <p className="field-hint" id="tmdb-id-hint">
          An id answers that one item; a bare number is a movie unless “Look in” says TV.
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Searching…' : 'Search TMDB'}
        </button>
      </div>
      {error ? (
        <p role="alert" className="form-message form-message-bad">
          {error}
        </p>
      ) : null}
    </form>
  );
}
