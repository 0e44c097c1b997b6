import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Asset, WireResult } from '../../src/shared/contract';
import { STILLS_DIR } from '../../src/shared/media-urls';
import type { Engine } from '../../src/engine/create-engine';
import { openBrowser } from '../helpers/browser';
import { call, testEngine } from '../helpers/engine';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { tempDir } from '../helpers/temp-dir';
import { testWebHost } from '../helpers/web-host';
import { generateMediaFixtures, type MediaFixtures } from '../rig/media-fixtures';

const screenshots = path.resolve('test-results');
let rendererDir = '';
let fixtures: MediaFixtures;
let fixturesDir = '';

beforeAll(async () => {
  rendererDir = ensureRendererBuild();
  fs.mkdirSync(screenshots, { recursive: true });
  // Made once for the file (tempDir's cleanup runs after each test, so not through it).
  fixturesDir = fs.mkdtempSync(path.join(path.dirname(tempDir()), 'dailies-library-media-'));
  fixtures = await generateMediaFixtures(fixturesDir);
  return () => fs.rmSync(fixturesDir, { recursive: true, force: true });
}, 120_000);

/**
 * Stills for assets that were never analysed: this journey is about the library, so it skips
 * analysis (seconds per file) and reports stills (version 1, no filmstrip) for the assets
 * named in `ids`, with a real thumbnail file written beside them. Everything else is the
 * real engine; the analysis journey covers real stills.
 */
function reportStillsFor(engine: Engine, ids: Set<number>) {
  const withStills = (asset: Asset): Asset =>
    ids.has(asset.id) ? { ...asset, stills: { version: 1, filmstrip: false } } : asset;
  return {
    dataDir: engine.dataDir,
    logger: engine.logger,
    redactor: engine.redactor,
    subscribe: engine.subscribe,
    async dispatch(method: string, input: unknown): Promise<WireResult> {
      const result = await engine.dispatch(method, input);
      if (!result.ok) return result;
      if (method === 'assets.get' || method === 'assets.update' || method === 'assets.undo') {
        return { ok: true, value: withStills(result.value as Asset) };
      }
      if (method === 'assets.search' || method === 'assets.trash') {
        const page = result.value as { items: Asset[] };
        return { ok: true, value: { ...page, items: page.items.map(withStills) } };
      }
      return result;
    },
  };
}

function footageFolder(): string {
  const dir = tempDir('dailies-footage-');
  for (const file of [...fixtures.shortClips, fixtures.hd1080]) {
    fs.copyFileSync(file, path.join(dir, path.basename(file)));
  }
  return dir;
}

const rows = (page: Page) => page.getByRole('grid', { name: 'Assets' }).getByRole('row');
const row = (page: Page, title: string) =>
  page.getByRole('grid').getByRole('row').filter({ hasText: title });

async function assetByTitle(engine: Engine, title: string): Promise<Asset> {
  const page = await call(engine, 'assets.search', { limit: 100 });
  const found = page.items.find((asset) => asset.title === title);
  if (!found) throw new Error(`No asset titled ${title}`);
  return found;
}

