import { useState, type FormEvent } from 'react';
import type { Profile, SettableSecretKind } from '../../../shared/contract';
import { secretName } from '../../store/account-slice';
import type { SecretStorage } from '../../store/secret-storage';
import { useDailies } from '../../store/store-context';
import { canDeleteSecret, secretStatusLine, storeButtonLabel } from './secrets-wording';

/** "internal token" reads well in a sentence; as a field label it starts with a capital. */
const labelOf = (kind: SettableSecretKind) => {
  const name = secretName(kind);
  return name.charAt(0).toUpperCase() + name.slice(1);
};

export interface SecretRowProps {
  profile: Profile;
  kind: SettableSecretKind;
  /** Where the profile's secrets live; the panel works it out once for all its rows. */
  storage: SecretStorage;
  /** The id of the panel's message that explains why storing is off, when it is. */
  unavailableId: string;
}

/**
 * One secret: its status from the engine and a field to replace it. The typed value goes to
 * the engine and the field is emptied; nothing here ever shows a stored value.
 */
export function SecretRow({ profile, kind, storage, unavailableId }: SecretRowProps) {
  const setSecret = useDailies((s) => s.setSecret);
  const clearSecret = useDailies((s) => s.clearSecret);
  const [value, setValue] = useState('');
  const status = profile.secrets[kind];
  const id = `secret-${kind}`;
  // Nothing typed here could be kept: say so by switching the field off, not by failing later.
  const unavailable = storage.kind === 'unavailable';
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (unavailable) return;
    const typed = value;
    setValue('');
    await setSecret(profile.id, kind, typed);
  };
  return (
    <form className="field" onSubmit={onSubmit} aria-label={labelOf(kind)}>
      <label htmlFor={id}>{labelOf(kind)}</label>
      <p className="field-hint" data-testid={`${id}-status`}>
        {secretStatusLine(status)}
      </p>
      <input
        id={id}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={value}
        disabled={unavailable}
        aria-describedby={unavailable ? unavailableId : undefined}
        placeholder={
          unavailable
            ? undefined
            : status?.state === 'set'
              ? 'Enter a new value to replace it'
              : 'Paste it here'
        }
        onChange={(e) => setValue(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={unavailable || value.trim() === ''}>
          {storeButtonLabel(storage)}
        </button>
        {canDeleteSecret(status) ? (
          <button
            type="button"
            className="button"
            onClick={() => void clearSecret(profile.id, kind)}
          >
            Delete
          </button>
        ) : null}
      </div>
    </form>
  );
}
