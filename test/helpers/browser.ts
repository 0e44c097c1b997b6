import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { chromiumPath } from './chromium-path';
import { tempDir } from './temp-dir';

export { chromiumPath };

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught page errors and CSP violations, in order. */
  problems: string[];
}

const live: BrowserContext[] = [];

/**
 * A fresh headless Chromium (own profile dir) with one page that records every console
 * error, page error and Content-Security-Policy violation, so a test can fail on any.
 */
export async function openBrowser(): Promise<TestBrowser> {
  const context = await chromium.launchPersistentContext(tempDir('dailies-chromium-'), {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
  });
  live.push(context);
  const problems: string[] = [];
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
    problems.push(`CSP violation: ${text}`);
  });
  // Init scripts run through the DevTools protocol, outside the page's CSP. They are strings
  // because this file is type-checked for Node, without the DOM library.
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportCspViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline'));
    });`,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

afterEach(async () => {
  for (const context of live.splice(0)) await context.close();
});
