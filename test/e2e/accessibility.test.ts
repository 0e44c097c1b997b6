import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe';
import { openBrowser } from '../helpers/browser';
import { call } from '../helpers/engine';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { testWebHost } from '../helpers/web-host';
import {
  addAnalysed,
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

/** What has keyboard focus and whether the eye can see it (outline, or a ring drawn by shadow). */
const focusShown = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
    style.boxShadow !== 'none' || el.classList.contains('column-resizer');
  const name = el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 40) || el.tagName;
  return { visible, what: el.tagName.toLowerCase() + ' "' + name + '"' };
})()`;

/** Tabs through `presses` stops and lists the ones whose focus cannot be seen. */
async function unseenFocus(page: Page, presses: number): Promise<string[]> {
  const unseen: string[] = [];
  for (let at = 0; at < presses; at += 1) {
    await page.keyboard.press('Tab');
    const focus = (await page.evaluate(focusShown)) as { visible: boolean; what: string } | null;
    if (focus && !focus.visible) unseen.push(focus.what);
  }
  return unseen;
}

describe('accessibility of every view and dialog (axe-core in Chromium, light and dark)', () => {
  it.each(['light', 'dark'] as const)(
    'has no serious or critical violation and shows focus, %s',
    async (colorScheme) => {
      const engine = syncEngine(rig, undefined, { host: 'web' });
      await setUpProfile(engine, rig);
      const assets = await addAnalysed(engine, rig.clips);
      await syncAndWait(engine, [assets[0]!.id]);
      // One synced asset edited since, so the detail shows what an edit means for the platform.
      await call(engine, 'assets.update', {
        id: assets[0]!.id,
        patch: { title: 'Take A, graded' },
      });
      const host = await testWebHost({ engine, rendererDir });
      const { page, problems } = await openBrowser();
      const found: string[] = [];
      const scan = async (where: string) => found.push(...(await seriousViolations(page, where)));

      await page.emulateMedia({ colorScheme });
      await page.goto(host.url);
      // The theme follows the system: the page's colours are the emulated scheme's.
      await expect
        .poll(() => page.evaluate(`getComputedStyle(document.body).backgroundColor`), {
          timeout: 15_000,
        })
        .toBe(colorScheme === 'dark' ? 'rgb(21, 23, 26)' : 'rgb(246, 247, 249)');
      const at = (view: string) => `${colorScheme} ${view}`;

      await libraryRow(page, 'Take B').waitFor();
      await scan(at('library list'));
      expect(await unseenFocus(page, 25)).toEqual([]);
      await libraryRow(page, 'Take A, graded').click();
      await page.getByRole('note', { name: 'Your edit and the platform' }).waitFor();
      await scan(at('library detail'));
      await page
        .getByRole('group', { name: 'Layout' })
        .getByRole('button', { name: 'Grid' })
        .click();
      await page.locator('.asset-card').first().waitFor();
      await scan(at('library grid'));
      await page
        .getByRole('group', { name: 'Layout' })
        .getByRole('button', { name: 'List' })
        .click();

      await page.getByRole('button', { name: 'Add files or folders…' }).click();
      await page.getByRole('dialog').waitFor();
      await scan(at('add files dialog'));
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await page.locator('body').press('?');
      await page.getByRole('dialog').waitFor();
      await scan(at('shortcut overlay'));
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await libraryRow(page, 'Take B').click();
      await page.getByRole('button', { name: 'Move to trash' }).click();
      await page
        .getByRole('group', { name: 'Show' })
        .getByRole('button', { name: 'Trash' })
        .click();
      await page.getByRole('button', { name: 'Empty trash…' }).click();
      await page.getByRole('dialog').waitFor();
      await scan(at('confirm dialog'));
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await libraryRow(page, 'Take B').click();
      await page.getByRole('button', { name: 'Restore' }).click();
      await page
        .getByRole('group', { name: 'Show' })
        .getByRole('button', { name: 'All assets' })
        .click();

      await openView(page, 'Upload queue');
      await page.getByRole('heading', { name: 'Upload queue', level: 1 }).waitFor();
      await scan(at('upload queue'));
      await openView(page, 'Analysis');
      await page.getByRole('heading', { name: 'Analysis', level: 1 }).waitFor();
      await scan(at('analysis'));
      await openView(page, 'Account');
      await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
      await scan(at('account'));
      await openView(page, 'Settings');
      const rules = page.getByRole('region', { name: 'Delivery rule sets' });
      await rules.getByText('Platform default').waitFor();
      await scan(at('settings'));
      expect(await unseenFocus(page, 30)).toEqual([]);
      await rules.getByRole('button', { name: 'New rule set' }).click();
      await rules.getByRole('form', { name: 'New rule set' }).waitFor();
      await scan(at('rule set editor'));
      await rules.getByRole('button', { name: 'Cancel' }).click();
      expect(found).toEqual([]);
      expect(problems).toEqual([]);
    },
    420_000,
  );
});
