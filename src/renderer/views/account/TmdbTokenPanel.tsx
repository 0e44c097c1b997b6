import { useEffect, useState, type FormEvent } from 'react';
import { useDailies } from '../../store/store-context';
import { canDeleteSecret, secretStatusLine } from './secrets-wording';

const ID = 'tmdb-token';

/**
 * The TMDB read access token (v4) or API key (v3) that metadata suggestions use: set or not
 * and where from, never its value. It belongs to this computer, not to an upload profile.
 * `secretsShown`: a profile's Secrets section is on the page and already says why the
 * keychain is out of reach, so this card points there instead of repeating it.
 */
export function TmdbTokenPanel({ secretsShown }: { secretsShown: boolean }) {
  const status = useDailies((s) => s.tmdbStatus);
  const loadError = useDailies((s) => s.tmdbStatusError);
  const notice = useDailies((s) => s.tmdbTokenNotice);
  const load = useDailies((s) => s.loadTmdbStatus);
  const setToken = useDailies((s) => s.setTmdbToken);
  const clearToken = useDailies((s) => s.clearTmdbToken);
  const [value, setValue] = useState('');

  useEffect(() => {
    void load();
  }, [load]);

  const token = status?.token;
  const unavailable = token?.state === 'unavailable';
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = value;
    setValue('');
    await setToken(typed);
  };

  return (
    <section className="card" aria-labelledby="tmdb-token-title">
      <h2 id="tmdb-token-title">TMDB</h2>
      <p className="section-lede">
        Metadata suggestions (title, overview, age rating) come from The Movie Database. Paste an
        API read access token or an API key from your themoviedb.org account settings. It is kept in
        the system keychain; headless hosts read DAILIES_TMDB_TOKEN instead.
      </p>
      {loadError ? (
        <p role="alert" className="form-message form-message-bad">
          {loadError}
        </p>
      ) : null}
      {unavailable ? (
        <p role="alert" className="form-message form-message-bad">
          {secretsShown
            ? 'The system keychain cannot be reached (the Secrets section above says what to ' +
              'start), so a token cannot be stored here; a headless host reads DAILIES_TMDB_TOKEN.'
            : token.reason}
        </p>
      ) : null}
      <form className="field" onSubmit={onSubmit} aria-label="TMDB token">
        <label htmlFor={ID}>TMDB token or API key</label>
        <p className="field-hint" data-testid={`${ID}-status`}>
          {status ? secretStatusLine(token) : 'Checking…'}
        </p>
        <input
          id={ID}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          disabled={unavailable}
          placeholder={token?.state === 'set' ? 'Enter a new value to replace it' : 'Paste it here'}
          onChange={(e) => setValue(e.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={unavailable || value.trim() === ''}>
            Store in keychain
          </button>
          {canDeleteSecret(token) ? (
            <button type="button" className="button" onClick={() => void clearToken()}>
              Delete
            </button>
          ) : null}
        </div>
      </form>
      <div role="status">
        {notice ? (
          <p className={`form-message form-message-${notice.tone === 'ok' ? 'good' : 'bad'}`}>
            {notice.text}
          </p>
        ) : null}
      </div>
    </section>
  );
}
