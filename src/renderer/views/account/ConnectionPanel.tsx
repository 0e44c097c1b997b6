import type { Profile } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';

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
