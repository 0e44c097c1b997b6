import type { ReactNode } from 'react';

/**
 * A job list while it loads, when it could not be read, when it has nothing (saying how jobs
 * get there, not just that there are none), and otherwise its groups.
 */
export function JobListBody({
  loaded,
  error,
  empty,
  children,
}: {
  loaded: boolean;
  error: string | null;
  /** What to say when the list is empty; null when it has jobs. */
  empty: { title: string; hint: string } | null;
  /** The groups. */
  children: ReactNode;
}) {
  return (
    <>
      {error ? (
        <p role="alert" className="form-message form-message-bad">
          {error}
        </p>
      ) : null}
      {!loaded ? (
        <p className="muted">Loading…</p>
      ) : empty ? (
        <div className="jobs-empty">
          <p>{empty.title}</p>
          <p className="muted">{empty.hint}</p>
        </div>
      ) : (
        children
      )}
    </>
  );
}
