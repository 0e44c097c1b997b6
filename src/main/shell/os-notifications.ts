import type { NotificationConstructorOptions } from 'electron';
import type { DesktopViewId } from '../../shared/desktop-commands';
import type { QueueNotice } from '../../shared/queue-signals';

/** Electron's Notification, as far as the notifier uses it. */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  show(): void;
}

export interface NotifierDeps {
  isSupported(): boolean;
  create(options: NotificationConstructorOptions): NotificationLike;
  /** The editor's setting (desktopNotifications). */
  enabled(): boolean;
  /** Brings the window forward on the view the notice is about. */
  open(view: DesktopViewId): void;
}

/**
 * OS notifications for the queue's notices. A click opens the right view. Notifications are
 * kept referenced until closed: a collected Notification loses its click handler.
 */
export function createNotifier(deps: NotifierDeps): { show(notice: QueueNotice): boolean } {
  const live = new Set<NotificationLike>();
  return {
    show(notice) {
      if (!deps.enabled() || !deps.isSupported()) return false;
      const notification = deps.create({
        title: notice.title,
        body: notice.body,
        silent: notice.kind === 'finished',
      });
      live.add(notification);
      notification.on('click', () => {
        live.delete(notification);
        deps.open(notice.view);
      });
      notification.on('close', () => live.delete(notification));
      notification.show();
      return true;
    },
  };
}
