import { describe, expect, it } from 'vitest';
import { createApiClient, type ContractTransport } from '../../src/shared/contract';
import type { DesktopBridge } from '../../src/shared/desktop-ipc';
import { desktopStillUrl } from '../../src/shared/media-urls';
import { createDailiesStore } from '../../src/renderer/store/dailies-store';
import { runDesktopCommand } from '../../src/renderer/store/desktop-commands';
import { connectWindowDrop, type WindowDragEvent } from '../../src/renderer/store/window-drop';
import type { DesktopCommand } from '../../src/shared/desktop-commands';

/**
 * The path a menu item takes: main sends a command, the window runs the store action its
 * button runs, and that action makes the contract call. The transport records the calls (and
 * answers each with an error value, which the store shows as it would any engine error).
 */
function window(options: { picked?: string[]; updateDownloaded?: boolean } = {}) {
  const calls: Array<{ method: string; input: unknown }> = [];
  const restarts: string[] = [];
  const transport: ContractTransport = {
    request: (method, input) => {
      calls.push({ method, input });
      return Promise.resolve({
        ok: false,
        error: { code: 'E_INTERNAL', message: 'recorded', retryable: false },
      });
    },
    listen: () => () => undefined,
  };
  const desktop: DesktopBridge = {
    pickFiles: () => Promise.resolve({ ok: true, value: options.picked ?? [] }),
    pickFolder: () => Promise.resolve({ ok: true, value: options.picked?.[0] ?? null }),
    revealInFolder: () => Promise.resolve({ ok: true, value: true }),
    restartToUpdate: () => {
      restarts.push('asked main');
      return Promise.resolve({ ok: true, value: options.updateDownloaded ?? true });
    },
    pathForFile: (file) => (file as { path?: string }).path ?? null,
  };
  const store = createDailiesStore(createApiClient(transport), {
    stillUrl: desktopStillUrl,
    desktop,
    downloadSupportBundle: null,
  });
  const focused: string[] = [];
  const doc = {
    querySelector: (selector: string) => ({ focus: () => focused.push(selector) }),
  } as unknown as Pick<Document, 'querySelector'>;
  const run = (command: DesktopCommand) => runDesktopCommand(store, command, doc);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { store, calls, run, settle, focused, restarts };
}

/**
 * What each menu item sends (test/electron/shell/app-menu.test.ts checks the menu sends
 * exactly these; this file runs on the renderer's DOM typings, without Electron's).
 */
const menu: Record<string, DesktopCommand> = {
  'Add Files…': { command: 'add-files' },
  'Add Folder…': { command: 'add-folder' },
  'Send to Platform': { command: 'send-to-platform' },
  'Pause All Uploads': { command: 'pause-uploads' },
  Find: { command: 'find' },
  Settings: { command: 'show-view', view: 'settings' },
};

describe('a menu command in the window', () => {
  const command = (label: string) => {
    const found = menu[label];
    if (!found) throw new Error(`no menu item "${label}"`);
    return found;
  };

  it('Pause All Uploads makes the call the queue\'s "Pause all" button makes', async () => {
    const { run, calls, settle, store } = window();
    run(command('Pause All Uploads'));
    await settle();
    expect(calls).toEqual([{ method: 'jobs.pause', input: { all: true, kind: 'sync' } }]);
    // The button's own path, for comparison: the same store action with the same selection.
    const button = window();
    await button.store.getState().runSyncAction('pause', { all: true, kind: 'sync' });
    expect(button.calls).toEqual(calls);
    expect(store.getState().syncNotice).toMatchObject({ tone: 'bad', text: 'recorded' });
  });

  it('Add Files… and Add Folder… pick, then add what was picked to the library', async () => {
    for (const label of ['Add Files…', 'Add Folder…']) {
      const { run, calls, settle, store } = window({ picked: ['/footage/day1'] });
      store.getState().showView('queue');
      run(command(label));
      await settle();
      await settle();
      expect(store.getState().view).toBe('library');
      expect(calls).toEqual([{ method: 'assets.addPaths', input: { paths: ['/footage/day1'] } }]);
    }
  });

  it('Send to Platform sends the selected assets, and nothing when none is selected', async () => {
    const { run, calls, settle, store } = window();
    run(command('Send to Platform'));
    await settle();
    expect(calls).toEqual([]);
    store.setState({ selectedIds: [4, 9] });
    run(command('Send to Platform'));
    await settle();
    expect(calls).toEqual([
      { method: 'sync.enqueue', input: { assetIds: [4, 9], priority: 0, partial: true } },
    ]);
  });

  it('Find opens the library with the cursor in its search field; Settings opens settings', async () => {
    const { run, settle, store, focused } = window();
    store.getState().showView('queue');
    run(command('Find'));
    await settle();
    expect(store.getState().view).toBe('library');
    expect(focused).toEqual(['input[type="search"]']);
    run(command('Settings'));
    expect(store.getState().view).toBe('settings');
  });

  it('files opened with Dailies (dock, second launch) are added to the library', async () => {
    const { run, calls, settle, store } = window();
    run({ command: 'ingest-paths', paths: ['/footage/A001.mov', '/footage/day2'] });
    await settle();
    expect(store.getState().view).toBe('library');
    expect(calls).toEqual([
      { method: 'assets.addPaths', input: { paths: ['/footage/A001.mov', '/footage/day2'] } },
    ]);
  });
});

