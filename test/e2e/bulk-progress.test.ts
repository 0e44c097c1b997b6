import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, folderOf } from '../helpers/bulk-library';
import { openBrowser } from '../helpers/browser';
import { call, testEngine } from '../helpers/engine';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { testWebHost } from '../helpers/web-host';

/** Enough small files that reading them takes a while, even on an idle machine. */
const FILES = 6_000;

let rendererDir = '';

beforeAll(() => {
  rendererDir = ensureRendererBuild();
});

describe('the progress strip in Chromium through the web host and a real engine', () => {
  it('shows a folder of many files being added, and Cancel stops it with nothing half added', async () => {
    const engine = testEngine({ host: 'web', startWork: false });
    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);
    await page.getByText('The library is empty.').waitFor();

    const folder = folderOf(FILES);
    await page.getByRole('button', { name: 'Add files or folders…' }).click();
    await page.getByLabel('Paths on this computer, one per line').fill(folder);
    await page.getByRole('button', { name: 'Add', exact: true }).click();

    const strip = page.getByRole('region', { name: 'Work in progress' });
    await strip.getByText(/^Adding [\d,]+ of 6,000 files…$/).waitFor();
    await expect
      .poll(() => strip.getByRole('progressbar', { name: 'Adding files' }).getAttribute('max'))
      .toBe(String(FILES));
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: path.join('test-results', 'bulk-progress-strip.png') });
    await strip.getByRole('button', { name: 'Cancel adding files' }).click();

    // The strip goes once the engine stops the batch; the panel says what happened.
    await expect.poll(() => strip.count()).toBe(0);
    await page.getByText(/Adding files was stopped\./).waitFor();

    const held = (await call(engine, 'assets.search', { includeTotal: true })).total ?? 0;
    expect(held).toBeLessThan(FILES);
    expect(count(engine, 'SELECT count(*) n FROM assets')).toBe(held);
    // Nothing half added: every asset recorded has its file and its analysis queued.
    expect(count(engine, 'SELECT count(DISTINCT asset_id) n FROM asset_locations')).toBe(held);
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE kind = 'analyse'")).toBe(held);
    expect(problems).toEqual([]);
  });
});
