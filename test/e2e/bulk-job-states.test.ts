import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openView } from '../helpers/app-page';
import { openBrowser } from '../helpers/browser';
import { folderOf } from '../helpers/bulk-library';
import { call, testEngine } from '../helpers/engine';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { testWebHost } from '../helpers/web-host';
import { addAnalysed, setUpProfile, syncEngine, useSyncRig } from '../sync/pipeline/sync-kit';

/** More jobs than one step changes (250 at first): the window hears of them in steps. */
const JOBS = 700;

let rendererDir = '';
const rig = useSyncRig({ clips: 3, timeoutMs: 120_000 });

beforeAll(() => {
  rendererDir = ensureRendererBuild();
}, 120_000);

const analysisCount = (page: Page, state: string) =>
  page.locator(`.job-count-${state}`).getAttribute('data-count').then(Number);
const uploadRows = (page: Page, state: string) =>
  page.locator(`.sync-row[data-state="${state}"]`).count();

async function cancelAll(page: Page, confirm: string) {
  await page.getByRole('button', { name: 'Cancel all…' }).click();
  await page.getByRole('button', { name: confirm }).click();
}

describe('the views after Pause all and Cancel all, announced a step at a time', () => {
  it('Analysis counts every job paused, then every job cancelled', async () => {
    // Work off: the analyses wait, so every one of them is paused, then cancelled.
    const engine = testEngine({ host: 'web', startWork: false });
    await call(engine, 'assets.addPaths', { paths: [folderOf(JOBS)] });
    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);
    await openView(page, 'Analysis');
    await expect.poll(() => analysisCount(page, 'queued')).toBe(JOBS);

    await page.getByRole('button', { name: 'Pause all' }).click();
    await expect.poll(() => analysisCount(page, 'paused')).toBe(JOBS);
    expect(await analysisCount(page, 'queued')).toBe(0);

    await cancelAll(page, `Cancel ${JOBS} jobs`);
    await expect.poll(() => analysisCount(page, 'cancelled')).toBe(JOBS);
    expect(await analysisCount(page, 'paused')).toBe(0);
    const engineSays = await call(engine, 'jobs.list', { state: 'cancelled', limit: 5000 });
    expect(engineSays).toHaveLength(JOBS);
    expect(problems).toEqual([]);
  }, 120_000);

  it('the Upload queue shows every upload paused, then every one cancelled', async () => {
    const engine = syncEngine(rig, undefined, { host: 'web' });
    await setUpProfile(engine, rig);
    const assets = await addAnalysed(engine, rig.clips);
    // Every request to the bucket waits, so none finishes before the clicks land.
    rig.s3Proxy.addRule({ fault: { kind: 'delay', ms: 1500 } });
    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);
    await openView(page, 'Upload queue');
    await call(engine, 'sync.enqueue', { assetIds: assets.map((a) => a.id) });
    await page.locator('.sync-row[data-state="uploading"]').first().waitFor();

    await page.getByRole('button', { name: 'Pause all' }).click();
    await expect.poll(() => uploadRows(page, 'paused'), { timeout: 30_000 }).toBe(3);

    await cancelAll(page, 'Cancel 3 uploads');
    await expect.poll(() => uploadRows(page, 'stopped'), { timeout: 30_000 }).toBe(3);
    expect(await uploadRows(page, 'paused')).toBe(0);
    const statuses = await call(engine, 'sync.status', { assetIds: assets.map((a) => a.id) });
    expect(statuses.map((s) => s.jobState)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(problems).toEqual([]);
  }, 120_000);
});
