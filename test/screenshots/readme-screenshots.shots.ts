import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/create-engine';
import { SecretRedactor } from '../../src/engine/logging/redactor';
import { inProcessApi } from '../../src/engine/rpc/in-process-api';
import { SessionSecretStore } from '../../src/engine/secrets/session-secret-store';
import { ensureDemoProfile } from '../../src/demo/demo-profile';
import { startDemoStandIns, type DemoStandIns } from '../../src/demo/demo-stand-ins';
import { SESSION_STORE_DESCRIPTION } from '../../src/demo/run-demo';
import { ensureSampleSet } from '../../src/demo/sample-set';
import type { DailiesApi } from '../../src/shared/contract';
import { openBrowser } from '../helpers/browser';
import { waitForJobsIdle } from '../helpers/jobs';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { testWebHost } from '../helpers/web-host';
import { readmeScreenshotsDir, saveScreenshot } from './save-screenshot';
import { libraryRow, openView } from '../helpers/app-page';

/**
 * `npm run screenshots`: the README's pictures, made the way an editor would see them. The
 * demo's generated sample set goes through the real engine, the local S3-compatible store and
 * the platform stand-in; Chromium opens the web host at 1280x800 and each view is shot once
 * it shows what it is there to show. Not part of `npm test` (a picture is not an assertion).
 */
// Kept between runs (the set is made once); under the temp folder so the pictures show a
// neutral path, not this checkout's.
const samplesDir = path.join(os.tmpdir(), 'dailies-footage');
let rendererDir = '';
let engine: Engine;
let api: DailiesApi;
let standIns: DemoStandIns;
let workDir = '';

beforeAll(async () => {
  rendererDir = ensureRendererBuild();
  // Not tempDir(): that is emptied after each test, and the engine lives for the whole file.
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dailies-screenshots-'));
  fs.mkdirSync(readmeScreenshotsDir, { recursive: true });
  const redactor = new SecretRedactor();
  engine = createEngine({
    dataDir: path.join(workDir, 'catalog'),
    host: 'web',
    version: '0.1.0',
    redactor,
    // Described as the demo describes it, so the Account picture reads as the demo does.
    secrets: new SessionSecretStore({ redactor, description: SESSION_STORE_DESCRIPTION }),
    headless: false,
  });
  api = inProcessApi(engine);
  const info = await api.invoke('app.info', {});
  if (info.ffmpeg.kind === 'missing') throw new Error(info.ffmpeg.message);
  // Made once and kept under out/: a second run reuses the same files.
  await ensureSampleSet({ dir: samplesDir, ffmpeg: info.ffmpeg.tool.path, size: 'quick' });
  standIns = await startDemoStandIns(path.join(workDir, 'stand-ins'));
  await ensureDemoProfile(api, standIns);
}, 300_000);

afterAll(async () => {
  await engine?.dispose();
  await standIns?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

/** Every picture in sight has loaded (the virtualised list mounts only what shows). */
const picturesLoaded = (page: Page) =>
  page.evaluate(
    `[...document.querySelectorAll('img')].every((img) => img.complete && img.naturalWidth > 0)`,
  );

describe('README screenshots', () => {
  it('shoots every view from generated footage against the local stand-ins', async () => {
    const report = await api.invoke('assets.addPaths', { paths: [samplesDir] });
    await waitForJobsIdle(engine);
    const assets = await Promise.all(report.assetIds.map((id) => api.invoke('assets.get', { id })));
    const byFile = (name: string) => assets.find((asset) => asset.fileName === name)!;
    // A few already on the platform, so the Library shows every state an editor meets.
    const sentFirst = ['101_harbour-lights.mp4', '106_camera-b.mkv', '102_night-market.mov'];
    await api.invoke('sync.enqueue', { assetIds: sentFirst.map((name) => byFile(name).id) });
    await waitForJobsIdle(engine);

    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);

    // Library, list: every sample with its thumbnail and state.
    await libraryRow(page, 'Harbour Lights').waitFor();
    await expect.poll(() => picturesLoaded(page)).toBe(true);
    await saveScreenshot(page, 'library-list');

    // The detail of one clip, its filmstrip scrubbed part-way.
    await libraryRow(page, 'Street Interview').click();
    const slider = page.getByRole('slider', { name: 'Filmstrip of Street Interview' });
    await slider.focus();
    // Part-way along: the end, then back a few frames.
    await page.keyboard.press('End');
    for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowLeft');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).not.toBe('Frame at 0:00');
    await expect.poll(() => picturesLoaded(page)).toBe(true);
    await saveScreenshot(page, 'library-detail-filmstrip');

    // Library, grid.
    await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'Grid' }).click();
    await page.getByRole('listbox', { name: 'Assets' }).getByRole('option').first().waitFor();
    await expect.poll(() => picturesLoaded(page)).toBe(true);
    await saveScreenshot(page, 'library-grid');
    await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'List' }).click();

    // Analysis: what was found in each file, the broken export among them.
    await openView(page, 'Analysis');
    await page.getByText('Broken Export').first().waitFor();
    await saveScreenshot(page, 'analysis');

    // Upload queue mid-upload: a bandwidth limit holds the large file part-way up.
    const profile = (await api.invoke('profiles.list', {})).find((p) => p.active) ?? null;
    if (!profile) throw new Error('The demo profile is not active');
    await api.invoke('profiles.update', {
      id: profile.id,
      patch: { upload: { ...profile.upload, bandwidthLimitBytesPerSecond: 1024 * 1024 } },
    });
    await openView(page, 'Library');
    await libraryRow(page, 'Harbour Lights').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+Enter');
    await openView(page, 'Upload queue');
    const bar = page.locator('.sync-row').filter({ hasText: 'Feature Master' }).locator('progress');
    await expect
      .poll(() => bar.evaluate((el) => (el as unknown as { position: number }).position), {
        timeout: 60_000,
      })
      .toBeGreaterThan(0.25);
    await saveScreenshot(page, 'upload-queue');

    await openView(page, 'Account');
    await page.getByText(standIns.credentials.email).first().waitFor();
    await saveScreenshot(page, 'account');

    await openView(page, 'Settings');
    await page.getByRole('heading', { name: 'Settings' }).first().waitFor();
    await saveScreenshot(page, 'settings');

    expect(problems).toEqual([]);
  }, 300_000);
});
