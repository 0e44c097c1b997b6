import { useEffect, useState, type FormEvent } from 'react';
import type { Profile } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';

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
