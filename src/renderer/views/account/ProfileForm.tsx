import { useRef, useState, type FormEvent } from 'react';
import type { Profile, StoredRuleSet } from '../../../shared/contract';
import { FormField } from '../../components/FormField';
import { TextField } from '../../components/TextField';
import { useDailies } from '../../store/store-context';
import {
  draftFromProfile,
  emptyDraft,
  errorFieldOf,
  inputFromDraft,
  type ProfileDraft,
} from './profile-draft';

type TextKey = Exclude<keyof ProfileDraft, 'forcePathStyle' | 'encryption'>;

type FieldSpec = { key: TextKey; label: string; hint: string };

const platformFields: FieldSpec[] = [
  { key: 'name', label: 'Name', hint: 'For example Staging or Production.' },
  {
    key: 'apiBaseUrl',
    label: 'Platform API base URL',
    hint: 'Everything before /v1, e.g. https://api.example.com/api',
  },
];

const storageFields: FieldSpec[] = [
  { key: 'bucket', label: 'Bucket', hint: 'The S3 bucket uploads go to.' },
  { key: 'region', label: 'Region', hint: 'e.g. ap-northeast-2' },
  {
    key: 's3Endpoint',
    label: 'S3 endpoint',
    hint: 'Only for S3-compatible stores; blank for AWS.',
  },
  {
    key: 'keyPrefix',
    label: 'Key prefix',
    hint: 'Optional folder before videos/ and thumbnails/.',
  },
  { key: 'cdnDomain', label: 'CDN domain', hint: 'Optional, e.g. cdn.example.com' },
];

const uploadFields: FieldSpec[] = [
  {
    key: 'concurrency',
    label: 'Uploads at once',
    hint: 'From 1 to 16. Files small enough to go in one request share one, up to four to each.',
  },
  { key: 'partSizeMiB', label: 'Part size (MiB)', hint: 'From 5 MiB to 5 GiB.' },
  { key: 'bandwidthLimitKBps', label: 'Bandwidth limit (KB/s)', hint: 'Blank for no limit.' },
  {
    key: 'timeWindow',
    label: 'Upload window',
    hint: 'HH:MM-HH:MM, e.g. 20:00-07:00; blank for any time.',
  },
];

/** Create or edit a profile; the engine's field errors show beside each field. */
export function ProfileForm({ profile, onDone }: { profile: Profile | null; onDone: () => void }) {
  const save = useDailies((s) => s.saveProfile);
  const rawErrors = useDailies((s) => s.profileFieldErrors);
  const ruleSets = useDailies((s) => s.ruleSets);
  const [draft, setDraft] = useState<ProfileDraft>(() =>
    profile ? draftFromProfile(profile) : emptyDraft,
  );
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const errors: Partial<Record<keyof ProfileDraft, string>> = {};
  for (const [path, message] of Object.entries(rawErrors)) {
    const key = errorFieldOf[path] ?? (path as keyof ProfileDraft);
    errors[key] ??= message;
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const id = await save(profile?.id ?? null, inputFromDraft(draft));
    setSaving(false);
    if (id !== null) onDone();
    // The form is long: take the editor to the first field to fix, not just the top notice.
    else form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };
  const set = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const field = ({ key, label, hint }: FieldSpec) => (
    <TextField
      key={key}
      id={`profile-${key}`}
      label={label}
      hint={hint}
      error={errors[key]}
      announceError
      value={draft[key]}
      onChange={(value) => set(key, value)}
    />
  );

  return (
    <form
      data-save-shortcut=""
      ref={form}
      className="card profile-form"
      onSubmit={onSubmit}
      noValidate
      aria-label="Profile"
    >
      <h2>{profile ? `Edit ${profile.name}` : 'New profile'}</h2>
      <fieldset>
        <legend>Platform</legend>
        {platformFields.map(field)}
      </fieldset>
      <fieldset>
        <legend>Storage</legend>
        {storageFields.slice(0, 3).map(field)}
        <div className="field field-check">
          <label>
            <input
              type="checkbox"
              checked={draft.forcePathStyle}
              onChange={(e) => set('forcePathStyle', e.target.checked)}
            />
            Path-style addressing (most S3-compatible stores need it)
          </label>
        </div>
        {storageFields.slice(3).map(field)}
        <div className="field">
          <label htmlFor="profile-encryption">Server-side encryption</label>
          <select
            id="profile-encryption"
            value={draft.encryption}
            onChange={(e) => set('encryption', e.target.value as ProfileDraft['encryption'])}
          >
            <option value="none">None</option>
            <option value="sse-s3">SSE-S3 (keys managed by S3)</option>
            <option value="sse-kms">SSE-KMS (a KMS key)</option>
          </select>
        </div>
        {draft.encryption === 'sse-kms'
          ? field({ key: 'kmsKeyId', label: 'KMS key id', hint: 'The key id or ARN.' })
          : null}
      </fieldset>
      <fieldset>
        <legend>Uploads</legend>
        {uploadFields.map(field)}
        <FormField
          id="profile-deliveryRuleSetId"
          label="Delivery rule set"
          hint="Assets that fail it are not sent unless you send them anyway. Manage sets in Settings."
          error={errors.deliveryRuleSetId}
          announceError
        >
          {(p) => (
            <select
              {...p}
              value={draft.deliveryRuleSetId}
              onChange={(e) => set('deliveryRuleSetId', e.target.value)}
            >
              {ruleSetOptions(ruleSets, draft.deliveryRuleSetId).map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save profile'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * The rule sets by name (a profile stores the name it picked); blank is the default. A
 * reference that names no set (deleted, or an id typed before sets were listed) stays
 * visible, so saving the form does not change it behind the editor's back.
 */
function ruleSetOptions(ruleSets: StoredRuleSet[] | null, current: string) {
  const sets = ruleSets ?? [];
  const fallback = sets.find((set) => set.isDefault)?.rules.name;
  const options = [
    { value: '', label: fallback ? `The default (${fallback})` : 'The default rule set' },
    ...sets.map((set) => ({ value: set.rules.name, label: set.rules.name })),
  ];
  const byId = sets.find((set) => String(set.id) === current);
  if (current !== '' && !options.some((option) => option.value === current))
    options.push({
      value: current,
      label: byId ? byId.rules.name : `${current} (no such rule set)`,
    });
  return options;
}
