import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from '../helpers/browser';
import { call } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { testWebHost } from '../helpers/web-host';
import {
  addAnalysed,
  INTERNAL_TOKEN,
  setUpProfile,
  syncAndWait,
  syncEngine,
  useSyncRig,
} from '../sync/pipeline/sync-kit';
import { libraryRow, openView } from '../helpers/app-page';

let rendererDir = '';
const rig = useSyncRig({ clips: 2, timeoutMs: 120_000 });

beforeAll(() => {
  rendererDir = ensureRendererBuild();
}, 120_000);

const toasts = (page: Page) => page.getByRole('region', { name: 'Notices' });

/** Bodies S3 received since the last reset: none when only metadata went. */
function bodiesSent() {
  const stats = rig.s3Proxy.stats();
  return (stats.byOperation.PutObject ?? 0) + (stats.byOperation.UploadPart ?? 0);
}

/** An engine for the web host with both clips analysed and sent, and the app open on it. */
async function syncedApp() {
  const engine = syncEngine(rig, undefined, { host: 'web' });
  await setUpProfile(engine, rig);
  const assets = await addAnalysed(engine, rig.clips);
  await syncAndWait(
    engine,
    assets.map((a) => a.id),
  );
  const host = await testWebHost({ engine, rendererDir });
  const browser = await openBrowser();
  await browser.page.goto(host.url);
  rig.s3Proxy.resetStats();
  return { engine, assets, host, ...browser };
}

describe('edits, notices and the support bundle in Chromium through the web host', () => {
  it('says an edit must be sent again, sends only the metadata in one click, and tells when done', async () => {
    const { engine, assets, page, problems } = await syncedApp();
    const contentId = (await call(engine, 'assets.get', { id: assets[0]!.id })).contentId!;

    await libraryRow(page, 'Take A').click();
    const detail = page.getByRole('region', { name: 'Take A' });
    await detail.getByLabel('Title', { exact: true }).fill('Take A, regraded');
    await page.keyboard.press('Control+s');
    const note = page.getByRole('note', { name: 'Your edit and the platform' });
    await note.getByText(/the platform still shows the old title/).waitFor();
    await note.getByText(/the video is not uploaded again/).waitFor();
    expect(rig.platform.store.content(contentId)?.title).not.toBe('Take A, regraded');

    await note.getByRole('button', { name: 'Send changes to the platform' }).click();
    // The batch's end is a toast; the platform has the new title and no video went again.
    const done = toasts(page).locator('.toast[data-kind="finished"]');
    await done.getByText('Uploads finished').waitFor();
    await done.getByText('1 video sent to the platform.').waitFor();
    await waitForJobsIdle(engine);
    expect(rig.platform.store.content(contentId)?.title).toBe('Take A, regraded');
    expect(bodiesSent()).toBe(0);
    await note.waitFor({ state: 'detached' });
    await done.getByRole('button', { name: 'Dismiss: Uploads finished' }).click();
    await done.waitFor({ state: 'detached' });

    // With the setting on, the next edit goes by itself.
    await openView(page, 'Settings');
    await page.getByLabel('Send edits of assets already on the platform automatically').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Settings saved.').waitFor();
    await openView(page, 'Library');
    await libraryRow(page, 'Take B').click();
    await page.getByRole('region', { name: 'Take B' }).getByLabel('Age rating').selectOption('15+');
    await page.keyboard.press('Control+s');
    await toasts(page).getByText('1 video sent to the platform.').waitFor();
    await waitForJobsIdle(engine);
    const takeB = await call(engine, 'assets.get', { id: assets[1]!.id });
    expect(takeB.status).toBe('synced');
    expect(rig.platform.store.content(takeB.contentId!)?.age_rating).toBe('15+');
    expect(bodiesSent()).toBe(0);
    expect(problems).toEqual([]);
  }, 180_000);

  it('puts what needs the editor in a toast and in the tab title', async () => {
    const { engine, assets, page, problems } = await syncedApp();
    await page.getByRole('grid').waitFor();
    expect(await page.title()).toBe('Library · Dailies');
    // The window reads the queue once the first rows are painted, with the app's info: what is
    // already wrong at that moment is no news. Wait for that read, so the conflict below
    // happens while the editor is looking.
    const info = await call(engine, 'app.info', {});
    if (info.ffmpeg.kind === 'found')
      await page.getByText(`ffmpeg ${info.ffmpeg.tool.version}`, { exact: true }).waitFor();
    // The platform's copy changed meanwhile: the re-send stops at a conflict.
    const synced = await call(engine, 'assets.get', { id: assets[0]!.id });
    rig.platform.store.putContent({ id: synced.contentId!, title: 'Title from the web' });
    await call(engine, 'assets.update', { id: synced.id, patch: { title: 'Title from Dailies' } });
    await call(engine, 'sync.enqueue', { assetIds: [synced.id] });

    const attention = toasts(page).locator('.toast[data-kind="attention"]');
    await attention.getByText('Uploads need your attention').waitFor();
    await attention
      .getByText('1 upload failed or has a conflict. Open the queue to see why.')
      .waitFor();
    await expect.poll(() => page.title()).toBe('(1) Library · Dailies');
    await attention.getByRole('button', { name: 'Open Upload queue' }).click();
    await page.getByRole('heading', { name: 'Upload queue', level: 1 }).waitFor();
    await attention.waitFor({ state: 'detached' });
    expect(await page.title()).toBe('(1) Upload queue · Dailies');

    expect(problems).toEqual([]);
  }, 180_000);

  it('exports a support bundle from Settings as a download, without secrets', async () => {
    const engine = syncEngine(rig, undefined, { host: 'web' });
    await setUpProfile(engine, rig);
    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);
    await openView(page, 'Settings');
    const support = page.getByRole('region', { name: 'Support' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      support.getByRole('button', { name: 'Export support bundle' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^dailies-support-.+\.json$/);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const bundle = JSON.parse(text) as { app: { name: string }; profiles: unknown[] };
    expect(bundle.app.name).toBe('Dailies');
    expect(bundle.profiles).toHaveLength(1);
    expect(text).not.toContain(INTERNAL_TOKEN);
    expect(text).not.toContain(host.token);
    await support.getByText(/^Support bundle downloaded/).waitFor();

    // The file is only for the token's holder.
    const refused = await fetch(`${host.origin}/api/support/${download.suggestedFilename()}`);
    expect(refused.status).toBe(401);
    expect(problems).toEqual([]);
  }, 120_000);
});
