import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from '../helpers/browser';
import { call, testEngine } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { tempDir } from '../helpers/temp-dir';
import { testWebHost } from '../helpers/web-host';
import { makeClip } from '../rig/media-fixtures';

const screenshots = path.resolve('test-results');
let rendererDir = '';
let clipsDir = '';

beforeAll(async () => {
  rendererDir = ensureRendererBuild();
  fs.mkdirSync(screenshots, { recursive: true });
  clipsDir = fs.mkdtempSync(path.join(path.dirname(tempDir()), 'dailies-pictures-media-'));
  // A phone clip held upright and a landscape one, long enough for a filmstrip of several frames.
  await makeClip('ffmpeg', path.join(clipsDir, '1_upright-phone.mp4'), 6, '180x320', 440);
  await makeClip('ffmpeg', path.join(clipsDir, '2_wide-shot.mp4'), 6, '320x180', 550);
  return () => fs.rmSync(clipsDir, { recursive: true, force: true });
}, 120_000);

const row = (page: Page, title: string) =>
  page.getByRole('grid').getByRole('row').filter({ hasText: title });

/** The frame's box and the picture inside it, as the page lays them out. */
function layoutOf(page: Page, selector: string) {
  return page.evaluate(`(() => {
    const frame = document.querySelector(${JSON.stringify(selector)});
    const img = frame && frame.querySelector('img');
    if (!frame || !img || !img.complete || img.naturalWidth === 0) return null;
    const box = frame.getBoundingClientRect();
    const drawn = img.getBoundingClientRect();
    return {
      frameRatio: box.width / box.height,
      naturalRatio: img.naturalWidth / img.naturalHeight,
      fit: getComputedStyle(img).objectFit,
      // The image element's box must be the frame's: a taller box is clipped by the frame,
      // which crops a portrait picture into looking landscape.
      boxInFrame: drawn.height <= box.height + 0.5 && drawn.width <= box.width + 0.5,
    };
  })()`) as Promise<{
    frameRatio: number;
    naturalRatio: number;
    fit: string;
    boxInFrame: boolean;
  } | null>;
}

const scrubTime = (scope: ReturnType<Page['locator']>) =>
  scope.getByTestId('scrub-time').textContent();

describe('pictures of the footage in Chromium through the web host and a real engine', () => {
  it('letterboxes portrait clips and scrubs filmstrips in the list, the grid and the detail', async () => {
    const engine = testEngine({ host: 'web' });
    await call(engine, 'assets.addPaths', { paths: [clipsDir] });
    const { items } = await call(engine, 'assets.search', { limit: 10 });
    await call(engine, 'analysis.start', { assetIds: items.map((a) => a.id) });
    await waitForJobsIdle(engine);
    const analysed = await call(engine, 'assets.search', { limit: 10 });
    expect(analysed.items.every((asset) => asset.stills?.filmstrip)).toBe(true);
    const upright = analysed.items.find((a) => a.fileName === '1_upright-phone.mp4')!;

    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);
    await row(page, 'Upright Phone').waitFor();

    // The portrait thumbnail keeps its shape inside the 16:9 frame: letterboxed, not cropped.
    const frame = `#asset-row-${upright.id} .thumb`;
    await expect.poll(() => layoutOf(page, frame)).not.toBeNull();
    const layout = (await layoutOf(page, frame))!;
    expect(layout.naturalRatio).toBeLessThan(1);
    expect(layout.frameRatio).toBeCloseTo(16 / 9, 1);
    expect(layout.fit).toBe('contain');
    expect(layout.boxInFrame).toBe(true);

    // Hover near the end of the row's thumbnail: a late frame of the filmstrip, with its time.
    const thumb = page.locator(frame);
    const box = (await thumb.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.95, box.y + box.height / 2);
    await expect.poll(() => scrubTime(row(page, 'Upright Phone'))).toMatch(/^0:0[3-6]$/);
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await expect.poll(() => scrubTime(row(page, 'Upright Phone'))).toBe('0:00');
    await page.mouse.move(0, 0);
    await expect.poll(() => row(page, 'Upright Phone').getByTestId('scrub-time').count()).toBe(0);

    // The keyboard: the focused row's filmstrip steps with Right and Left.
    await row(page, 'Wide Shot').click();
    for (let i = 0; i < 8; i += 1) await page.keyboard.press('ArrowRight');
    const stepped = await scrubTime(row(page, 'Wide Shot'));
    expect(stepped).toMatch(/^0:0[1-5]$/);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Escape');
    await expect.poll(() => row(page, 'Wide Shot').getByTestId('scrub-time').count()).toBe(0);

    // The detail: a slider over the frames, with the time in words.
    const slider = page.getByRole('slider', { name: 'Filmstrip of Wide Shot' });
    await slider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toMatch(/^Frame at 0:0[4-6]$/);
    expect(await scrubTime(slider)).toMatch(/^0:0[4-6]$/);
    await page.keyboard.press('Home');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('Frame at 0:00');
    await page.screenshot({ path: path.join(screenshots, 'pictures-detail-filmstrip.png') });

    // The grid: large cards, title and status under each; hover scrubs, Alt+arrows too.
    await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'Grid' }).click();
    const cards = page.getByRole('listbox', { name: 'Assets' });
    const card = cards.getByRole('option', { name: 'Upright Phone' });
    await card.waitFor();
    expect(await card.getByText('Ready').count()).toBe(1);
    const cardThumb = card.locator('.thumb');
    await expect.poll(() => layoutOf(page, `#asset-card-${upright.id} .thumb`)).not.toBeNull();
    const cardBox = (await cardThumb.boundingBox())!;
    expect(cardBox.width).toBeGreaterThan(150);
    await page.mouse.move(cardBox.x + cardBox.width * 0.5, cardBox.y + cardBox.height / 2);
    await expect.poll(() => scrubTime(card)).toMatch(/^0:0[2-4]$/);
    // Straight off the frame: the picture under the pointer was swapped for a tile meanwhile.
    await page.mouse.move(0, 0);
    await expect.poll(() => card.getByTestId('scrub-time').count()).toBe(0);
    await card.locator('.card-title').click();
    expect(await card.getByTestId('scrub-time').count()).toBe(0);
    await page.keyboard.press('Alt+ArrowRight');
    await expect.poll(() => scrubTime(card)).toBe('0:00');
    // Right alone moves to the next card.
    await page.keyboard.press('Home');
    const firstCard = await cards.getAttribute('aria-activedescendant');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => cards.getAttribute('aria-activedescendant')).not.toBe(firstCard);
    await page.screenshot({ path: path.join(screenshots, 'pictures-grid.png') });

    expect(problems).toEqual([]);
  }, 180_000);
});
