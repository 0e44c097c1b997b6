import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SecretRedactor } from '../../src/engine/logging/redactor';
import { SessionSecretStore } from '../../src/engine/secrets/session-secret-store';
import { maskSecret } from '../../src/shared/mask-secret';
import { openBrowser } from '../helpers/browser';
import { call, testEngine } from '../helpers/engine';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { tempDir } from '../helpers/temp-dir';
import { testWebHost } from '../helpers/web-host';
import { cleanEnv, dataDirFiles } from '../profiles/profile-kit';
import { testServiceName } from '../secrets/keychain-gate';

const ENV_TOKEN = 'itk-from-the-environment-9f3e';
const SESSION_TOKEN = 'itk-session-only-e2e-41c7';
const SESSION_KEY_ID = 'AKIASESSIONE2ETEST01';
const DEMO = "this demo's memory (forgotten when it stops)";
/** What the sign-in line must say instead of "Checking…" when the keychain cannot be asked. */
const SIGN_IN_POINTER =
  'Cannot check the sign-in: the keychain that keeps it is unavailable (the reason is under Secrets below).';

const screenshots = path.resolve('test-results');
let rendererDir = '';
beforeAll(() => {
  rendererDir = ensureRendererBuild();
  fs.mkdirSync(screenshots, { recursive: true });
}, 180_000);

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

async function openAccount(url: string) {
  const browser = await openBrowser();
  await browser.page.goto(url);
  await browser.page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Account' })
    .click();
  return browser;
}

