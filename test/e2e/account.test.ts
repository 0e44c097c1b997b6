import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { maskSecret } from '../../src/shared/mask-secret';
import { openBrowser } from '../helpers/browser';
import { call, testEngine } from '../helpers/engine';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { tempDir } from '../helpers/temp-dir';
import { testWebHost } from '../helpers/web-host';
import { cleanEnv, dataDirFiles, testKeychain } from '../profiles/profile-kit';
import { keychainRequired } from '../secrets/keychain-gate';
import { startPlatformStandIn, type PlatformStandIn } from '../../src/stand-ins/platform';
import { startS3Server, type S3TestServer } from '../rig/s3-server';

const keychain = await testKeychain();
const screenshots = path.resolve('test-results');
const EDITOR = { email: 'mina@example.com', password: 'correct horse battery staple' };
const INTERNAL_TOKEN = 'itk-e2e-live-7c0ffee15bad5eed';
const WRONG_TOKEN = 'itk-e2e-wrong-0badc0de0badc0de';
const KEY_ID = 'AKIADAILIESE2ETEST01';
const KEY_SECRET = 'e2eSecretKey/K7MDENG/bPxRfiCYDAILIESKEY';
const PROD_KEY_ID = 'AKIADAILIESE2EPROD02';
const PROD_KEY_SECRET = 'e2eProdSecret/Zq9MDENG/xRfiCYDAILIESKEY';
/** Everything an editor types that must never be shown or kept anywhere but the keychain. */
const SECRET_VALUES = [
  INTERNAL_TOKEN,
  WRONG_TOKEN,
  KEY_ID,
  KEY_SECRET,
  PROD_KEY_ID,
  PROD_KEY_SECRET,
  EDITOR.password,
];

let rendererDir = '';
let platform: PlatformStandIn;
let s3: S3TestServer;

/** With CI=true an unusable keychain fails the journey instead of skipping it. */
const skipped = !keychain.probe.usable && !keychainRequired;
afterAll(async () => {
  await keychain.clean();
  await platform?.close();
  await s3?.stop();
});
afterEach(() => keychain.clean());

/** What the page holds: its markup, its text, the value of every field and its web storage. */
async function pageText(page: Page): Promise<string> {
  const values = (await page.evaluate(
    `[...document.querySelectorAll('input, textarea')].map((field) => field.value)`,
  )) as string[];
  const storage = (await page.evaluate(
    `JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])`,
  )) as string;
  return [await page.content(), await page.innerText('body'), storage, ...values].join('\n');
}

async function expectNoSecretsOn(page: Page) {
  const text = await pageText(page);
  for (const value of SECRET_VALUES) expect(text).not.toContain(value);
}

/** Types a secret into its row, stores it, and checks the row shows only "set" and a tail. */
async function storeSecret(page: Page, label: string, value: string) {
  const row = page.getByRole('form', { name: label, exact: true });
  const input = row.getByLabel(label, { exact: true });
  await input.fill(value);
  await row.getByRole('button', { name: 'Store in keychain' }).click();
  await row.getByText(`Set ${maskSecret(value)} (from ${keychain.store.description})`).waitFor();
  expect(await input.inputValue()).toBe('');
  // The notice names the secret mid-sentence: "Stored the internal token in the keychain."
  const named = label.charAt(0).toLowerCase() + label.slice(1);
  await page.getByRole('status').getByText(`Stored the ${named} in the keychain.`).waitFor();
}

