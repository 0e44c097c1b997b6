import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../app/icons';

/**
 * What a view shows when it has nothing, including a feature not built yet: the truth,
 * not sample data.
 */
export function EmptyState({
  icon,
  title,
  children,
}: {
  icon: IconName;
  title: string;
  children: ReactNode;
}) {
  return (
    <section className="empty-state" aria-label={title}>
      <div className="empty-icon">
        <Icon name={icon} />
      </div>
      <h2>{title}</h2>
      <p>{children}</p>
      <p className="badge">Not available yet</p>
    </section>
  );
}