/** The whole view, for a person to look at: the main area scrolls, so the shot grows to it. */
async function screenshot(page: Page, name: string) {
  const height = (await page.evaluate(`document.getElementById('main').scrollHeight`)) as number;
  await page.setViewportSize({ width: 1280, height: Math.max(800, height + 40) });
  await page.screenshot({ path: path.join(screenshots, name) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** How many times the text occurs in what the page shows. */
async function shownTimes(page: Page, text: string): Promise<number> {
  return (await page.innerText('body')).split(text).length - 1;
}

// macOS and Windows keychains do not hang off a bus that a test can take away.
const notLinux = process.platform !== 'linux';
describe.skipIf(notLinux)('the Account view without a Secret Service (Linux only)', () => {
  /** The web host and engine in a child process that has no session bus: see the fixture. */
  async function hostWithoutKeychain(): Promise<{ url: string; reason: string }> {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'fixtures', 'web-host-without-keychain.ts'),
        tempDir('dailies-no-keychain-'),
        rendererDir,
        testServiceName(),
      ],
      {
        env: {
          ...process.env,
          DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(tempDir(), 'no-bus-here')}`,
          DAILIES_INTERNAL_TOKEN: ENV_TOKEN,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    const exited = new Promise<never>((_resolve, reject) =>
      child.once('exit', (code) => reject(new Error(`the host exited early (${code})`))),
    );
    const lines = readline.createInterface({ input: child.stdout! });
    const first = new Promise<string>((resolve) => lines.once('line', resolve));
    return JSON.parse(await Promise.race([first, exited])) as { url: string; reason: string };
  }

  it('says why once, switches storing off, keeps environment secrets and never stays on "Checking…"', async () => {
    const { url, reason } = await hostWithoutKeychain();
    // The engine's own text, with the way out: what to start, and the headless variables.
    expect(reason).toMatch(/gnome-keyring or KWallet/);
    expect(reason).toMatch(/DAILIES_INTERNAL_TOKEN/);
    expect(reason).toMatch(/AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY or AWS_PROFILE/);
    const { page, problems } = await openAccount(url);

    const secrets = page.getByRole('region', { name: 'Secrets of Staging' });
    await secrets.getByRole('alert').getByText(reason, { exact: true }).waitFor();
    expect(await shownTimes(page, reason)).toBe(1);
    expect(await shownTimes(page, 'gnome-keyring or KWallet')).toBe(1);

    // Nothing typed could be kept: every field and store button is off.
    const storeButtons = secrets.getByRole('button', { name: 'Store in keychain' });
    expect(await storeButtons.count()).toBe(3);
    for (const button of await storeButtons.all()) expect(await button.isDisabled()).toBe(true);
    for (const label of ['Internal token', 'S3 access key id', 'S3 secret access key']) {
      const row = secrets.getByRole('form', { name: label, exact: true });
      expect(await row.getByLabel(label, { exact: true }).isDisabled()).toBe(true);
    }
    // A secret the host takes from its environment is still in use, and said so.
    expect(await page.getByTestId('secret-internal-token-status').textContent()).toBe(
      `Set ${maskSecret(ENV_TOKEN)} (from DAILIES_INTERNAL_TOKEN)`,
    );
    for (const kind of ['s3-access-key-id', 's3-secret-access-key']) {
      expect(await page.getByTestId(`secret-${kind}-status`).textContent()).toBe(
        'Cannot be read: the keychain is unavailable',
      );
    }

    // The sign-in check fails (its token lives in the keychain): the line says so, in bounds.
    const signIn = page.getByRole('region', { name: 'Platform sign-in for Staging' });
    const status = signIn.getByTestId('sign-in-status');
    await status.getByText(SIGN_IN_POINTER, { exact: true }).waitFor({ timeout: 10_000 });
    expect(await signIn.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true);

    // Asking again gets the same answer, and still says the reason only once.
    await signIn.getByRole('button', { name: 'Try again' }).click();
    await status.getByText(SIGN_IN_POINTER, { exact: true }).waitFor({ timeout: 10_000 });
    await secrets.getByRole('button', { name: 'Check the keychain again' }).click();
    await status.getByText(SIGN_IN_POINTER, { exact: true }).waitFor({ timeout: 10_000 });
    await secrets.getByRole('alert').getByText(reason, { exact: true }).waitFor();
    expect(await shownTimes(page, reason)).toBe(1);
    expect(await page.getByText('Checking…').count()).toBe(0);
    await screenshot(page, 'account-keychain-unavailable.png');
    expect(problems).toEqual([]);
  }, 60_000);
});

describe('the Account view with a session secret store', () => {
  it('says the secrets live in this run only, stores and deletes there, and writes nothing', async () => {
    const dataDir = tempDir('dailies-session-e2e-');
    const redactor = new SecretRedactor();
    const engine = testEngine({
      dataDir,
      host: 'web',
      redactor,
      secrets: new SessionSecretStore({ redactor, description: DEMO }),
      env: cleanEnv(),
    });
    await call(engine, 'profiles.create', {
      name: 'Demo',
      apiBaseUrl: 'http://127.0.0.1:9/api',
      bucket: 'dailies-origin',
      region: 'us-east-1',
      s3Endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
    });
    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openAccount(host.url);
    const secrets = page.getByRole('region', { name: 'Secrets of Demo' });
    await page.getByTestId('sign-in-status').getByText('Not signed in.').waitFor();

    // Until a secret is held, the statuses cannot tell the session store from the keychain,
    // so the first store button is found by what it does, not by its words.
    const token = secrets.getByRole('form', { name: 'Internal token', exact: true });
    await token.getByLabel('Internal token', { exact: true }).fill(SESSION_TOKEN);
    await token.getByRole('button', { name: /^Store/ }).click();
    await token.getByText(`Set ${maskSecret(SESSION_TOKEN)} (from ${DEMO})`).waitFor();
    await page.getByRole('status').getByText(`Stored the internal token in ${DEMO}.`).waitFor();

    // From then on the panel says plainly where the secrets live, and stores there.
    expect(await secrets.locator('.section-lede').textContent()).toBe(
      `Held only in ${DEMO}: nothing is written to disk or to the system keychain. ` +
        'Dailies shows at most the last four characters.',
    );
    expect(await secrets.getByRole('button', { name: 'Store for this session' }).count()).toBe(3);
    expect(await secrets.getByRole('button', { name: 'Store in keychain' }).count()).toBe(0);
    const keyId = secrets.getByRole('form', { name: 'S3 access key id', exact: true });
    await keyId.getByLabel('S3 access key id', { exact: true }).fill(SESSION_KEY_ID);
    await keyId.getByRole('button', { name: 'Store for this session' }).click();
    await keyId.getByText(`Set ${maskSecret(SESSION_KEY_ID)} (from ${DEMO})`).waitFor();

    // Delete, as for the keychain.
    await token.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('status').getByText(`Deleted the internal token from ${DEMO}.`).waitFor();
    await token.getByText('Not set', { exact: true }).waitFor();
    // The key id is still held, so the panel keeps saying where.
    expect(await token.getByRole('button', { name: 'Store for this session' }).count()).toBe(1);
    await screenshot(page, 'account-session-store.png');

    const pageHtml = await page.content();
    for (const value of [SESSION_TOKEN, SESSION_KEY_ID]) {
      expect(pageHtml).not.toContain(value);
      for (const { file, bytes } of dataDirFiles(dataDir)) {
        expect(bytes.includes(value), `${value} in ${file}`).toBe(false);
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
