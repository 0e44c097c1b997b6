import { useEffect, useState, type FormEvent } from 'react';
import type { Profile, SecretStatus, SettableSecretKind } from '../../shared/contract';
import { secretName } from '../store/account-slice';
import { useDailies } from '../store/store-context';

const settable: SettableSecretKind[] = [
  'internal-token',
  's3-access-key-id',
  's3-secret-access-key',
];

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
function SecretRow({ profile, kind }: { profile: Profile; kind: SettableSecretKind }) {
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

export function SecretsPanel({ profile }: { profile: Profile }) {
  return (
    <section className="card" aria-labelledby="secrets-title">
      <h2 id="secrets-title">Secrets of {profile.name}</h2>
      <p className="section-lede">
        Kept in the system keychain only; Dailies shows at most the last four characters.
      </p>
      {settable.map((kind) => (
        <SecretRow key={kind} profile={profile} kind={kind} />
      ))}
    </section>
  );
}

export function SignInPanel({ profile }: { profile: Profile }) {
  const status = useDailies((s) => s.accountStatus[profile.id]);
  const load = useDailies((s) => s.loadAccountStatus);
  const signIn = useDailies((s) => s.signIn);
  const signOut = useDailies((s) => s.signOut);
  const [email, setEmail] = useState(profile.signIn?.email ?? '');
  const [password, setPassword] = useState('');
  useEffect(() => {
    void load(profile.id);
  }, [load, profile.id]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = password;
    setPassword('');
    await signIn(profile.id, email, typed);
  };

  let summary = 'Checking…';
  if (status?.state === 'signed-in') {
    summary = `Signed in as ${status.name ?? status.email} (${status.email}) until ${new Date(status.expiresAt).toLocaleString()}`;
    if (!status.verified) summary += ` — not confirmed: ${status.note ?? ''}`;
  } else if (status?.state === 'expired') {
    summary = status.message;
  } else if (status?.state === 'signed-out') {
    summary = 'Not signed in.';
  }

  return (
    <section className="card" aria-labelledby="signin-title">
      <h2 id="signin-title">Platform sign-in for {profile.name}</h2>
      <p role="status" data-testid="sign-in-status">
        {summary}
      </p>
      {status?.state === 'signed-in' ? (
        <button type="button" className="button" onClick={() => void signOut(profile.id)}>
          Sign out
        </button>
      ) : (
        <form onSubmit={onSubmit} aria-label="Sign in">
          <div className="field">
            <label htmlFor="signin-email">Email</label>
            <input
              id="signin-email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="signin-password">Password</label>
            <input
              id="signin-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={!email || !password}>
            Sign in
          </button>
        </form>
      )}
    </section>
  );
}

const marks = { pass: '✓', fail: '✗', warn: '!', skip: '–' } as const;
/** The mark is only a picture; the result is also said in words, for readers and screen readers. */
const resultWords = { pass: 'Passed', fail: 'Failed', warn: 'Warning', skip: 'Skipped' } as const;

export function ConnectionPanel({ profile }: { profile: Profile }) {
  const state = useDailies((s) => s.connection[profile.id]);
  const test = useDailies((s) => s.testConnection);
  return (
    <section className="card" aria-labelledby="connection-title">
      <h2 id="connection-title">Connection of {profile.name}</h2>
      <button
        type="button"
        className="button"
        disabled={state?.kind === 'running'}
        onClick={() => void test(profile.id)}
      >
        {state?.kind === 'running' ? 'Testing…' : 'Test connection'}
      </button>
      {state?.kind === 'failed' ? (
        <p role="alert" className="form-message form-message-bad">
          {state.message}
        </p>
      ) : null}
      {state?.kind === 'done' ? (
        <ul className="connection-checks" aria-label="Connection checks">
          {state.checks.map((check) => (
            <li key={check.id} data-result={check.result}>
              <span className="check-mark" aria-hidden="true">
                {marks[check.result]}
              </span>
              <strong>{check.label}</strong>
              <span className="check-result">{resultWords[check.result]}</span>
              <span className="check-reason">{check.reason}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
