import type { App, BrowserWindow } from 'electron';
import type { SyncOverview } from '../../shared/contract';
import { attentionCount, queueProgress } from '../../shared/queue-signals';

/**
 * The upload queue on the taskbar (Windows), dock (macOS) and launcher (Linux, Unity API):
 * a progress bar over the batch's bytes and a badge with what needs the editor.
 */
export function showQueueOnTaskbar(
  window: Pick<BrowserWindow, 'setProgressBar' | 'isDestroyed'> | null,
  app: Pick<App, 'setBadgeCount'>,
  overview: SyncOverview | null,
): void {
  const progress = queueProgress(overview);
  if (window && !window.isDestroyed()) {
    if (progress.mode === 'none') window.setProgressBar(-1);
    else window.setProgressBar(progress.fraction, { mode: progress.mode });
  }
  // Linux launchers without the Unity API refuse a badge; that is fine.
  app.setBadgeCount(attentionCount(overview));
}
