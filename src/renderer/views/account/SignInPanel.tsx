import { useEffect, useState, type FormEvent } from 'react';
import type { Profile } from '../../../shared/contract';
import { secretStorage } from '../../store/secret-storage';
import { useDailies } from '../../store/store-context';
import { signInSummary } from './sign-in-summary';

/** Who is signed in to the platform on a profile, and the form to sign in or out. */
export function SignInPanel({ profile }: { profile: Profile }) {
  const state = useDailies((s) => s.accountStatus[profile.id]);
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

  const storage = secretStorage(profile.secrets);
  const signedIn = state?.kind === 'known' && state.status.state === 'signed-in';

  return (
    <section className="card" aria-labelledby="signin-title">
      <h2 id="signin-title">Platform sign-in for {profile.name}</h2>
      <p role="status" data-testid="sign-in-status">
        {signInSummary(state, storage)}
      </p>
      {state?.kind === 'failed' ? (
        <button
          type="button"
          className="button sign-in-retry"
          onClick={() => void load(profile.id)}
        >
          Try again
        </button>
      ) : null}
      {signedIn ? (
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
          <button
            type="submit"
            className="button button-primary"
            disabled={!email || !password || storage.kind === 'unavailable'}
          >
            Sign in
          </button>
        </form>
      )}
    </section>
  );
}
