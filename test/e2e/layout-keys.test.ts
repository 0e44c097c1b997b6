import { beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from '../helpers/browser';
import { ingestFiles } from '../helpers/catalog';
import { call, testEngine } from '../helpers/engine';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { testWebHost } from '../helpers/web-host';

let rendererDir = '';
beforeAll(() => {
  rendererDir = ensureRendererBuild();
}, 120_000);

describe('layout and keys in Chromium through the web host and a real engine', () => {
  it('reaches every column at 1024 px, resizes columns, saves with Ctrl+S and lists shortcuts on ?', async () => {
    const engine = testEngine({ host: 'web' });
    const long = '7_a-very-long-file-name-from-the-camera-card-that-goes-on-and-on.mp4';
    const ids = await ingestFiles(engine, ['5_night-exterior.mp4', long]);
    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(host.url);
    const grid = page.getByRole('grid', { name: 'Assets' });
    await grid.getByRole('row').filter({ hasText: 'Night Exterior' }).waitFor();

    // Every column can be brought into view: the table scrolls sideways.
    for (const name of ['Status', 'Content id']) {
      const header = grid.getByRole('columnheader', { name });
      await header.scrollIntoViewIfNeeded();
      const box = (await header.boundingBox())!;
      const list = (await page.locator('.asset-viewport').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(list.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(list.x + list.width + 1);
    }
    const cell = grid
      .getByRole('row')
      .filter({ hasText: 'Night Exterior' })
      .getByRole('gridcell')
      .last();
    await cell.scrollIntoViewIfNeeded();
    expect(await cell.textContent()).toBe('5');

    // A column grows from its edge, by keyboard here; the full file name shows on hover.
    const edge = page.getByRole('separator', { name: 'Resize Title column' });
    const before = Number(await edge.getAttribute('aria-valuenow'));
    await edge.focus();
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
    expect(Number(await edge.getAttribute('aria-valuenow'))).toBe(before + 48);
    expect(await grid.locator('.cell-file', { hasText: long }).getAttribute('title')).toBe(long);

    // Ctrl+S saves the asset being edited.
    await grid.getByRole('row').filter({ hasText: 'Night Exterior' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Night Exterior, take 2');
    await page.keyboard.press('Control+s');
    await page.getByRole('form', { name: 'Metadata' }).getByText('Saved.').waitFor();
    const id = ids['5_night-exterior.mp4']!;
    expect((await call(engine, 'assets.get', { id })).title).toBe('Night Exterior, take 2');

    // ? lists every shortcut (not while typing); Escape closes.
    await page.keyboard.press('?');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await grid.focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    for (const keys of ['Ctrl/Cmd+S', 'Ctrl/Cmd+Enter', 'Alt+← →', 'Delete'])
      expect(await dialog.getByText(keys, { exact: true }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // The Trash says what the Trash can do, not the Library's send hint.
    await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Trash' }).click();
    const side = page.getByRole('complementary', { name: 'Selected assets' });
    await side.getByText(/restore it to the library/).waitFor();
    expect(await side.getByText(/sends the selection/).count()).toBe(0);

    expect(problems).toEqual([]);
  }, 120_000);
});
