import { useEffect, useState } from 'react';
import type { Asset, TmdbField } from '../../../../shared/contract';
import { useDailies } from '../../../store/store-context';
import { CandidateList } from './CandidateList';
import { SuggestionFields } from './SuggestionFields';
import { SuggestionSearch } from './SuggestionSearch';
import './suggestions.css';

/**
 * The detail panel's "Suggestions (TMDB)": search TMDB by the asset's title (or a pasted id),
 * pick a candidate, and accept its title, overview and age rating field by field. Nothing is
 * written without a click on Accept; each accept is an edit with Undo.
 */
export function TmdbSuggestions({
  asset,
  reviewing = false,
}: {
  asset: Asset;
  /** In a review of a bulk lookup: always show what the lookup collected. */
  reviewing?: boolean;
}) {
  const lookup = useDailies((s) => s.tmdbLookups[asset.id]);
  const shown = useDailies((s) => s.tmdbSuggestions[asset.id]);
  const notice = useDailies((s) => s.tmdbApplyNotices[asset.id]);
  const defaultLanguage = useDailies((s) => s.settings?.tmdbLanguage ?? 'ko-KR');
  const lookupTmdb = useDailies((s) => s.lookupTmdb);
  const loadCandidates = useDailies((s) => s.loadTmdbCandidates);
  const pickTmdb = useDailies((s) => s.pickTmdb);
  const applyTmdb = useDailies((s) => s.applyTmdb);
  const undoTmdb = useDailies((s) => s.undoTmdb);
  const [applying, setApplying] = useState(false);

  // Candidates found before (by a bulk lookup, or earlier) come back without asking TMDB.
  useEffect(() => {
    if (!lookup || reviewing) void loadCandidates(asset.id);
    // Only when another asset is shown; a search afterwards replaces the answer itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asset.id]);

  const accept = async (fields: TmdbField[]) => {
    setApplying(true);
    await applyTmdb(asset.id, fields);
    setApplying(false);
  };
  const inTrash = asset.deletedAt !== null;

  return (
    <section className="tmdb" aria-labelledby={`tmdb-title-${asset.id}`}>
      <h3 id={`tmdb-title-${asset.id}`}>Suggestions (TMDB)</h3>
      {inTrash ? (
        <p className="muted">Restore the asset to look it up on TMDB.</p>
      ) : (
        <>
          <SuggestionSearch
            key={asset.id}
            asset={asset}
            busy={lookup?.kind === 'loading'}
            onSearch={(search) => void lookupTmdb(asset.id, search)}
          />
          {lookup?.kind === 'failed' ? (
            <p role="alert" className="form-message form-message-bad">
              {lookup.problem.message}
            </p>
          ) : lookup?.kind === 'loaded' ? (
            <CandidateList
              assetId={asset.id}
              list={lookup.list}
              picked={shown?.pick ?? null}
              onPick={(pick) => void pickTmdb(asset.id, pick)}
            />
          ) : lookup?.kind === 'loading' ? (
            <p className="muted" role="status">
              Searching TMDB…
            </p>
          ) : null}
          {shown?.kind === 'loading' ? (
            <p className="muted">Reading the suggestions…</p>
          ) : shown?.kind === 'failed' ? (
            <p role="alert" className="form-message form-message-bad">
              {shown.problem.message}
            </p>
          ) : shown?.kind === 'loaded' ? (
            <SuggestionFields
              suggestions={shown.suggestions}
              language={shown.language}
              defaultLanguage={defaultLanguage}
              busy={applying}
              onAccept={(fields) => void accept(fields)}
              onLanguage={(language) => void pickTmdb(asset.id, shown.pick, language)}
            />
          ) : null}
          <div role="status" className="tmdb-status">
            {notice ? (
              <p className={notice.tone === 'ok' ? 'form-status' : 'form-message form-message-bad'}>
                {notice.text}
                {notice.undoable ? (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => void undoTmdb(asset.id)}
                    >
                      Undo
                    </button>
                  </>
                ) : null}
              </p>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
