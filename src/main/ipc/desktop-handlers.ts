import fs from 'node:fs';
import path from 'node:path';
import { dailiesError } from '../../shared/contract';
import type { DesktopHandlers } from './register-desktop-ipc';

/** The parts of Electron's dialog and shell the desktop handlers use. */
export interface DesktopServices<Sender> {
  showOpenDialog(
    sender: Sender,
    options: {
      title?: string;
      properties: Array<'openFile' | 'openDirectory' | 'multiSelections'>;
      filters?: Array<{ name: string; extensions: string[] }>;
    },
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
  showItemInFolder(fullPath: string): void;
  /** Hands the page a (fresh) engine port, now or once the engine is ready. */
  connectEngine(sender: Sender): void;
  /** Restart to Update; false when no update is downloaded. */
  restartToUpdate(): Promise<boolean>;
}

/** What the file dialog offers first; "All files" stays available for odd extensions. */
export const videoExtensions = ['mp4', 'mov', 'mkv', 'mxf', 'avi', 'm4v', 'webm', 'mts', 'm2ts'];

export function createDesktopHandlers<Sender>(
  services: DesktopServices<Sender>,
): DesktopHandlers<Sender> {
  return {
    'dailies:engine-connect': async (_input, sender) => {
      services.connectEngine(sender);
      return { connected: true };
    },
    'dailies:pick-files': async (input, sender) => {
      const result = await services.showOpenDialog(sender, {
        title: input.title ?? 'Add video files',
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'Video', extensions: videoExtensions },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      return { paths: result.canceled ? [] : result.filePaths };
    },
    'dailies:pick-folder': async (input, sender) => {
      const result = await services.showOpenDialog(sender, {
        title: input.title ?? 'Add a folder',
        properties: ['openDirectory'],
      });
      return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
    },
    'dailies:restart-to-update': async () => ({ asked: await services.restartToUpdate() }),
    'dailies:reveal-in-folder': async ({ path: target }) => {
      // Only absolute paths of things that exist: the file manager is not a URL opener.
      if (!path.isAbsolute(target)) {
        throw dailiesError('E_VALIDATION', 'Dailies can only show a file by its full path.');
      }
      if (!fs.existsSync(target)) {
        throw dailiesError('E_FILE_MISSING', `${target} is no longer there.`, {
          details: { path: target },
        });
      }
      services.showItemInFolder(target);
      return { revealed: true };
    },
  };
}
