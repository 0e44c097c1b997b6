import { useEffect } from 'react';
import type { Asset } from '../../../shared/contract';
import { ageRatings } from '../../../shared/metadata';
import { formatBytes, formatDate } from '../../components/format';
import { FormField } from '../../components/FormField';
import { useDailies } from '../../store/store-context';
import { statusChipLabel } from './asset-labels';
import { assetReason } from './asset-reason';
import { useShallow } from 'zustand/react/shallow';
import { AssetAnalysis } from './AssetAnalysis';
import { AssetHistory } from './AssetHistory';
import { DetailFilmstrip } from './DetailFilmstrip';
import { EditedOnPlatform } from './EditedOnPlatform';
import { Fact } from './Fact';
import { useAssetDraft } from './use-asset-draft';
import { WhereItWent } from '../../components/WhereItWent';
import { TmdbSuggestions } from './suggestions/TmdbSuggestions';

const lockedHint = 'Locked: already on the platform.';

/** The selected asset: its facts, its metadata form (saved with its revision) and history. */
export function AssetDetail({ asset }: { asset: Asset }) {
  const removeAssets = useDailies((s) => s.removeAssets);
  const restoreAssets = useDailies((s) => s.restoreAssets);
  const loadHistory = useDailies((s) => s.loadHistory);
  const { form, draft, errors, dirty, saving, message, submit, update, reset } =
    useAssetDraft(asset);

  useEffect(() => {
    void loadHistory(asset.id);
  }, [asset.id, loadHistory]);

  const reason = useDailies(useShallow((s) => assetReason(s, asset)));
  const statusLabel = useDailies((s) => statusChipLabel(asset.status, s.syncStatuses[asset.id]));
  const locked = asset.syncedAt !== null;
  const inTrash = asset.deletedAt !== null;

  return (
    <section className="detail" aria-labelledby="detail-title">
      <div className="detail-head">
        <DetailFilmstrip asset={asset} />
        <h2 id="detail-title" className="detail-title">
          {asset.title}
        </h2>
        <dl className="facts">
          <Fact term="Status">
            <span className={`chip chip-${asset.status}`}>{statusLabel}</span>
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

      {reason ? (
        <div className="detail-reason" role="note" aria-label="Why it stopped">
          <p>{reason.full}</p>
          <p className="muted">{reason.action}</p>
        </div>
      ) : null}
      <EditedOnPlatform asset={asset} />
      <WhereItWent assetId={asset.id} />
      <AssetAnalysis asset={asset} />

      <form
        data-save-shortcut=""
        ref={form}
        className="detail-form"
        onSubmit={submit}
        noValidate
        aria-label="Metadata"
      >
        <fieldset disabled={inTrash}>
          <FormField id="asset-title" label="Title" error={errors.title}>
            {(p) => (
              <input
                {...p}
                type="text"
                value={draft.title}
                onChange={(e) => update('title', e.target.value)}
              />
            )}
          </FormField>
          <FormField id="asset-description" label="Description" error={errors.description}>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                value={draft.description}
                onChange={(e) => update('description', e.target.value)}
              />
            )}
          </FormField>
          <div className="field-pair">
            <FormField id="asset-ageRating" label="Age rating" error={errors.ageRating}>
              {(p) => (
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
              )}
            </FormField>
            <FormField
              id="asset-contentId"
              label="Content id"
              hint={locked ? lockedHint : undefined}
              error={errors.contentId}
            >
              {(p) => (
                <input
                  {...p}
                  type="text"
                  inputMode="numeric"
                  className="mono"
                  readOnly={locked}
                  value={draft.contentId}
                  onChange={(e) => update('contentId', e.target.value)}
                />
              )}
            </FormField>
          </div>
          <FormField
            id="asset-slug"
            label="Slug"
            hint={locked ? lockedHint : 'Lower case letters, digits and dashes.'}
            error={errors.slug}
          >
            {(p) => (
              <input
                {...p}
                type="text"
                spellCheck={false}
                className="mono"
                readOnly={locked}
                value={draft.slug}
                onChange={(e) => update('slug', e.target.value)}
              />
            )}
          </FormField>
          <FormField id="asset-tags" label="Tags" hint="Separated by commas." error={errors.tags}>
            {(p) => (
              <input
                {...p}
                type="text"
                value={draft.tags}
                onChange={(e) => update('tags', e.target.value)}
              />
            )}
          </FormField>
          <FormField id="asset-notes" label="Notes" error={errors.notes}>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                value={draft.notes}
                onChange={(e) => update('notes', e.target.value)}
              />
            )}
          </FormField>
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
              <button type="button" className="button" disabled={!dirty} onClick={reset}>
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
                  <button type="button" className="link-button" onClick={reset}>
                    Load their version
                  </button>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
      </form>
      <TmdbSuggestions key={asset.id} asset={asset} />
      <AssetHistory asset={asset} />
    </section>
  );
}
