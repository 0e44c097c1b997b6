import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testEngine, call } from '../helpers/engine';
import { testWebHost } from '../helpers/web-host';
import { openBrowser } from '../helpers/browser';
import { ensureRendererBuild } from '../helpers/renderer-build';

const screenshots = path.resolve('test-results');
let rendererDir = '';

beforeAll(() => {
  rendererDir = ensureRendererBuild();
  fs.mkdirSync(screenshots, { recursive: true });
});

async function openApp() {
  const engine = testEngine({ host: 'web' });
  const host = await testWebHost({ engine, rendererDir });
  const browser = await openBrowser();
  await browser.page.goto(host.url);
  return { engine, host, ...browser };
}

describe('app shell in Chromium through the web host', () => {
  it('shows the ffmpeg and ffprobe versions the engine reports, with no CSP violation', async () => {
    const { engine, page, problems } = await openApp();
    const info = await call(engine, 'app.info', {});
    if (info.ffmpeg.kind !== 'found' || info.ffprobe.kind !== 'found') {
      throw new Error('This test needs ffmpeg and ffprobe installed (apt-get install ffmpeg).');
    }

    const status = page.getByRole('contentinfo');
    await status.getByText(`ffmpeg ${info.ffmpeg.tool.version}`, { exact: true }).waitFor();
    await status.getByText(`ffprobe ${info.ffprobe.tool.version}`, { exact: true }).waitFor();
    await status.getByText(`Dailies ${info.version}`).waitFor();
    await status.getByText(info.dataDir).waitFor();

    // The four views and Settings are reachable from the sidebar landmark.
    const nav = page.getByRole('navigation', { name: 'Views' });
    for (const name of ['Library', 'Upload queue', 'Analysis', 'Account', 'Settings']) {
      await nav.getByRole('button', { name, exact: true }).waitFor();
    }
    expect(await page.getByRole('main').getByRole('heading', { level: 1 }).textContent()).toBe(
      'Library',
    );
    await page.getByText('The library is empty.').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'app-shell-library.png') });

    await nav.getByRole('button', { name: 'Settings' }).click();
    const tools = page.getByRole('region', { name: 'Media tools' });
    for (const [name, tool] of [
      ['ffmpeg', info.ffmpeg.tool],
      ['ffprobe', info.ffprobe.tool],
    ] as const) {
      const row = tools.getByRole('group', { name, exact: true });
      await row.getByText(tool.path, { exact: true }).waitFor();
      await row.getByText(tool.version, { exact: true }).waitFor();
    }
    await page.screenshot({ path: path.join(screenshots, 'app-shell-settings.png') });
    expect(problems).toEqual([]);
  });

  it('saves a setting from the Settings view, and shows the engine refusing a bad one next to its field', async () => {
    const { engine, page, problems } = await openApp();
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Settings' })
      .click();

    const width = page.getByLabel('Thumbnail width (pixels)');
    await width.fill('5');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const error = page.locator('#setting-thumbnailWidth-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/160/);
    expect(await width.getAttribute('aria-invalid')).toBe('true');
    // Focus goes to the field the editor has to fix.
    expect(await page.evaluate('document.activeElement.id')).toBe('setting-thumbnailWidth');
    expect((await call(engine, 'settings.get', {})).thumbnailWidth).toBe(640);
    await page.screenshot({ path: path.join(screenshots, 'app-shell-settings-error.png') });

    await width.fill('960');
    await page.getByLabel('Theme').selectOption('dark');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Settings saved.').waitFor();
    const saved = await call(engine, 'settings.get', {});
    expect(saved.thumbnailWidth).toBe(960);
    expect(saved.theme).toBe('dark');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await error.count()).toBe(0);

    // A change made elsewhere (the CLI, another window) arrives over the event stream.
    await call(engine, 'settings.set', { filmstripFrames: 30 });
    await page.waitForFunction("document.getElementById('setting-filmstripFrames').value === '30'");
    await page.screenshot({
      path: path.join(screenshots, 'app-shell-settings-dark.png'),
      fullPage: true,
    });
    expect(problems).toEqual([]);
  });

  it('can be driven from the keyboard: skip link, sidebar, focus moved to the chosen view', async () => {
    const { page, problems } = await openApp();
    await page.getByRole('contentinfo').getByText('ffmpeg', { exact: false }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Upload queue');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    expect(await page.getByRole('main', { name: 'Upload queue' }).count()).toBe(1);
    expect(await page.title()).toBe('Upload queue · Dailies');
    expect(problems).toEqual([]);
  });

  it('without the token, shows how to open Dailies and reads no data', async () => {
    const { host, page, problems } = await openApp();
    await page.goto(`${host.origin}/`);
    await page.getByRole('heading', { name: 'Open the address Dailies printed' }).waitFor();
    expect(await page.getByRole('contentinfo').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('reports a CSP violation when the page tries an inline style (the guard itself works)', async () => {
    const { page, problems } = await openApp();
    await page.getByRole('contentinfo').waitFor();
    // Evaluated through DevTools (allowed), but the <style> it adds is the page's own.
    await page.evaluate(
      "document.head.append(Object.assign(document.createElement('style'), { textContent: 'body { background: red; }' }))",
    );
    await expect.poll(() => problems.some((p) => p.includes('style-src'))).toBe(true);
  });
});
