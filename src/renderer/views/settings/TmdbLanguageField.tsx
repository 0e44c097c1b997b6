import { tmdbLanguages } from '../../../shared/contract/tmdb';
import type { TmdbLanguage } from '../../../shared/contract';

const languageNames: Record<TmdbLanguage, string> = {
  'ko-KR': 'Korean (ko-KR)',
  'en-US': 'English (en-US)',
};

/** The language TMDB suggestions come in; the other one fills in text missing in it. */
export function TmdbLanguageField({
  value,
  error,
  onChange,
}: {
  value: TmdbLanguage;
  error: string | undefined;
  onChange: (value: TmdbLanguage) => void;
}) {
  return (
    <section className="card" aria-labelledby="tmdb-settings-title">
      <h2 id="tmdb-settings-title">Metadata suggestions</h2>
      <div className="field">
        <label htmlFor="setting-tmdbLanguage">Language of TMDB suggestions</label>
        <select
          id="setting-tmdbLanguage"
          value={value}
          aria-describedby="setting-tmdbLanguage-hint"
          onChange={(e) => onChange(e.target.value as TmdbLanguage)}
        >
          {tmdbLanguages.map((lang) => (
            <option key={lang} value={lang}>
              {languageNames[lang]}
            </option>
          ))}
        </select>
        <p className="field-hint" id="setting-tmdbLanguage-hint">
          Titles and overviews come in this language; when TMDB has none, in the other one. The TMDB
          token is set in Account.
        </p>
        {error ? <p className="field-error">{error}</p> : null}
      </div>
    </section>
  );
}
