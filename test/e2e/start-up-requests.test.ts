import { beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from '../helpers/browser';
import { call } from '../helpers/engine';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { testWebHost } from '../helpers/web-host';
import { libraryRow, openView } from '../helpers/app-page';
import {
  addAnalysed,
  setUpProfile,
  syncAndWait,
  syncEngine,
  useSyncRig,
} from '../sync/pipeline/sync-kit';

let rendererDir = '';
const rig = useSyncRig({ clips: 2 });

beforeAll(() => {
  rendererDir = ensureRendererBuild();
}, 120_000);

/**
 * Init script: the page's own clock when the first Library row entered the document, and
 * every RPC the page asked for with when it asked (resource timing: the fetch's start).
 */
const recordStart = `(() => {
  window.__firstRowAt = null;
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[id^="asset-row-"]')) return;
    observer.disconnect();
    window.__firstRowAt = performance.now();
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;
const rpcCalls = `performance.getEntriesByType('resource')
  .filter((entry) => entry.name.includes('/api/rpc/'))
  .map((entry) => ({
    method: decodeURIComponent(entry.name.split('/api/rpc/')[1].split('?')[0]),
    at: entry.startTime,
  }))
  .sort((a, b) => a.at - b.at)`;

interface RpcCall {
  method: string;
  at: number;
}

describe('opening Dailies on the Library', () => {
  it('asks for the first page before anything else and for no job list until the rows show; Analysis and the Upload queue read their jobs when opened', async () => {
    const engine = syncEngine(rig, undefined, { host: 'web' });
    await setUpProfile(engine, rig);
    const [sent, kept] = await addAnalysed(engine, rig.clips);
    await syncAndWait(engine, [sent!.id]);
    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.addInitScript({ content: recordStart });
    await page.goto(host.url);

    await libraryRow(page, kept!.title).waitFor();
    const firstRowAt = Number(await page.evaluate('window.__firstRowAt'));
    expect(firstRowAt).toBeGreaterThan(0);
    // What the shell reads after the rows (settings, profiles, statuses...) has gone out.
    await expect
      .poll(async () => ((await page.evaluate(rpcCalls)) as RpcCall[]).length)
      .toBeGreaterThan(4);
    const atStart = (await page.evaluate(rpcCalls)) as RpcCall[];
    expect(atStart[0]!.method).toBe('assets.search');
    expect(atStart.filter((c) => c.at < firstRowAt).map((c) => c.method)).toEqual([
      'assets.search',
    ]);
    // The newest analysis jobs, one list (a failed row's reason is asked for by asset, and
    // no row here failed): not one per state.
    expect(atStart.filter((c) => c.method === 'jobs.list').length).toBeLessThanOrEqual(1);
    expect(atStart.map((c) => c.method)).not.toContain('jobs.latestForAssets');

    await openView(page, 'Analysis');
    await page.locator('.job-row').filter({ hasText: kept!.title }).waitFor();
    await expect.poll(() => page.locator('.job-count-done').getAttribute('data-count')).toBe('2');

    await openView(page, 'Upload queue');
    await page.locator('.sync-row').filter({ hasText: sent!.title }).waitFor();
    const synced = await call(engine, 'sync.status', { assetIds: [sent!.id] });
    expect(synced[0]!.jobState).toBe('done');
    expect(problems).toEqual([]);
  });
});
