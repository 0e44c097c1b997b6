import type { TmdbField, TmdbLanguage, TmdbSuggestions } from '../../../../shared/contract';
import { tmdbLanguages } from '../../../../shared/contract/tmdb';
import { fetchedLine } from './fetched-ago';
import { languageNames, suggestionRows } from './suggestion-rows';

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
        <p className={suggestions.offline ? 'tmdb-fetched tmdb-offline' : 'tmdb-fetched muted'}>
          {fetchedLine(suggestions)}
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
