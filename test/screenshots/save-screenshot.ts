import path from 'node:path';
import type { Page } from 'playwright-core';

/** Where the README's pictures live; README.md links them as docs/screenshots/<name>.png. */
export const readmeScreenshotsDir = path.resolve('docs/screenshots');

/** The viewport (1280x800) as a PNG, with no pointer hover or caret in it. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const file = path.join(readmeScreenshotsDir, `${name}.png`);
  await page.mouse.move(0, 799); // no hover effect in the picture
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  return file;
}
