import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../app/icons';

/**
 * What a view shows when it has nothing yet: the truth in a sentence, then what the editor
 * can do about it (a button of its own, under the sentence, never inside it).
 */
export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon: IconName;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <section className="empty-state" aria-label={title}>
      <div className="empty-icon">
        <Icon name={icon} />
      </div>
      <h2>{title}</h2>
      <p>{children}</p>
      {action ? <div className="empty-action">{action}</div> : null}
    </section>
  );
}
