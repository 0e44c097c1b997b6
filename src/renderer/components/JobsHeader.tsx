import type { ReactNode } from 'react';

/** A job list view's title and purpose, with its actions on every job beside them. */
export function JobsHeader({
  title,
  lede,
  children,
}: {
  title: string;
  lede: string;
  /** The actions on all jobs at once. */
  children: ReactNode;
}) {
  return (
    <header className="analysis-header">
      <div>
        <h1 id="view-title">{title}</h1>
        <p className="view-lede">{lede}</p>
      </div>
      {children}
    </header>
  );
}
