import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openView } from '../helpers/app-page';
import { count, folderOf } from '../helpers/bulk-library';
import { catalogSql } from '../helpers/catalog';
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
/** Assets whose analyses wait, ten jobs each, for the pause that is stopped part-way. */
const ASSETS = 1_000;
const JOBS = ASSETS * 10;

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

  it('Cancel on a long pause of every job stops it part-way: what was paused stays paused, and the notice says how many', async () => {
    // One job per step, so the pause of ten thousand jobs is still on when Cancel is clicked.
    const engine = testEngine({ host: 'web', startWork: false, bulkStepItems: 1 });
    await call(engine, 'assets.addPaths', { paths: [folderOf(ASSETS)] });
    // Nine more waiting analyses of each asset (as a catalog that queued them again would).
    catalogSql(engine)
      .prepare(
        `INSERT INTO jobs (kind, spec_json, asset_id, state, created_at, updated_at)
         SELECT kind, spec_json, asset_id, state, created_at, updated_at FROM jobs,
           (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
            UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)`,
      )
      .run();
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE state = 'queued'")).toBe(JOBS);
    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);
    await openView(page, 'Analysis');
    await page.getByRole('button', { name: 'Pause all' }).click();

    const strip = page.getByRole('region', { name: 'Work in progress' });
    await strip.getByText(/^Pausing jobs: [\d,]+ jobs so far…$/).waitFor();
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: path.join('test-results', 'bulk-progress-pause-all.png') });
    await strip.getByRole('button', { name: 'Cancel pausing jobs' }).click();

    // The strip goes at the stopped call's last event; the notice the pause answers in says
    // how far it got.
    await expect.poll(() => strip.count()).toBe(0);
    const notice = page.getByText(
      /^Stopped: [\d,]+ jobs paused; the others were left as they were\.$/,
    );
    await notice.waitFor();
    const said = Number(
      /Stopped: ([\d,]+)/.exec((await notice.textContent()) ?? '')![1]!.replace(/,/g, ''),
    );
    expect(said).toBeGreaterThan(0);
    expect(said).toBeLessThan(JOBS);
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE state = 'paused'")).toBe(said);
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE state = 'queued'")).toBe(JOBS - said);
    expect(problems).toEqual([]);
  });
});
