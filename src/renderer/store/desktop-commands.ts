import type { DesktopCommand } from '../../shared/desktop-commands';
import type { DesktopBridge } from '../../shared/desktop-ipc';
import { assertNever } from '../../shared/assert-never';
import type { DailiesStore } from './dailies-store';

/** Where Find puts the cursor: the library's search field. */
const FIND_FIELD = 'input[type="search"]';

/**
 * Runs what the desktop shell asks for (application menu, notification click, files opened
 * with Dailies) through the same store actions as the window's buttons. Returns the
 * unsubscribe; a no-op outside Electron.
 */
export function connectDesktopCommands(
  store: DailiesStore,
  desktop: DesktopBridge | null,
  doc: Pick<Document, 'querySelector'>,
): () => void {
  if (!desktop?.onCommand) return () => undefined;
  return desktop.onCommand((command) => runDesktopCommand(store, command, doc));
}

export function runDesktopCommand(
  store: DailiesStore,
  command: DesktopCommand,
  doc: Pick<Document, 'querySelector'>,
): void {
  const state = store.getState();
  switch (command.command) {
    case 'add-files':
    case 'add-folder':
      state.showView('library');
      void state.pickAndAdd(command.command === 'add-files' ? 'files' : 'folder');
      return;
    case 'ingest-paths':
      state.showView('library');
      void state.addPaths(command.paths);
      return;
    case 'send-to-platform':
      if (state.selectedIds.length > 0) void state.sendToPlatform(state.selectedIds);
      return;
    case 'pause-uploads':
      void state.runSyncAction('pause', { all: true, kind: 'sync' });
      return;
    case 'find':
      state.showView('library');
      // The library renders its toolbar on this tick's commit; focus once it is there.
      setTimeout(() => (doc.querySelector(FIND_FIELD) as HTMLInputElement | null)?.focus(), 0);
      return;
    case 'show-view':
      state.showView(command.view);
      return;
    case 'update-ready':
      state.setUpdateReady(command.version);
      return;
    default:
      assertNever(command);
  }
}
