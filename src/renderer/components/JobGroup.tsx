import { useState, type ReactNode } from 'react';

/**
 * Long lists show their head and count the rest: a queue of thousands stays quick to render
 * and to read, and "Show N more" is there for the editor who wants the whole list.
 */
const SHOWN_PER_GROUP = 200;

/**
 * One titled group of a job list ("Running 3", "Waiting 12"), as the Analysis and Upload
 * queue views show them; nothing at all when the group is empty.
 */
export function JobGroup<T>({
  labelId,
  title,
  items,
  renderItem,
  more,
}: {
  /** The heading's id, which labels the section. */
  labelId: string;
  title: string;
  items: readonly T[];
  /** One keyed list item; `index` is the item's place in the whole group, not just the shown head. */
  renderItem: (item: T, index: number) => ReactNode;
  /** A line under the list, for what it leaves out on purpose. */
  more?: string;
}) {
  const [showAll, setShowAll] = useState(false);
  if (items.length === 0) return null;
  const shown = showAll ? items : items.slice(0, SHOWN_PER_GROUP);
  const hidden = items.length - shown.length;
  return (
    <section className="job-group" aria-labelledby={labelId}>
      <h2 id={labelId} className="job-group-title">
        {title} <span className="job-group-count">{items.length}</span>
      </h2>
      <ul className="job-list">{shown.map(renderItem)}</ul>
      {hidden > 0 ? (
        <button type="button" className="link-button" onClick={() => setShowAll(true)}>
          Show {hidden} more
        </button>
      ) : null}
      {more ? <p className="muted job-group-more">{more}</p> : null}
    </section>
  );
}
