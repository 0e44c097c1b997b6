import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopCommand } from '../../shared/desktop-commands';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Packaged builds have no reload or DevTools items. */
  isPackaged: boolean;
  /** Sends a command to the window (which runs the same store action as its button). */
  send(command: DesktopCommand): void;
  openHelp(): void;
  /** "Restart to Update" once an update is downloaded; null hides the item. */
  update: { label: string; run(): void } | null;
}

/** The app's own commands and their accelerators (the README lists the same). */
export const appCommandAccelerators = {
  'add-files': 'CmdOrCtrl+O',
  'add-folder': 'CmdOrCtrl+Shift+O',
  'send-to-platform': 'CmdOrCtrl+Shift+U',
  'pause-uploads': 'CmdOrCtrl+Shift+P',
  find: 'CmdOrCtrl+F',
  settings: 'CmdOrCtrl+,',
} as const;

/**
 * The application menu: the platform's usual roles (macOS app menu, Edit, View, Window, Help)
 * around the app's commands. Commands are sent to the window rather than run here, so the
 * menu, the keyboard and the buttons all go through the same store action and contract call.
 */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const send = (command: DesktopCommand) => () => options.send(command);
  const settingsItem: MenuItemConstructorOptions = {
    label: mac ? 'Settings…' : 'Settings',
    accelerator: appCommandAccelerators.settings,
    click: send({ command: 'show-view', view: 'settings' }),
  };
  const updateItems: MenuItemConstructorOptions[] = options.update
    ? [{ label: options.update.label, click: () => options.update?.run() }, { type: 'separator' }]
    : [];

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      ...updateItems,
      settingsItem,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      {
        label: 'Add Files…',
        accelerator: appCommandAccelerators['add-files'],
        click: send({ command: 'add-files' }),
      },
      {
        label: 'Add Folder…',
        accelerator: appCommandAccelerators['add-folder'],
        click: send({ command: 'add-folder' }),
      },
      { type: 'separator' },
      {
        label: 'Send to Platform',
        accelerator: appCommandAccelerators['send-to-platform'],
        click: send({ command: 'send-to-platform' }),
      },
      {
        label: 'Pause All Uploads',
        accelerator: appCommandAccelerators['pause-uploads'],
        click: send({ command: 'pause-uploads' }),
      },
      ...(mac ? [] : [{ type: 'separator' } as const, settingsItem]),
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Find', accelerator: appCommandAccelerators.find, click: send({ command: 'find' }) },
    ],
  };

  const views = [
    ['Library', 'library'],
    ['Upload Queue', 'queue'],
    ['Analysis', 'analysis'],
    ['Account', 'account'],
  ] as const;
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...views.map(([label, id], index): MenuItemConstructorOptions => ({
        label,
        accelerator: `CmdOrCtrl+${index + 1}`,
        click: send({ command: 'show-view', view: id }),
      })),
      { type: 'separator' },
      ...(options.isPackaged
        ? []
        : ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] satisfies MenuItemConstructorOptions[])),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Dailies Help', click: () => options.openHelp() },
      ...(mac ? [] : [{ type: 'separator' } as const, ...updateItems, { role: 'about' } as const]),
    ],
  };

  return [...(mac ? [appMenu] : []), file, edit, view, { role: 'windowMenu' }, help];
}