describe('the Library in Chromium through the web host and a real engine', () => {
  it('adds a folder by its path, searches, edits, bulk-edits, trashes and restores', async () => {
    const engine = testEngine({ host: 'web' });
    const stillsFor = new Set<number>();
    const host = await testWebHost({ engine: reportStillsFor(engine, stillsFor), rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);
    await page.getByText('The library is empty.').waitFor();

    // Add footage: the browser cannot pick files, so the editor types the folder's path.
    const folder = footageFolder();
    const missing = path.join(folder, 'not-there');
    await page.getByRole('button', { name: 'Add files or folders…' }).click();
    await page.getByLabel('Paths on this computer, one per line').fill(`${folder}\n${missing}`);
    await page.getByRole('button', { name: 'Add 2 paths' }).click();
    await row(page, 'Short A').waitFor();
    await expect.poll(() => rows(page).count()).toBe(5); // header + 4 assets
    for (const title of ['Short A', 'Short B', 'Short C', 'Hd 1080']) {
      await row(page, title).waitFor();
    }
    // Defaults from the file name: 1_short-a.mp4 is content id 1, "Short A".
    await row(page, 'Short A').getByText('1_short-a.mp4').waitFor();
    expect(await row(page, 'Short A').getByRole('gridcell').last().textContent()).toBe('1');
    // The problem is listed with its path and a sentence an editor can read.
    const report = page.getByRole('status').filter({ hasText: 'Added 4 of 4 videos found' });
    await report.waitFor();
    await report.getByText(missing).waitFor();

    // A real thumbnail for one asset, served by the web host's /media route.
    const shortA = await assetByTitle(engine, 'Short A');
    const stills = path.join(engine.dataDir, STILLS_DIR, String(shortA.id));
    fs.mkdirSync(stills, { recursive: true });
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y', '-i', fixtures.shortClips[0]!],
      ...['-frames:v', '1', '-vf', 'scale=320:-2', path.join(stills, 'thumbnail.jpg')],
    ]);
    stillsFor.add(shortA.id);
    await page.getByRole('searchbox', { name: 'Search the library' }).fill('short');
    await expect.poll(() => rows(page).count()).toBe(4);
    // waitForFunction polls through eval, which the page's CSP refuses; evaluate does not.
    await expect
      .poll(() =>
        page.evaluate(
          `[...document.querySelectorAll('img.thumb-img')].some((img) => img.complete && img.naturalWidth === 320)`,
        ),
      )
      .toBe(true);
    await page.getByRole('searchbox', { name: 'Search the library' }).fill('1080');
    await expect.poll(() => rows(page).count()).toBe(2);
    await row(page, 'Hd 1080').waitFor();
    await page.getByRole('searchbox', { name: 'Search the library' }).fill('');
    await expect.poll(() => rows(page).count()).toBe(5);

    // Edit one title; the engine has it.
    await row(page, 'Short A').click();
    const title = page.getByLabel('Title', { exact: true });
    await title.fill('Opening Scene');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('form', { name: 'Metadata' }).getByText('Saved.').waitFor();
    expect((await call(engine, 'assets.get', { id: shortA.id })).title).toBe('Opening Scene');
    await row(page, 'Opening Scene').waitFor();
    await page
      .getByRole('region', { name: 'History' })
      .getByText(/Short A → Opening Scene/)
      .waitFor();

    // A bad slug is refused next to its field, before anything is sent.
    const slug = page.getByLabel('Slug');
    await slug.fill('Not A Slug!');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const slugError = page.locator('#asset-slug-error');
    await slugError.waitFor();
    expect(await slugError.textContent()).toMatch(/a-z, 0-9/);
    expect(await slug.getAttribute('aria-invalid')).toBe('true');
    expect((await call(engine, 'assets.get', { id: shortA.id })).slug).toBe('short-a');
    await page.screenshot({ path: path.join(screenshots, 'library-validation.png') });
    await page.getByRole('button', { name: 'Discard' }).click();

    // Someone else edits the asset while the editor types: a clear conflict, nothing lost.
    await page.getByLabel('Notes').fill('Check the audio');
    await call(engine, 'assets.update', { id: shortA.id, patch: { description: 'From the CLI' } });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/was changed elsewhere since you opened it/).waitFor();
    expect((await call(engine, 'assets.get', { id: shortA.id })).notes).toBe('');
    await page.getByRole('button', { name: 'Load their version' }).click();
    expect(await page.getByLabel('Description').inputValue()).toBe('From the CLI');

    // Bulk edit: Short B and (Ctrl+click) Short C get 15+ in one go.
    await row(page, 'Short B').click();
    await row(page, 'Short C').click({ modifiers: ['Control'] });
    await page.getByRole('heading', { name: '2 assets selected' }).waitFor();
    await page.getByLabel('Age rating').selectOption('15+');
    await page.getByRole('button', { name: 'Apply to 2 assets' }).click();
    await page.getByText('Updated 2 assets.').waitFor();
    for (const name of ['Short B', 'Short C']) {
      expect((await assetByTitle(engine, name)).ageRating).toBe('15+');
    }
    expect((await assetByTitle(engine, 'Hd 1080')).ageRating).toBe('ALL');
    await page.screenshot({ path: path.join(screenshots, 'library-bulk.png') });

    // Keyboard: arrows move the selection, Delete moves it to the trash.
    const order = await page.locator('.asset-spacer .cell-title').allTextContents();
    const at = order.indexOf('Hd 1080');
    const [away, back] =
      at === order.length - 1 ? ['ArrowUp', 'ArrowDown'] : ['ArrowDown', 'ArrowUp'];
    await row(page, 'Hd 1080').click();
    await page.keyboard.press(away);
    const selectedTitle = () => page.locator('.asset-row.is-selected .cell-title').textContent();
    expect(await selectedTitle()).toBe(order[away === 'ArrowDown' ? at + 1 : at - 1]);
    await page.keyboard.press(back);
    expect(await selectedTitle()).toBe('Hd 1080');
    await page.keyboard.press('Delete');
    await page.getByText('Moved 1 asset to the trash.', { exact: false }).waitFor();
    await expect.poll(() => rows(page).count()).toBe(4);
    expect((await assetByTitle(engine, 'Short B')).deletedAt).toBeNull();

    // The trash holds it; Restore brings it back.
    await page.getByRole('button', { name: 'Trash', exact: true }).click();
    const trash = page.getByRole('grid', { name: 'Assets in the trash' });
    await trash.getByRole('row').filter({ hasText: 'Hd 1080' }).click();
    await page.screenshot({ path: path.join(screenshots, 'library-trash.png') });
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Restored 1 asset.').waitFor();
    await page.getByRole('button', { name: 'All assets' }).click();
    await row(page, 'Hd 1080').waitFor();
    await expect.poll(() => rows(page).count()).toBe(5);

    await row(page, 'Opening Scene').click();
    await page.screenshot({ path: path.join(screenshots, 'library.png') });
    await call(engine, 'settings.set', { theme: 'dark' });
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.screenshot({ path: path.join(screenshots, 'library-dark.png') });
    expect(problems).toEqual([]);
  }, 120_000);

  it('empties the trash only after the editor confirms', async () => {
    const engine = testEngine({ host: 'web' });
    const host = await testWebHost({ engine, rendererDir });
    const folder = footageFolder();
    const report = await call(engine, 'assets.addPaths', { paths: [folder] });
    await call(engine, 'assets.remove', { ids: report.assetIds.slice(0, 2) });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Trash', exact: true }).click();
    await expect.poll(() => page.getByRole('grid').getByRole('row').count()).toBe(3);

    await page.getByRole('button', { name: 'Empty trash…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Empty the trash?' });
    await dialog.waitFor();
    await page.screenshot({ path: path.join(screenshots, 'library-empty-trash.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await call(engine, 'assets.trash', {})).items).toHaveLength(2);

    await page.getByRole('button', { name: 'Empty trash…' }).click();
    await dialog.getByRole('button', { name: 'Forget 2 assets' }).click();
    await page.getByText('The trash is empty.').waitFor();
    expect((await call(engine, 'assets.trash', {})).items).toHaveLength(0);
    expect((await call(engine, 'assets.search', {})).items).toHaveLength(2);
    expect(problems).toEqual([]);
  }, 60_000);
});
