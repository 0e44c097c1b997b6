import { useState, type FormEvent } from 'react';
import type { StoredRuleSet } from '../../../shared/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CheckField, TextField } from '../../components/TextField';
import { useDailies } from '../../store/store-context';
import {
  draftFromRuleSet,
  emptyRuleSetDraft,
  rulesFromDraft,
  type RuleSetDraft,
  type RuleSetField,
} from './rule-set-draft';

const fields: Array<{ key: RuleSetField; label: string; hint: string }> = [
  { key: 'name', label: 'Name', hint: 'How profiles pick it, e.g. Festival HD.' },
  {
    key: 'containers',
    label: 'Containers',
    hint: 'Separated by commas, e.g. mp4, mov. Blank: any.',
  },
  { key: 'videoCodecs', label: 'Video codecs', hint: 'e.g. h264, hevc. Blank: any.' },
  { key: 'audioCodecs', label: 'Audio codecs', hint: 'e.g. aac. Blank: any.' },
  { key: 'minWidth', label: 'Minimum width (pixels)', hint: 'Blank: no minimum.' },
  {
    key: 'minHeight',
    label: 'Minimum height (pixels)',
    hint: 'Portrait clips are compared turned.',
  },
  { key: 'maxDurationSeconds', label: 'Longest duration (seconds)', hint: 'Blank: no limit.' },
  { key: 'frameRates', label: 'Frame rates', hint: 'e.g. 24, 25, 29.97. Blank: any.' },
  { key: 'loudnessMin', label: 'Quietest loudness (LUFS)', hint: 'e.g. -24. Blank: not measured.' },
  { key: 'loudnessMax', label: 'Loudest loudness (LUFS)', hint: 'e.g. -22.' },
  {
    key: 'loudnessTolerance',
    label: 'Loudness tolerance (LU)',
    hint: 'Outside by this much is a warning; default 1.',
  },
];

type Editing = { id: number | null; draft: RuleSetDraft };

/**
 * The delivery rule sets profiles pick from: create, duplicate, edit (checked before it is
 * sent, and by the engine), delete when no profile uses it. The default one is what a
 * profile without a choice, and the library without a profile, is judged against.
 */
export function DeliveryRuleSets() {
  const ruleSets = useDailies((s) => s.ruleSets);
  const loadError = useDailies((s) => s.ruleSetsError);
  const remove = useDailies((s) => s.removeRuleSet);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<StoredRuleSet | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);

  const duplicate = (set: StoredRuleSet) => {
    const names = new Set((ruleSets ?? []).map((s) => s.rules.name));
    let name = `${set.rules.name} copy`;
    for (let n = 2; names.has(name); n += 1) name = `${set.rules.name} copy ${n}`;
    setEditing({ id: null, draft: draftFromRuleSet(set, name) });
  };

  return (
    <section className="card" aria-labelledby="rule-sets-title">
      <h2 id="rule-sets-title">Delivery rule sets</h2>
      <p className="section-lede">
        What a platform expects of a file. Each upload profile picks one; an asset that fails it is
        not sent unless you send it anyway.
      </p>
      {loadError ? <p className="form-message form-message-bad">{loadError}</p> : null}
      {ruleSets === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <ul className="rule-set-list" aria-label="Rule sets">
          {ruleSets.map((set) => (
            <li key={set.id} className="rule-set-row">
              <span className="rule-set-name">
                {set.rules.name}
                {set.isDefault ? <span className="muted"> · default</span> : null}
              </span>
              <button
                type="button"
                className="button button-small"
                aria-label={`Edit ${set.rules.name}`}
                onClick={() => setEditing({ id: set.id, draft: draftFromRuleSet(set) })}
              >
                Edit
              </button>
              <button
                type="button"
                className="button button-small"
                aria-label={`Duplicate ${set.rules.name}`}
                onClick={() => duplicate(set)}
              >
                Duplicate
              </button>
              <button
                type="button"
                className="button button-small button-danger"
                aria-label={`Delete ${set.rules.name}`}
                disabled={set.isDefault}
                title={set.isDefault ? 'Make another set the default first.' : undefined}
                onClick={() => setDeleting(set)}
              >
                Delete…
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="form-status" role="status">
        {message?.tone === 'ok' ? message.text : null}
      </p>
      {message?.tone === 'bad' ? (
        <p role="alert" className="form-message form-message-bad">
          {message.text}
        </p>
      ) : null}
      {editing ? (
        <RuleSetForm
          key={editing.id ?? 'new'}
          editing={editing}
          onDone={(text) => {
            setEditing(null);
            setMessage({ tone: 'ok', text });
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => setEditing({ id: null, draft: emptyRuleSetDraft })}
        >
          New rule set
        </button>
      )}
      {deleting ? (
        <ConfirmDialog
          title={`Delete the rule set “${deleting.rules.name}”?`}
          confirmLabel="Delete"
          cancelLabel="Keep it"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const set = deleting;
            setDeleting(null);
            void remove(set.id).then((outcome) =>
              setMessage(
                outcome.ok
                  ? { tone: 'ok', text: `Deleted “${set.rules.name}”.` }
                  : { tone: 'bad', text: outcome.message },
              ),
            );
          }}
        >
          <p>Assets already sent keep their uploads; nothing is judged against it any more.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function RuleSetForm({
  editing,
  onDone,
  onCancel,
}: {
  editing: Editing;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const save = useDailies((s) => s.saveRuleSet);
  const [draft, setDraft] = useState(editing.draft);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof RuleSetDraft>(key: K, value: RuleSetDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = rulesFromDraft(draft);
    const focusFirst = () =>
      requestAnimationFrame(() =>
        form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
    if (!checked.ok) {
      setErrors(checked.fields);
      setFailure('Some values are not valid. Correct the marked fields and save again.');
      focusFirst();
      return;
    }
    setSaving(true);
    const outcome = await save(editing.id, checked.rules, draft.makeDefault);
    setSaving(false);
    if (outcome.ok) {
      onDone(`Saved “${checked.rules.name}”.`);
      return;
    }
    setErrors(outcome.fields);
    setFailure(outcome.message);
    focusFirst();
  };

  return (
    <form
      className="rule-set-form"
      aria-label={editing.id === null ? 'New rule set' : `Edit ${editing.draft.name}`}
      onSubmit={(event) => void onSubmit(event)}
      noValidate
    >
      {fields.map(({ key, label, hint }) => (
        <TextField
          key={key}
          id={`rule-set-${key}`}
          label={label}
          hint={hint}
          error={errors[key]}
          value={draft[key]}
          onChange={(value) => set(key, value)}
        />
      ))}
      <CheckField
        label="The file must have sound"
        checked={draft.audioRequired}
        onChange={(checked) => set('audioRequired', checked)}
      />
      <CheckField
        label="Make this the default rule set"
        checked={draft.makeDefault}
        onChange={(checked) => set('makeDefault', checked)}
      />
      {failure ? (
        <p role="alert" className="form-message form-message-bad">
          {failure}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save rule set'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
