import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBrowser } from '../helpers/browser';
import { call } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { testWebHost } from '../helpers/web-host';
import { addAnalysed, setUpProfile, syncEngine, useSyncRig } from '../sync/pipeline/sync-kit';
import { libraryRow, openView } from '../helpers/app-page';

let rendererDir = '';
const rig = useSyncRig({ clips: 2, timeoutMs: 120_000 });

beforeAll(() => {
  rendererDir = ensureRendererBuild();
}, 120_000);

describe('the delivery gate in Chromium through the web host and a real engine', () => {
  it('shows no verdict for a broken file, stops a failing asset and sends it anyway once confirmed', async () => {
    const engine = syncEngine(rig, undefined, { host: 'web' });
    const profileId = await setUpProfile(engine, rig);
    await addAnalysed(engine, rig.clips);
    // A copy cut short, as a card pulled out mid-copy leaves it.
    const whole = fs.readFileSync(rig.clips[0]!);
    const cut = path.join(rig.dir, 'cut-short.mp4');
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    await call(engine, 'assets.addPaths', { paths: [cut] });
    await waitForJobsIdle(engine);
    // The profile asks for HD: the kit's 160x120 clips fail it.
    await call(engine, 'deliveryRules.save', {
      rules: { name: 'Festival HD', minWidth: 1920, minHeight: 1080 },
    });
    await call(engine, 'profiles.update', {
      id: profileId,
      patch: { deliveryRuleSetId: 'Festival HD' },
    });

    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);

    // The broken file: its error, never "Meets delivery rules".
    await libraryRow(page, 'Cut Short').click();
    const analysis = page.getByRole('region', { name: 'Analysis' });
    await analysis.locator('.analysis-failed').waitFor();
    await analysis.getByText('Not checked against the delivery rules').waitFor();
    expect(await analysis.getByText(/Meets delivery rules/).count()).toBe(0);

    // A good clip judged by the profile's rules.
    await libraryRow(page, 'Take A').click();
    await analysis.getByText('Does not meet delivery rules').waitFor();
    await analysis.getByText('Rule set: Festival HD').waitFor();

    // Sending all three: nothing goes; the two clips can be sent anyway, the broken one not.
    await page.keyboard.press('Control+a');
    await page.getByRole('button', { name: 'Send 3 to platform' }).click();
    await page.getByText('Nothing new to send. 3 assets not sent:').waitFor();
    const notSent = page.getByRole('list', { name: 'Not sent' });
    await notSent.getByText(/^"Take A" does not meet the delivery rules "Festival HD"/).waitFor();
    expect(await notSent.getByRole('button', { name: /anyway$/ }).count()).toBe(2);

    // Send anyway asks first; "Don't send" keeps it back.
    await notSent.getByRole('button', { name: 'Send “Take A” anyway' }).click();
    const dialog = page.getByRole('dialog', {
      name: 'Send an asset that fails the delivery rules?',
    });
    await dialog.getByRole('button', { name: 'Don’t send' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await call(engine, 'sync.status', {})).length).toBe(0);
    await notSent.getByRole('button', { name: 'Send “Take A” anyway' }).click();
    await dialog.getByRole('button', { name: 'Send anyway' }).click();
    await page.getByText('Queued 1 asset for upload to “Pipeline”. 1 delivery warning.').waitFor();
    await page
      .getByRole('list', { name: 'Sent with warnings' })
      .getByText(/"Take A" is sent anyway/)
      .waitFor();
    await waitForJobsIdle(engine);

    // Its history says who sent it anyway, and when.
    await libraryRow(page, 'Take A').click();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText(/Sent anyway although it fails "Festival HD"/).waitFor();
    expect(problems).toEqual([]);
  }, 120_000);

  it('manages rule sets in Settings and picks one by name in the profile', async () => {
    const engine = syncEngine(rig, undefined, { host: 'web' });
    const profileId = await setUpProfile(engine, rig, { signIn: false });
    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);
    await openView(page, 'Settings');
    const section = page.getByRole('region', { name: 'Delivery rule sets' });
    const sets = section.getByRole('list', { name: 'Rule sets' });
    await sets.getByText('Platform default').waitFor();

    // Create, with a value the form refuses before anything is sent.
    await section.getByRole('button', { name: 'New rule set' }).click();
    const form = section.getByRole('form', { name: 'New rule set' });
    await form.getByLabel('Name').fill('Festival HD');
    await form.getByLabel('Minimum width (pixels)').fill('wide');
    await form.getByRole('button', { name: 'Save rule set' }).click();
    await form.getByText('Enter a number, or leave it blank.').waitFor();
    expect(await form.getByLabel('Minimum width (pixels)').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await form.getByLabel('Minimum width (pixels)').fill('1920');
    await form.getByLabel('Minimum height (pixels)').fill('1080');
    await form.getByRole('button', { name: 'Save rule set' }).click();
    await section.getByText('Saved “Festival HD”.').waitFor();

    // Duplicate, then a rename onto an existing name is refused by the engine, by the field.
    await sets.getByRole('button', { name: 'Duplicate Festival HD' }).click();
    const copy = section.getByRole('form', { name: 'New rule set' });
    expect(await copy.getByLabel('Name').inputValue()).toBe('Festival HD copy');
    expect(await copy.getByLabel('Minimum width (pixels)').inputValue()).toBe('1920');
    await copy.getByRole('button', { name: 'Save rule set' }).click();
    await sets.getByText('Festival HD copy').waitFor();
    await sets.getByRole('button', { name: 'Edit Festival HD copy' }).click();
    const edit = section.getByRole('form', { name: 'Edit Festival HD copy' });
    await edit.getByLabel('Name').fill('Festival HD');
    await edit.getByRole('button', { name: 'Save rule set' }).click();
    await edit
      .locator('#rule-set-name-error')
      .getByText(/exists already/)
      .waitFor();
    await edit.getByRole('button', { name: 'Cancel' }).click();

    // The profile picks it by name.
    await openView(page, 'Account');
    await page.getByRole('button', { name: 'Edit Pipeline' }).click();
    await page.getByLabel('Delivery rule set').selectOption('Festival HD');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect
      .poll(async () => (await call(engine, 'profiles.get', { id: profileId })).deliveryRuleSetId)
      .toBe('Festival HD');

    // In use, it cannot be deleted; the unused copy can.
    await openView(page, 'Settings');
    await sets.getByRole('button', { name: 'Delete Festival HD', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await section
      .getByRole('alert')
      .getByText(/"Festival HD" is the delivery rule set of "Pipeline"/)
      .waitFor();
    await sets.getByRole('button', { name: 'Delete Festival HD copy' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await section.getByText('Deleted “Festival HD copy”.').waitFor();
    expect(await sets.getByText('Festival HD copy').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
