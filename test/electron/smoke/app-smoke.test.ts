import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { makeClip } from '../../rig/media-fixtures';
import { tempDir } from '../../helpers/temp-dir';

/**
 * The built app launched for real with Playwright's _electron (the hosted Linux CI job runs
 * it under xvfb after `npm run build`). Needs Electron's binary, which the electron package
 * downloads at install: where that download is blocked the test is reported as skipped with
 * the reason, never passed.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const electronBinary = ((): string | null => {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
})();
const built = fs.existsSync(path.join(root, 'out/main/index.js'));
const reason = !electronBinary
  ? "no Electron binary (the electron package's download did not run or is blocked here)"
  : !built
    ? 'the app is not built (npm run build)'
    : null;

let app: ElectronApplication | null = null;
afterAll(async () => {
  await app?.close().catch(() => undefined);
});

describe('the desktop app, launched', () => {
  it.skipIf(reason !== null)(
    `opens a sandboxed window whose engine ingests a folder and shows thumbnails, then quits cleanly${reason ? ` [skipped: ${reason}]` : ''}`,
    async () => {
      const userData = tempDir('dailies-smoke-data-');
      const footage = tempDir('dailies-smoke-footage-');
      await makeClip('ffmpeg', path.join(footage, 'A001_C001.mp4'), 2, '320x180', 440);
      await makeClip('ffmpeg', path.join(footage, 'A001_C002.mp4'), 2, '320x180', 660);

      app = await _electron.launch({
        executablePath: electronBinary ?? undefined,
        // As root (the CI container) Chromium refuses to start without --no-sandbox; the
        // window's own sandbox preference is still what the test checks.
        args: [
          root,
          `--user-data-dir=${userData}`,
          ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        ],
        env: { ...process.env, ELECTRON_RENDERER_URL: '' },
      });
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');

      const prefs = await app.evaluate(({ BrowserWindow }) => {
        // Undocumented in the typings but present: the preferences the page really got.
        const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as
          { getLastWebPreferences?(): unknown } | undefined;
        return contents?.getLastWebPreferences?.() ?? null;
      });
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
      });

      const globals = await page.evaluate(() => ({
        bridge: Object.keys((globalThis as unknown as { dailies: object }).dailies).sort(),
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      }));
      expect(globals).toEqual({
        bridge: ['desktop', 'listen', 'request'],
        require: 'undefined',
        process: 'undefined',
      });

      type Bridge = { request(method: string, input: unknown): Promise<{ ok: boolean }> };
      const info = await page.evaluate(() =>
        (globalThis as unknown as { dailies: Bridge }).dailies.request('app.info', {}),
      );
      expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });

      const added = await page.evaluate(
        (folder) =>
          (globalThis as unknown as { dailies: Bridge }).dailies.request('assets.addPaths', {
            paths: [folder],
          }),
        footage,
      );
      expect(added).toMatchObject({ ok: true });
      await expect
        .poll(() => page.locator('img[src^="dailies-media:"]').count(), { timeout: 60_000 })
        .toBeGreaterThanOrEqual(2);
      // ffprobe and ffmpeg ran from the tool spawner's own utility process (main starts it
      // when the engine first asks), not forked from the engine's large one.
      const processNames = await app.evaluate(({ app: electronApp }) =>
        electronApp.getAppMetrics().map((metric) => metric.name ?? ''),
      );
      expect(processNames).toContain('Dailies tool spawner');

      const closed = new Promise<void>((resolve) => app?.process().once('exit', () => resolve()));
      await app.close();
      await closed;
      expect(app.process().exitCode).toBe(0);
      app = null;
    },
  );
});