describe('a downloaded update', () => {
  it('is shown in the window until the editor restarts or quits', () => {
    const { run, store } = window();
    expect(store.getState().updateReady).toBeNull();
    run({ command: 'update-ready', version: '1.3.0' });
    expect(store.getState().updateReady).toBe('1.3.0');
  });

  it("is installed from the window's Restart to Update, which asks main (and main asks about uploads)", async () => {
    const { run, store, restarts } = window();
    run({ command: 'update-ready', version: '1.3.0' });
    expect(store.getState().canRestartToUpdate).toBe(true);
    await store.getState().restartToUpdate();
    expect(restarts).toEqual(['asked main']);
    expect(store.getState().updateReady).toBe('1.3.0');
    // Main had nothing downloaded after all: the notice goes.
    const stale = window({ updateDownloaded: false });
    stale.run({ command: 'update-ready', version: '1.3.0' });
    await stale.store.getState().restartToUpdate();
    expect(stale.store.getState().updateReady).toBeNull();
  });
});

describe('files dropped on the window outside the library', () => {
  function dropTarget() {
    const listeners = new Map<string, (event: WindowDragEvent) => void>();
    return {
      addEventListener: (type: string, listener: (event: WindowDragEvent) => void) =>
        listeners.set(type, listener),
      removeEventListener: (type: string) => listeners.delete(type),
      fire(type: 'dragover' | 'drop', files: unknown[], target: unknown = null, handled = false) {
        const event = {
          defaultPrevented: handled,
          preventDefault: () => (event.defaultPrevented = true),
          target,
          dataTransfer: { types: ['Files'], files, dropEffect: 'none' },
        };
        listeners.get(type)?.(event);
        return event;
      },
      listeners,
    };
  }

  it('are added to the library, folders and files alike', async () => {
    const { store, calls, settle } = window();
    const target = dropTarget();
    const stop = connectWindowDrop(store, target);
    store.getState().showView('queue');
    const files = [{ path: '/footage/day3' }, { path: '/footage/B001.mov' }];
    expect(target.fire('dragover', files).defaultPrevented).toBe(true);
    expect(target.fire('drop', files).defaultPrevented).toBe(true);
    await settle();
    expect(store.getState().view).toBe('library');
    expect(calls).toEqual([
      { method: 'assets.addPaths', input: { paths: ['/footage/day3', '/footage/B001.mov'] } },
    ]);
    stop();
    expect(target.listeners.size).toBe(0);
  });

  it('leave a drop the library handled itself alone', async () => {
    const { store, calls, settle } = window();
    const target = dropTarget();
    connectWindowDrop(store, target);
    const inLibrary = { closest: (selector: string) => (selector === '.library' ? {} : null) };
    target.fire('drop', [{ path: '/footage/C001.mov' }], inLibrary);
    target.fire('drop', [{ path: '/footage/C002.mov' }], null, true);
    await settle();
    expect(calls).toEqual([]);
  });
});