/** The whole view: the viewport grows to the scrolling main area's height for the shot. */
async function screenshot(page: Page, name: string) {
  const height = (await page.evaluate(`document.getElementById('main').scrollHeight`)) as number;
  await page.setViewportSize({ width: 1280, height: Math.max(800, height + 40) });
  await page.screenshot({ path: path.join(screenshots, name) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function fillProfile(page: Page, fields: Record<string, string>) {
  const form = page.getByRole('form', { name: 'Profile' });
  for (const [label, value] of Object.entries(fields)) {
    await form.getByLabel(label, { exact: true }).fill(value);
  }
  return form;
}

/** The list of checks of the last "Test connection", once it shows. */
async function connectionChecks(page: Page): Promise<Locator> {
  const checks = page.getByRole('list', { name: 'Connection checks' });
  await checks.waitFor();
  return checks;
}

describe.skipIf(skipped)('the Account view in Chromium (needs a usable OS keychain)', () => {
  beforeAll(async () => {
    rendererDir = ensureRendererBuild();
    fs.mkdirSync(screenshots, { recursive: true });
    platform = await startPlatformStandIn({
      internalToken: INTERNAL_TOKEN,
      users: [{ ...EDITOR, name: 'Mina Park' }],
      tokenLifetimeSeconds: 3600,
    });
    s3 = await startS3Server({ bucket: 'dailies-origin' });
  }, 120_000);

  it('creates two profiles, stores keys, tests both, switches, signs in and out, and removes one', async () => {
    const dataDir = tempDir('dailies-account-e2e-');
    const engine = testEngine({ dataDir, host: 'web', secrets: keychain.store, env: cleanEnv() });
    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Account' })
      .click();
    await page.getByText('No upload profile').waitFor();

    // The first profile: the stand-in platform and the local S3 server.
    await page.getByRole('button', { name: 'New profile' }).click();
    let form = await fillProfile(page, {
      Name: 'Staging',
      'Platform API base URL': platform.baseUrl,
      Bucket: s3.bucket,
      Region: s3.region,
      'S3 endpoint': s3.endpoint,
      'Key prefix': 'staging',
    });
    await form.getByLabel(/Path-style addressing/).check();
    await screenshot(page, 'account-new-profile.png');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').getByText('Saved "Staging".').waitFor();
    const profiles = page.getByRole('region', { name: 'Profiles' });
    await profiles
      .getByRole('listitem')
      .filter({ hasText: 'Staging' })
      .getByText('Active')
      .waitFor();

    // The second profile names a plain-http address on the network: refused beside the field.
    await profiles.getByRole('button', { name: 'New profile' }).click();
    form = await fillProfile(page, {
      Name: 'Production',
      'Platform API base URL': 'http://api.example.com/api',
      Bucket: s3.bucket,
      Region: s3.region,
      'S3 endpoint': s3.endpoint,
      'Key prefix': 'production',
    });
    await form.getByLabel(/Path-style addressing/).check();
    await form.getByRole('button', { name: 'Save profile' }).click();
    const urlError = page.locator('#profile-apiBaseUrl-error');
    await urlError.waitFor();
    expect(await urlError.textContent()).toMatch(
      /will not send the internal token or your sign-in over plain http to api\.example\.com/,
    );
    const urlField = form.getByLabel('Platform API base URL', { exact: true });
    expect(await urlField.getAttribute('aria-invalid')).toBe('true');
    expect(await urlField.getAttribute('aria-describedby')).toContain('profile-apiBaseUrl-error');
    // The form is long: focus goes to the field to fix.
    expect(await page.evaluate('document.activeElement.id')).toBe('profile-apiBaseUrl');
    await page
      .getByRole('alert')
      .getByText('Some values are not valid. Correct the marked fields and save again.')
      .waitFor();
    await screenshot(page, 'account-field-error.png');
    expect(await call(engine, 'profiles.list', {})).toHaveLength(1);
    await urlField.fill(platform.baseUrl);
    await form.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').getByText('Saved "Production".').waitFor();
    const production = profiles.getByRole('listitem').filter({ hasText: 'Production' });
    await production.getByRole('button', { name: 'Use this profile' }).waitFor();

    // Staging (active, so shown first): its keys go to the keychain, never into the page.
    const [staging, prod] = await call(engine, 'profiles.list', {});
    expect([staging!.name, prod!.name]).toEqual(['Staging', 'Production']);
    await storeSecret(page, 'Internal token', INTERNAL_TOKEN);
    await storeSecret(page, 'S3 access key id', KEY_ID);
    await storeSecret(page, 'S3 secret access key', KEY_SECRET);
    await expectNoSecretsOn(page);

    await page.getByRole('button', { name: 'Test connection' }).click();
    let checks = await connectionChecks(page);
    const results = async () =>
      (await checks
        .getByRole('listitem')
        .evaluateAll((items) =>
          items.map((item) => [
            (item as unknown as { dataset: { result: string } }).dataset.result,
            item.textContent,
          ]),
        )) as [string, string][];
    let lines = await results();
    expect(lines.map(([result]) => result)).toEqual([
      'pass',
      'pass',
      'warn',
      'pass',
      'pass',
      'pass',
    ]);
    expect(lines.find(([, text]) => /writable/i.test(text))?.[1]).toContain('"staging/"');
    await screenshot(page, 'account-staging-tested.png');

    // Production: a wrong internal token is named as the failing check, with its reason.
    // A value half-typed on Staging must not follow the editor to another profile.
    const tokenField = page
      .getByRole('form', { name: 'Internal token', exact: true })
      .getByLabel('Internal token', { exact: true });
    await tokenField.fill('half-typed-for-staging');
    await profiles.getByRole('button', { name: 'Production', exact: true }).click();
    await page.getByRole('button', { name: 'Edit Production' }).waitFor();
    await page.getByRole('region', { name: 'Secrets of Production' }).waitFor();
    expect(
      await profiles
        .getByRole('button', { name: 'Production', exact: true })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    // Switching profiles shows that profile's secrets, and no connection result from Staging.
    await page.getByRole('form', { name: 'Internal token' }).getByText('Not set').waitFor();
    expect(await tokenField.inputValue()).toBe('');
    expect(await page.getByRole('list', { name: 'Connection checks' }).count()).toBe(0);
    await storeSecret(page, 'Internal token', WRONG_TOKEN);
    await storeSecret(page, 'S3 access key id', PROD_KEY_ID);
    await storeSecret(page, 'S3 secret access key', PROD_KEY_SECRET);
    await page.getByRole('button', { name: 'Test connection' }).click();
    checks = await connectionChecks(page);
    lines = await results();
    const tokenLine = lines.find(([, text]) => /internal token/i.test(text));
    expect(tokenLine?.[0]).toBe('fail');
    expect(tokenLine?.[1]).toMatch(/Failed.*refused by the platform/);
    expect(lines.filter(([result]) => result === 'fail')).toHaveLength(1);
    await screenshot(page, 'account-production-tested.png');
    await expectNoSecretsOn(page);

    // Switch the active profile.
    await production.getByRole('button', { name: 'Use this profile' }).click();
    await production.getByText('Active').waitFor();
    await profiles
      .getByRole('listitem')
      .filter({ hasText: 'Staging' })
      .getByRole('button', { name: 'Use this profile' })
      .waitFor();
    expect((await call(engine, 'profiles.list', {})).find((p) => p.active)?.name).toBe(
      'Production',
    );

    // Sign in on Production as a stand-in user: who, and until when.
    const signIn = page.getByRole('region', { name: 'Platform sign-in for Production' });
    await signIn.getByText('Not signed in.').waitFor();
    await signIn.getByLabel('Email').fill(EDITOR.email);
    await signIn.getByLabel('Password').fill(EDITOR.password);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    const status = signIn.getByTestId('sign-in-status');
    await status.getByText(/Signed in as Mina Park/).waitFor();
    const account = await call(engine, 'account.status', { profileId: prod!.id });
    if (account.state !== 'signed-in') throw new Error(`expected signed in, got ${account.state}`);
    // In the app's one date format, as the page's locale writes it.
    const until = (await page.evaluate(
      `new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(${JSON.stringify(account.expiresAt)}))`,
    )) as string;
    expect(await status.textContent()).toBe(
      `Signed in as Mina Park (${EDITOR.email}) until ${until}`,
    );
    await screenshot(page, 'account-signed-in.png');
    await expectNoSecretsOn(page);

    // Every secret is in the keychain, under its profile; none is in the data dir.
    const accounts = await keychain.store.list();
    expect(accounts).toEqual(
      [
        ...['internal-token', 's3-access-key-id', 's3-secret-access-key'].map(
          (kind) => `profile/${staging!.id}/${kind}`,
        ),
        ...[
          'internal-token',
          'platform-access-token',
          's3-access-key-id',
          's3-secret-access-key',
        ].map((kind) => `profile/${prod!.id}/${kind}`),
      ].sort(),
    );
    expect(await keychain.store.get(`profile/${staging!.id}/internal-token`)).toBe(INTERNAL_TOKEN);
    expect(await keychain.store.get(`profile/${prod!.id}/s3-secret-access-key`)).toBe(
      PROD_KEY_SECRET,
    );
    const accessToken = await keychain.store.get(`profile/${prod!.id}/platform-access-token`);
    expect(accessToken).toBeTruthy();
    for (const { file, bytes } of dataDirFiles(dataDir)) {
      for (const value of [...SECRET_VALUES, accessToken!]) {
        expect(bytes.includes(value), `${value} in ${file}`).toBe(false);
      }
    }
    expect(await pageText(page)).not.toContain(accessToken);

    // Sign out: said so, and the token is gone from the keychain.
    await signIn.getByRole('button', { name: 'Sign out' }).click();
    await page
      .getByRole('status')
      .getByText('Signed out; the sign-in token was deleted from the keychain.')
      .waitFor();
    await status.getByText('Not signed in.').waitFor();
    expect(await keychain.store.get(`profile/${prod!.id}/platform-access-token`)).toBeNull();

    // Remove Production: it says which secrets left the keychain; Staging keeps its own.
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('Remove "Production"');
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Remove Production' }).click();
    await page
      .getByRole('status')
      .getByText(
        'Removed "Production" and deleted from the keychain: internal token, S3 access key id, S3 secret access key.',
      )
      .waitFor();
    await expect.poll(() => profiles.getByRole('listitem').count()).toBe(1);
    expect(await keychain.store.list()).toEqual(
      ['internal-token', 's3-access-key-id', 's3-secret-access-key']
        .map((kind) => `profile/${staging!.id}/${kind}`)
        .sort(),
    );
    await screenshot(page, 'account-removed.png');
    await expectNoSecretsOn(page);
    expect(problems).toEqual([]);
  }, 90_000);
});
