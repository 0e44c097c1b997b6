import type { TmdbField, TmdbLanguage, TmdbSuggestions } from '../../../../shared/contract';
import { tmdbLanguages } from '../../../../shared/contract';
import { fetchedLine } from './fetched-ago';

const languageNames: Record<TmdbLanguage, string> = { 'ko-KR': 'Korean', 'en-US': 'English' };

interface Row {
  field: TmdbField;
  label: string;
  current: string;
  suggested: string | null;
  /** Why the suggestion cannot be accepted, or a note about it (language fallback). */
  note: string | null;
  acceptable: boolean;
}

/** The three fields as rows: the asset's value, TMDB's, and whether Accept can take it. */
export function suggestionRows(s: TmdbSuggestions, asked: TmdbLanguage | null): Row[] {
  const fallback = (language: TmdbLanguage | null) =>
    language && asked && language !== asked
      ? `No ${languageNames[asked]} text on TMDB; this is the ${languageNames[language]} one.`
      : null;
  const text = (field: 'title' | 'overview', label: string): Row => {
    const t = s[field];
    return {
      field,
      label,
      current: t.current,
      suggested: t.suggested,
      note: t.suggested === null ? 'TMDB has no text for this.' : fallback(t.language),
      acceptable: t.suggested !== null && !t.same,
    };
  };
  const rating = s.ageRating;
  return [
    text('title', 'Title'),
    text('overview', 'Description'),
    {
      field: 'ageRating',
      label: 'Age rating',
      current: rating.current,
      suggested: rating.suggested ?? rating.raw,
      note: rating.unmapped
        ? `Not mapped${rating.raw ? ` (TMDB says “${rating.raw}”)` : ''}: ${rating.unmapped.message}`
        : rating.raw && rating.suggested && rating.raw !== rating.suggested
          ? `TMDB’s Korean rating “${rating.raw}”.`
          : null,
      acceptable: rating.suggested !== null && !rating.same,
    },
  ];
}

/**
 * The picked item's title, overview and age rating beside the asset's current values, each
 * with Accept, and Accept all. Accepting is an ordinary edit: it shows in the history and
 * Undo takes it back.
 */
export function SuggestionFields({
  suggestions,
  language,
  defaultLanguage,
  busy,
  onAccept,
  onLanguage,
}: {
  suggestions: TmdbSuggestions;
  language: TmdbLanguage | null;
  defaultLanguage: TmdbLanguage;
  busy: boolean;
  onAccept: (fields: TmdbField[]) => void;
  onLanguage: (language: TmdbLanguage) => void;
}) {
  const asked = language ?? defaultLanguage;
  const rows = suggestionRows(suggestions, asked);
  const acceptable = rows.filter((row) => row.acceptable).map((row) => row.field);
  return (
    <div className="tmdb-fields">
      <div className="tmdb-fields-head">
        <label htmlFor={`tmdb-language-${suggestions.assetId}`}>Language</label>
        <select
          id={`tmdb-language-${suggestions.assetId}`}
          value={asked}
          onChange={(e) => onLanguage(e.target.value as TmdbLanguage)}
        >
          {tmdbLanguages.map((lang) => (
            <option key={lang} value={lang}>
              {languageNames[lang]} ({lang})
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button-primary button-small push-right"
          disabled={busy || acceptable.length === 0}
          onClick={() => onAccept(acceptable)}
        >
          Accept all
        </button>
      </div>
      {suggestions.fromCache ? (
        <p className="tmdb-fetched tmdb-offline">
          {fetchedLine(suggestions.fetchedAt, suggestions.fromCache)}
        </p>
      ) : null}
      <table className="tmdb-compare">
        <caption className="visually-hidden">
          Suggestions from TMDB beside the current values
        </caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Now</th>
            <th scope="col">TMDB</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field} data-field={row.field}>
              <th scope="row">{row.label}</th>
              <td className="tmdb-now">{row.current || <span className="muted">—</span>}</td>
              <td className="tmdb-suggested">
                {row.suggested ?? <span className="muted">—</span>}
                {row.note ? <span className="tmdb-note">{row.note}</span> : null}
              </td>
              <td>
                {row.acceptable ? (
                  <button
                    type="button"
                    className="button button-small"
                    disabled={busy}
                    aria-label={`Accept ${row.label.toLowerCase()}`}
                    onClick={() => onAccept([row.field])}
                  >
                    Accept
                  </button>
                ) : (
                  <span className="muted tmdb-same">
                    {row.suggested !== null && row.current === row.suggested ? 'Same' : ''}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
