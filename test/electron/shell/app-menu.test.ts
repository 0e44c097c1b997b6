import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { DesktopCommand } from '../../../src/shared/desktop-commands';
import { appMenuTemplate } from '../../../src/main/shell/app-menu';

function build(platform: NodeJS.Platform, isPackaged = true, update = false) {
  const sent: DesktopCommand[] = [];
  let restarted = 0;
  const template = appMenuTemplate({
    platform,
    appName: 'Dailies',
    isPackaged,
    send: (command) => sent.push(command),
    openHelp: () => undefined,
    update: update ? { label: 'Restart to Update (1.2.0)', run: () => (restarted += 1) } : null,
  });
  return { template, sent, restarted: () => restarted };
}

/** Every item of the menu, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : []),
  ]);
}

const byLabel = (template: MenuItemConstructorOptions[], label: string) => {
  const item = items(template).find((candidate) => candidate.label === label);
  if (!item) throw new Error(`no menu item "${label}"`);
  return item;
};

const click = (item: MenuItemConstructorOptions) =>
  (item.click as unknown as (() => void) | undefined)?.();

describe('the application menu', () => {
  it('on macOS starts with the app menu and carries the platform roles', () => {
    const { template } = build('darwin');
    expect(template[0]?.label).toBe('Dailies');
    const roles = items(template).flatMap((item) => (item.role ? [item.role] : []));
    for (const role of [
      'about',
      'services',
      'hide',
      'quit',
      'copy',
      'paste',
      'windowMenu',
      'help',
    ]) {
      expect(roles).toContain(role);
    }
    expect(byLabel(template, 'Settings…').accelerator).toBe('CmdOrCtrl+,');
  });

  it('on Windows and Linux has no app menu; Settings and Quit live under File', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const { template } = build(platform);
      expect(template.map((item) => item.label ?? item.role)).toEqual([
        'File',
        'Edit',
        'View',
        'windowMenu',
        'help',
      ]);
      const file = template[0]?.submenu as MenuItemConstructorOptions[];
      expect(file.map((item) => item.label ?? item.role)).toContain('Settings');
      expect(file.at(-1)?.role).toBe('quit');
    }
  });

  it('sends each app command to the window with its accelerator', () => {
    const { template, sent } = build('linux');
    const expected: Array<[string, string, DesktopCommand]> = [
      ['Add Files…', 'CmdOrCtrl+O', { command: 'add-files' }],
      ['Add Folder…', 'CmdOrCtrl+Shift+O', { command: 'add-folder' }],
      ['Send to Platform', 'CmdOrCtrl+Shift+U', { command: 'send-to-platform' }],
      ['Pause All Uploads', 'CmdOrCtrl+Shift+P', { command: 'pause-uploads' }],
      ['Find', 'CmdOrCtrl+F', { command: 'find' }],
      ['Settings', 'CmdOrCtrl+,', { command: 'show-view', view: 'settings' }],
      ['Upload Queue', 'CmdOrCtrl+2', { command: 'show-view', view: 'queue' }],
    ];
    for (const [label, accelerator, command] of expected) {
      const item = byLabel(template, label);
      expect(item.accelerator).toBe(accelerator);
      click(item);
      expect(sent.at(-1)).toEqual(command);
    }
    const accelerators = items(template).flatMap((item) =>
      item.accelerator ? [String(item.accelerator)] : [],
    );
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('has no reload or DevTools in a packaged build, and has them in development', () => {
    const rolesOf = (isPackaged: boolean) =>
      items(build('win32', isPackaged).template).flatMap((item) => (item.role ? [item.role] : []));
    expect(rolesOf(true)).not.toContain('toggleDevTools');
    expect(rolesOf(true)).not.toContain('reload');
    expect(rolesOf(false)).toContain('toggleDevTools');
  });

  it('offers "Restart to Update" only once an update is downloaded', () => {
    expect(() => byLabel(build('darwin').template, 'Restart to Update (1.2.0)')).toThrow();
    const withUpdate = build('darwin', true, true);
    click(byLabel(withUpdate.template, 'Restart to Update (1.2.0)'));
    expect(withUpdate.restarted()).toBe(1);
  });
});
