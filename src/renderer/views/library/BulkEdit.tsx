import { useState, type FormEvent } from 'react';
import type { BulkPatch } from '../../../shared/contract';
import { ageRatings, type AgeRating } from '../../../shared/metadata';
import { useDailies } from '../../store/store-context';
import { parseTagList } from './metadata-draft';
import { SuggestForSelection } from './suggestions/SuggestForSelection';

/** One patch for every selected asset: all of them change, or none (one transaction). */
export function BulkEdit({ ids }: { ids: number[] }) {
  const bulkUpdate = useDailies((s) => s.bulkUpdateAssets);
  const removeAssets = useDailies((s) => s.removeAssets);
  const [ageRating, setAgeRating] = useState<AgeRating | ''>('');
  const [addTags, setAddTags] = useState('');
  const [removeTags, setRemoveTags] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const patch: BulkPatch = {
    ...(ageRating ? { ageRating } : {}),
    ...(parseTagList(addTags).length ? { addTags: parseTagList(addTags) } : {}),
    ...(parseTagList(removeTags).length ? { removeTags: parseTagList(removeTags) } : {}),
  };
  const empty = Object.keys(patch).length === 0;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (empty) return;
    setBusy(true);
    const outcome = await bulkUpdate(ids, patch);
    setBusy(false);
    if (outcome?.kind === 'stopped') {
      // The library's notice says so; the fields stay, to apply again.
      setError(null);
      return;
    }
    if (outcome) {
      const detail = outcome.kind === 'invalid' ? outcome.fields[0]?.message : null;
      setError(detail ?? outcome.message);
      return;
    }
    setError(null);
    setAgeRating('');
    setAddTags('');
    setRemoveTags('');
  };

  return (
    <section className="detail" aria-labelledby="bulk-title">
      <h2 id="bulk-title" className="detail-title">
        {ids.length} assets selected
      </h2>
      <p className="muted">Fields left blank stay as they are on each asset.</p>
      <form
        data-save-shortcut=""
        className="detail-form"
        onSubmit={onSubmit}
        noValidate
        aria-label="Edit selected assets"
      >
        <div className="field">
          <label htmlFor="bulk-ageRating">Age rating</label>
          <select
            id="bulk-ageRating"
            value={ageRating}
            onChange={(e) => setAgeRating(e.target.value as AgeRating | '')}
          >
            <option value="">Leave as is</option>
            {ageRatings.map((rating) => (
              <option key={rating} value={rating}>
                {rating}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="bulk-addTags">Add tags</label>
          <input
            id="bulk-addTags"
            type="text"
            value={addTags}
            onChange={(e) => setAddTags(e.target.value)}
          />
          <p className="field-hint">Separated by commas; other tags stay.</p>
        </div>
        <div className="field">
          <label htmlFor="bulk-removeTags">Remove tags</label>
          <input
            id="bulk-removeTags"
            type="text"
            value={removeTags}
            onChange={(e) => setRemoveTags(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={empty || busy}>
            {busy ? 'Applying…' : `Apply to ${ids.length} assets`}
          </button>
          <button
            type="button"
            className="button button-danger push-right"
            onClick={() => void removeAssets(ids)}
          >
            Move to trash
          </button>
        </div>
        <div role="status" className="detail-status">
          {error ? <p className="form-message form-message-bad">{error}</p> : null}
        </div>
      </form>
      <SuggestForSelection ids={ids} />
    </section>
  );
}
