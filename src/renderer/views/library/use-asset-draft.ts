import { useRef, useState, type FormEvent } from 'react';
import type { Asset } from '../../../shared/contract';
import type { MetadataField } from '../../../shared/metadata';
import { useDailies } from '../../store/store-context';
import {
  draftFromAsset,
  errorsByField,
  patchFromDraft,
  validateDraft,
  type DraftErrors,
  type MetadataDraft,
} from './metadata-draft';

/** The form's order, so a failed save takes the editor to the first field to fix. */
const fieldOrder: MetadataField[] = [
  'title',
  'description',
  'ageRating',
  'contentId',
  'slug',
  'tags',
  'notes',
];

/** The line under the form: saved, what to fix, or a conflict with a newer version. */
export interface DraftMessage {
  tone: 'ok' | 'bad' | 'conflict';
  text: string;
}

/**
 * The editor's draft of one asset's metadata: what they typed, its errors (the shared rules'
 * before sending, the engine's after), and saving it with the revision it started from.
 */
export function useAssetDraft(asset: Asset) {
  const save = useDailies((s) => s.saveAsset);
  const [base, setBase] = useState(asset);
  // The version the editor's draft started from: a save sends its revision, so a change
  // made elsewhere meanwhile is reported as a conflict instead of silently overwritten.
  const [origin, setOrigin] = useState(asset);
  const [draft, setDraft] = useState<MetadataDraft>(() => draftFromAsset(asset));
  const [engineErrors, setEngineErrors] = useState<DraftErrors>({});
  const [message, setMessage] = useState<DraftMessage | null>(null);
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

  const patch = patchFromDraft(draft, origin);
  const dirty = Object.keys(patch).length > 0;
  const clientErrors = validateDraft(draft, origin);
  const errors: DraftErrors = { ...engineErrors, ...clientErrors };

  const focusFirstError = (found: DraftErrors) => {
    const first = fieldOrder.find((field) => found[field] !== undefined);
    if (first) form.current?.querySelector<HTMLElement>(`#asset-${first}`)?.focus();
  };

  const submit = async (event: FormEvent) => {
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

  /**
   * Starts again from the asset as the list holds it: Discard, and "Load their version"
   * after a conflict (the slice read their version into the list when it reported it).
   */
  const reset = () => {
    setOrigin(asset);
    setDraft(draftFromAsset(asset));
    setEngineErrors({});
    setMessage(null);
  };

  return { form, draft, errors, dirty, saving, message, submit, update, reset };
}
