import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutoUpdate, type UpdaterLike } from '../../../src/main/shell/auto-update';
import {
  decideFromFeed,
  feedFileName,
  installDecision,
  isNewerVersion,
  matchesFeedChecksum,
  parseUpdateFeed,
  shouldCheckForUpdates,
} from '../../../src/main/shell/update-decisions';

// A release as electron-builder publishes it: the channel file and the installer it names.
const installer = Buffer.from('Dailies-0.2.0-x86_64.AppImage contents');
const sha512 = createHash('sha512').update(installer).digest('base64');
const feed = [
  'version: 0.2.0',
  'files:',
  '  - url: Dailies-0.2.0-x86_64.AppImage',
  `    sha512: ${sha512}`,
  `    size: ${installer.length}`,
  'path: Dailies-0.2.0-x86_64.AppImage',
  `sha512: ${sha512}`,
  "releaseDate: '2026-12-01T10:00:00.000Z'",
  '',
].join('\n');

let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === '/latest-linux.yml') response.end(feed);
    else if (request.url === '/Dailies-0.2.0-x86_64.AppImage') response.end(installer);
    else if (request.url === '/broken/latest-linux.yml') response.end('version: [');
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('update decisions against a release feed on loopback', () => {
  it('finds the newer version in latest-linux.yml and accepts the file it names', async () => {
    const text = await (await fetch(`${base}/${feedFileName('linux', 'x64')}`)).text();
    const decision = decideFromFeed(parseUpdateFeed(text), '0.1.0');
    expect(decision).toMatchObject({ kind: 'update', version: '0.2.0' });
    if (decision.kind !== 'update') throw new Error('expected an update');
    const data = new Uint8Array(await (await fetch(`${base}/${decision.file.url}`)).arrayBuffer());
    expect(matchesFeedChecksum(data, decision.file)).toBe(true);
    expect(matchesFeedChecksum(new Uint8Array([1, 2, 3]), decision.file)).toBe(false);
  });

  it('stays on the current version when the feed is not newer, a pre-release, or unreadable', async () => {
    const text = await (await fetch(`${base}/latest-linux.yml`)).text();
    expect(decideFromFeed(parseUpdateFeed(text), '0.2.0')).toEqual({ kind: 'current' });
    expect(decideFromFeed(parseUpdateFeed(text), '0.10.0')).toEqual({ kind: 'current' });
    const pre = parseUpdateFeed(text.replace('version: 0.2.0', 'version: 0.3.0-beta.1'));
    expect(decideFromFeed(pre, '0.2.0')).toEqual({ kind: 'current' });
    expect(decideFromFeed(pre, '0.2.0', true)).toMatchObject({ kind: 'update' });
    const broken = await (await fetch(`${base}/broken/latest-linux.yml`)).text();
    expect(decideFromFeed(parseUpdateFeed(broken), '0.1.0')).toEqual({ kind: 'unreadable' });
  });

  it('compares versions the way releases are numbered', () => {
    expect(isNewerVersion('1.10.0', '1.9.3')).toBe(true);
    expect(isNewerVersion('v1.0.0', '1.0.0-rc.2')).toBe(true);
    expect(isNewerVersion('1.0.0-rc.2', '1.0.0')).toBe(false);
    expect(feedFileName('darwin', 'arm64')).toBe('latest-mac.yml');
    expect(feedFileName('win32', 'x64')).toBe('latest.yml');
  });

  it('checks only from an installed app whose editor left updates on', () => {
    const packaged = { isPackaged: true, enabled: true, appImage: undefined };
    expect(shouldCheckForUpdates({ ...packaged, platform: 'win32' })).toBe(true);
    expect(shouldCheckForUpdates({ ...packaged, platform: 'darwin', enabled: false })).toBe(false);
    expect(shouldCheckForUpdates({ ...packaged, platform: 'darwin', isPackaged: false })).toBe(
      false,
    );
    // deb and rpm are updated by the package manager; the AppImage updates itself.
    expect(shouldCheckForUpdates({ ...packaged, platform: 'linux' })).toBe(false);
    expect(shouldCheckForUpdates({ ...packaged, platform: 'linux', appImage: '/a.AppImage' })).toBe(
      true,
    );
  });

  it('never restarts without the editor, and asks again while uploads run', () => {
    expect(installDecision({ downloaded: true, editorAsked: false, uploadsRunning: false })).toBe(
      'wait',
    );
    expect(installDecision({ downloaded: true, editorAsked: true, uploadsRunning: false })).toBe(
      'restart-now',
    );
    expect(installDecision({ downloaded: true, editorAsked: true, uploadsRunning: true })).toBe(
      'ask-first',
    );
  });
});

describe('auto-update around electron-updater', () => {
  function fakeUpdater() {
    const listeners = new Map<string, (value: never) => void>();
    const calls: string[] = [];
    const updater: UpdaterLike = {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      on: (event: string, listener: (value: never) => void) => listeners.set(event, listener),
      checkForUpdates: () => {
        calls.push('check');
        return Promise.resolve(null);
      },
      quitAndInstall: () => void calls.push('install'),
    };
    const downloaded = (version: string) =>
      (listeners.get('update-downloaded') as (info: { version: string }) => void)({ version });
    return { updater, calls, downloaded };
  }

  function setup(options: { enabled: boolean; uploading: boolean; answer: boolean }) {
    const fake = fakeUpdater();
    const offered: string[] = [];
    const events: string[] = [];
    const updates = createAutoUpdate({
      updater: fake.updater,
      shouldCheck: () => options.enabled,
      uploadsRunning: () => options.uploading,
      confirmRestartDuringUploads: () => {
        events.push('asked');
        return Promise.resolve(options.answer);
      },
      offer: (version) => offered.push(version),
      agreeToQuit: () => events.push('agreed'),
      schedule: () => undefined,
      log: () => undefined,
    });
    return { ...fake, updates, offered, events };
  }

  it('downloads in the background and offers the restart; installs when the editor chooses it', async () => {
    const app = setup({ enabled: true, uploading: false, answer: false });
    app.updates.start();
    expect(app.calls).toEqual(['check']);
    expect(app.updater.autoDownload).toBe(true);
    await app.updates.restartToUpdate();
    expect(app.calls).toEqual(['check']);
    app.downloaded('0.2.0');
    expect(app.offered).toEqual(['0.2.0']);
    await app.updates.restartToUpdate();
    expect(app.events).toEqual(['agreed']);
    expect(app.calls).toEqual(['check', 'install']);
  });

  it('while uploads run asks before restarting, and stays when the editor says later', async () => {
    const later = setup({ enabled: true, uploading: true, answer: false });
    later.downloaded('0.2.0');
    await later.updates.restartToUpdate();
    expect(later.events).toEqual(['asked']);
    expect(later.calls).not.toContain('install');

    const now = setup({ enabled: true, uploading: true, answer: true });
    now.downloaded('0.2.0');
    await now.updates.restartToUpdate();
    expect(now.events).toEqual(['asked', 'agreed']);
    expect(now.calls).toContain('install');
  });

  it('does not look for updates when the editor turned them off', () => {
    const app = setup({ enabled: false, uploading: false, answer: false });
    app.updates.start();
    expect(app.calls).toEqual([]);
  });
});
