import type { ReactNode } from 'react';

/** One term and its value in an asset's facts list (status, size, codec…). */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
