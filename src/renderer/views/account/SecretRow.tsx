import { useState, type FormEvent } from 'react';
import type { Profile, SecretStatus, SettableSecretKind } from '../../../shared/contract';
import { secretName } from '../../store/account-slice';
import { useDailies } from '../../store/store-context';

/** "internal token" reads well in a sentence; as a field label it starts with a capital. */
const labelOf = (kind: SettableSecretKind) => {
  const name = secretName(kind);
  return name.charAt(0).toUpperCase() + name.slice(1);
};

function describeStatus(status: SecretStatus | undefined): string {
  if (!status || status.state === 'not-set') return 'Not set';
  if (status.state === 'unavailable') return `Keychain unavailable: ${status.reason}`;
  return `Set ${status.masked} (from ${status.origin})`;
}

/**
 * One secret: its status from the engine and a field to replace it. The typed value goes to
 * the engine and the field is emptied; nothing here ever shows a stored value.
 */
export function SecretRow({ profile, kind }: { profile: Profile; kind: SettableSecretKind }) {
  const setSecret = useDailies((s) => s.setSecret);
  const clearSecret = useDailies((s) => s.clearSecret);
  const [value, setValue] = useState('');
  const status = profile.secrets[kind];
  const id = `secret-${kind}`;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = value;
    setValue('');
    await setSecret(profile.id, kind, typed);
  };
  return (
    <form className="field" onSubmit={onSubmit} aria-label={labelOf(kind)}>
      <label htmlFor={id}>{labelOf(kind)}</label>
      <p className="field-hint" data-testid={`${id}-status`}>
        {describeStatus(status)}
      </p>
      <input
        id={id}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={status?.state === 'set' ? 'Enter a new value to replace it' : 'Paste it here'}
        onChange={(e) => setValue(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={value.trim() === ''}>
          Store in keychain
        </button>
        {status?.state === 'set' && status.source === 'keychain' ? (
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
