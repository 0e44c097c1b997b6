import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Asset } from '../../../shared/contract';
import { ageRatings, type MetadataField } from '../../../shared/metadata';
import { useDailies } from '../../store/store-context';
import { AssetAnalysis } from './AssetAnalysis';
import { AssetThumb } from './AssetThumb';
import { AssetHistory } from './AssetHistory';
import { formatBytes, formatDate } from '../../components/format';
import { statusLabels } from './asset-labels';
import {
  draftFromAsset,
  errorsByField,
  patchFromDraft,
  validateDraft,
  type DraftErrors,
  type MetadataDraft,
} from './metadata-draft';

const fieldOrder: MetadataField[] = [
  'title',
  'description',
  'ageRating',
  'contentId',
  'slug',
  'tags',
  'notes',
];

/** The selected asset: its facts, its metadata form (saved with its revision) and history. */
export function AssetDetail({ asset }: { asset: Asset }) {
  const save = useDailies((s) => s.saveAsset);
  const removeAssets = useDailies((s) => s.removeAssets);
  const restoreAssets = useDailies((s) => s.restoreAssets);
  const loadHistory = useDailies((s) => s.loadHistory);
  const [base, setBase] = useState(asset);
  // The version the editor's draft started from: a save sends its revision, so a change
  // made elsewhere meanwhile is reported as a conflict instead of silently overwritten.
  const [origin, setOrigin] = useState(asset);
  const [draft, setDraft] = useState<MetadataDraft>(() => draftFromAsset(asset));
  const [engineErrors, setEngineErrors] = useState<DraftErrors>({});
  const [message, setMessage] = useState<{
    tone: 'ok' | 'bad' | 'conflict';
    text: string;
  } | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  // Another asset, or this one changed (our save, an undo, another window): take it unless
  // the editor is in the middle of changes of their own (then a save reports the conflict).
  if (asset !== base) {
    const dirty = Object.keys(patchFromDraft(draft, origin)).length > 0;
    setBase(asset);
    if (asset.id !== base.id || !dirty) {
      setOrigin(asset);
      setDraft(draftFromAsset(asset));
      setEngineErrors({});
      if (asset.id !== base.id) setMessage(null);
    }
  }

  useEffect(() => {
    void loadHistory(asset.id);
  }, [asset.id, loadHistory]);

  const locked = asset.syncedAt !== null;
  const inTrash = asset.deletedAt !== null;
  const patch = patchFromDraft(draft, origin);
  const dirty = Object.keys(patch).length > 0;
  const clientErrors = validateDraft(draft, origin);
  const errors: DraftErrors = { ...engineErrors, ...clientErrors };

  const focusFirstError = (found: DraftErrors) => {
    const first = fieldOrder.find((field) => found[field] !== undefined);
    if (first) form.current?.querySelector<HTMLElement>(`#asset-${first}`)?.focus();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!dirty) return;
    if (Object.keys(clientErrors).length > 0) {
      setMessage({ tone: 'bad', text: 'Correct the marked fields, then save.' });
      focusFirstError(clientErrors);
      return;
    }
    setSaving(true);
    const outcome = await save(asset.id, patch, origin.revision);
    setSaving(false);
    switch (outcome.kind) {
      case 'saved':
        setEngineErrors({});
        setOrigin(outcome.asset);
        setDraft(draftFromAsset(outcome.asset));
        setMessage({ tone: 'ok', text: 'Saved.' });
        return;
      case 'invalid': {
        const found = errorsByField(outcome.fields);
        setEngineErrors(found);
        setMessage({ tone: 'bad', text: outcome.message });
        focusFirstError(found);
        return;
      }
      case 'conflict':
        setMessage({ tone: 'conflict', text: outcome.message });
        return;
      case 'failed':
        setMessage({ tone: 'bad', text: outcome.message });
    }
  };

  const update = (field: keyof MetadataDraft, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setEngineErrors((e) => ({ ...e, [field]: undefined }));
    setMessage(null);
  };

  const field = (
    name: MetadataField,
    label: string,
    input: (props: FieldProps) => ReactNode,
    hint?: string,
  ) => {
    const id = `asset-${name}`;
    const error = errors[name];
    const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
      .filter(Boolean)
      .join(' ');
    return (
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor={id}>{label}</label>
        {input({
          id,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': describedBy || undefined,
        })}
        {hint ? (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <section className="detail" aria-labelledby="detail-title">
      <div className="detail-head">
        <AssetThumb asset={asset} size="detail" />
        <h2 id="detail-title" className="detail-title">
          {asset.title}
        </h2>
        <dl className="facts">
          <Fact term="Status">
            <span className={`chip chip-${asset.status}`}>{statusLabels[asset.status]}</span>
          </Fact>
          <Fact term="Size">{formatBytes(asset.sizeBytes)}</Fact>
          <Fact term="Added">{formatDate(asset.addedAt)}</Fact>
        </dl>
        {asset.locations.map((location) => (
          <p key={location.id} className="detail-path mono" title={location.path}>
            {location.path}
          </p>
        ))}
      </div>

      <AssetAnalysis asset={asset} />

      <form ref={form} className="detail-form" onSubmit={onSubmit} noValidate aria-label="Metadata">
        <fieldset disabled={inTrash}>
          {field('title', 'Title', (p) => (
            <input
              {...p}
              type="text"
              value={draft.title}
              onChange={(e) => update('title', e.target.value)}
            />
          ))}
          {field('description', 'Description', (p) => (
            <textarea
              {...p}
              rows={3}
              value={draft.description}
              onChange={(e) => update('description', e.target.value)}
            />
          ))}
          <div className="field-pair">
            {field('ageRating', 'Age rating', (p) => (
              <select
                {...p}
                value={draft.ageRating}
                onChange={(e) => update('ageRating', e.target.value)}
              >
                {ageRatings.map((rating) => (
                  <option key={rating} value={rating}>
                    {rating}
                  </option>
                ))}
              </select>
            ))}
            {field(
              'contentId',
              'Content id',
              (p) => (
                <input
                  {...p}
                  type="text"
                  inputMode="numeric"
                  className="mono"
                  readOnly={locked}
                  value={draft.contentId}
                  onChange={(e) => update('contentId', e.target.value)}
                />
              ),
              locked ? 'Locked: already on the platform.' : undefined,
            )}
          </div>
          {field(
            'slug',
            'Slug',
            (p) => (
              <input
                {...p}
                type="text"
                spellCheck={false}
                className="mono"
                readOnly={locked}
                value={draft.slug}
                onChange={(e) => update('slug', e.target.value)}
              />
            ),
            locked ? 'Locked: already on the platform.' : 'Lower case letters, digits and dashes.',
          )}
          {field(
            'tags',
            'Tags',
            (p) => (
              <input
                {...p}
                type="text"
                value={draft.tags}
                onChange={(e) => update('tags', e.target.value)}
              />
            ),
            'Separated by commas.',
          )}
          {field('notes', 'Notes', (p) => (
            <textarea
              {...p}
              rows={2}
              value={draft.notes}
              onChange={(e) => update('notes', e.target.value)}
            />
          ))}
        </fieldset>
        <div className="form-actions">
          {inTrash ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => void restoreAssets([asset.id])}
            >
              Restore
            </button>
          ) : (
            <>
              <button type="submit" className="button button-primary" disabled={!dirty || saving}>
                {saving ? 'Saving…' : 'Save'}
              </button>
              <button
                type="button"
                className="button"
                disabled={!dirty}
                onClick={() => {
                  setOrigin(asset);
                  setDraft(draftFromAsset(asset));
                  setEngineErrors({});
                  setMessage(null);
                }}
              >
                Discard
              </button>
              <button
                type="button"
                className="button button-danger push-right"
                onClick={() => void removeAssets([asset.id])}
              >
                Move to trash
              </button>
            </>
          )}
        </div>
        <div role="status" className="detail-status">
          {message ? (
            <p className={message.tone === 'ok' ? 'form-status' : 'form-message form-message-bad'}>
              {message.text}
              {message.tone === 'conflict' ? (
                <>
                  {' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      // The list already holds their version: the slice read it on conflict.
                      setOrigin(asset);
                      setDraft(draftFromAsset(asset));
                      setEngineErrors({});
                      setMessage(null);
                    }}
                  >
                    Load their version
                  </button>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
      </form>
      <AssetHistory asset={asset} />
    </section>
  );
}

interface FieldProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
