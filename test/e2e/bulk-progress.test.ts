import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, folderOf } from '../helpers/bulk-library';
import { openBrowser } from '../helpers/browser';
import { call, testEngine } from '../helpers/engine';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { testWebHost } from '../helpers/web-host';

/** Small files read and kept before the stop (more than one group of the reader). */
const SMALL_FILES = 1_000;
/**
 * Sparse (no disk used) but read in full to be hashed: half an hour at least even at 2 GB/s
 * of sha256, so the batch is still on it, however fast the machine, when Cancel is clicked.
 * Named to be read last.
 */
const HUGE_FILE = { name: 'zz-huge.mp4', bytes: 4 * 1024 ** 4 };
const FILES = SMALL_FILES + 1;

let rendererDir = '';

beforeAll(() => {
  rendererDir = ensureRendererBuild();
});

describe('the progress strip in Chromium through the web host and a real engine', () => {
  it('shows a folder of many files being added, and Cancel stops it mid-file with nothing half added', async () => {
    const engine = testEngine({ host: 'web', startWork: false });
    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);
    await page.getByText('The library is empty.').waitFor();

    const folder = folderOf(SMALL_FILES);
    fs.writeFileSync(path.join(folder, HUGE_FILE.name), '');
    fs.truncateSync(path.join(folder, HUGE_FILE.name), HUGE_FILE.bytes);
    await page.getByRole('button', { name: 'Add files or folders…' }).click();
    await page.getByLabel('Paths on this computer, one per line').fill(folder);
    await page.getByRole('button', { name: 'Add', exact: true }).click();

    const strip = page.getByRole('region', { name: 'Work in progress' });
    await strip.getByText(/^Adding [\d,]+ of 1,001 files…$/).waitFor();
    await expect
      .poll(() => strip.getByRole('progressbar', { name: 'Adding files' }).getAttribute('max'))
      .toBe(String(FILES));
    // Every small file is read; the batch goes on reading the huge one.
    await strip.getByText('Adding 1,000 of 1,001 files…').waitFor();
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: path.join('test-results', 'bulk-progress-strip.png') });
    await strip.getByRole('button', { name: 'Cancel adding files' }).click();

    // The strip goes once the engine stops the batch; the panel says what happened.
    await expect.poll(() => strip.count()).toBe(0);
    await page.getByText(/Adding files was stopped\./).waitFor();

    // What was read is kept; the file cut off half way is not added.
    const held = (await call(engine, 'assets.search', { includeTotal: true })).total ?? 0;
    expect(held).toBe(SMALL_FILES);
    expect(count(engine, 'SELECT count(*) n FROM assets')).toBe(held);
    // Nothing half added: every asset recorded has its file and its analysis queued.
    expect(count(engine, 'SELECT count(DISTINCT asset_id) n FROM asset_locations')).toBe(held);
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE kind = 'analyse'")).toBe(held);
    expect(problems).toEqual([]);
  });
});
