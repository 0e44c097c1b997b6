import type { ReactNode } from 'react';

/** Each view's title (the <main> landmark is labelled by it) and a one-line purpose. */
export function ViewHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="view-header">
      <h1 id="view-title">{title}</h1>
      {children ? <p className="view-lede">{children}</p> : null}
    </header>
  );
}
