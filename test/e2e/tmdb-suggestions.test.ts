import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTmdbStandIn, type TmdbStandIn } from '../../src/stand-ins/tmdb';
import { openBrowser } from '../helpers/browser';
import { ingestFiles } from '../helpers/catalog';
import { call, testEngine } from '../helpers/engine';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { testWebHost } from '../helpers/web-host';

const screenshots = path.resolve('test-results');
let rendererDir = '';
let tmdb: TmdbStandIn;

beforeAll(async () => {
  rendererDir = ensureRendererBuild();
  fs.mkdirSync(screenshots, { recursive: true });
  // A v4 read access token is a JWT (three dot-separated parts); it goes as a Bearer header.
  tmdb = await startTmdbStandIn({ readToken: 'eyJhbGciOiJIUzI1NiJ9.e2e-journey.c2lnbmF0dXJl' });
}, 120_000);
afterAll(() => tmdb?.close());

/** An engine that asks the stand-in instead of TMDB, with the token from the environment. */
function engineWithTmdb(token: string | null) {
  return testEngine({
    host: 'web',
    headless: true,
    env: {
      DAILIES_TMDB_BASE_URL: tmdb.baseUrl,
      DAILIES_TMDB_IMAGE_BASE_URL: tmdb.imageBaseUrl,
      ...(token ? { DAILIES_TMDB_TOKEN: token } : {}),
    },
  });
}

const row = (page: Page, title: string) =>
  page.getByRole('grid').getByRole('row').filter({ hasText: title });
const suggestions = (page: Page) => page.getByRole('region', { name: 'Suggestions (TMDB)' });
const compareRow = (page: Page, field: string) =>
  suggestions(page).locator(`tr[data-field="${field}"]`);

async function openView(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name, exact: true })
    .click();
}

describe('TMDB suggestions in Chromium through the web host, a real engine and the TMDB stand-in', () => {
  it('searches, picks, accepts two of three fields, refuses a field changed meanwhile, and undoes', async () => {
    const engine = engineWithTmdb(tmdb.readToken);
    const ids = await ingestFiles(engine, ['parasite.mp4', 'oldboy.mp4']);
    const parasiteId = ids['parasite.mp4']!;
    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);

    // The Account view says the token is set and where from, never its value.
    await openView(page, 'Account');
    const token = page.getByRole('form', { name: 'TMDB token' });
    await token.getByText(/^Set .* \(from DAILIES_TMDB_TOKEN\)$/).waitFor();
    expect(await page.content()).not.toContain(tmdb.readToken);

    // Search by the asset's title (from the file name): two movies called Parasite.
    await openView(page, 'Library');
    await row(page, 'Parasite').click();
    const section = suggestions(page);
    expect(await section.getByLabel('Title to search for').inputValue()).toBe('Parasite');
    await section.getByRole('button', { name: 'Search TMDB' }).click();
    const candidates = section.getByRole('radio');
    await expect.poll(() => candidates.count()).toBe(2);
    expect(await section.getByText('Fetched from TMDB just now.').count()).toBe(1);
    // Nothing is applied before a click, preselected or not.
    const before = await call(engine, 'assets.get', { id: parasiteId });
    expect(before.title).toBe('Parasite');

    // Pick the 2019 film: its Korean title, overview and the KR rating 15 → 15+ beside ours.
    await section.getByRole('radio', { name: /기생충 \(2019\)/ }).check();
    await compareRow(page, 'title').getByText('기생충').waitFor();
    await compareRow(page, 'ageRating').getByText('15+').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'tmdb-suggestions.png') });

    // Accept two of three: the title and the age rating; the overview stays as it was.
    await section.getByRole('button', { name: 'Accept title' }).click();
    await section.getByText('Accepted the title from TMDB.').waitFor();
    await section.getByRole('button', { name: 'Accept age rating' }).click();
    await section.getByText('Accepted the age rating from TMDB.').waitFor();
    let asset = await call(engine, 'assets.get', { id: parasiteId });
    expect(asset.title).toBe('기생충');
    expect(asset.ageRating).toBe('15+');
    expect(asset.description).toBe(before.description);
    // Ordinary edits: in the history like a typed one, and the form shows the new values.
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText(/Title: Parasite → 기생충/).waitFor();
    await history.getByText(/Age rating: ALL → 15\+/).waitFor();
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('기생충');

    // Undo beside the outcome takes back the last accept (the age rating) only.
    await section.getByRole('button', { name: 'Undo', exact: true }).click();
    await section.getByText('Undid the accepted suggestions.').waitFor();
    asset = await call(engine, 'assets.get', { id: parasiteId });
    expect(asset.ageRating).toBe('ALL');
    expect(asset.title).toBe('기생충');
    await history
      .locator('li.is-undone')
      .getByText(/Age rating: ALL → 15\+/)
      .waitFor();
    await compareRow(page, 'ageRating')
      .getByRole('button', { name: 'Accept age rating' })
      .waitFor();

    // Someone changes the description meanwhile: accepting TMDB's is refused, not written.
    await call(engine, 'assets.update', { id: parasiteId, patch: { description: 'From the CLI' } });
    await section.getByRole('button', { name: 'Accept description' }).click();
    await section.getByText(/Not accepted: overview/).waitFor();
    expect((await call(engine, 'assets.get', { id: parasiteId })).description).toBe('From the CLI');
    expect(problems).toEqual([]);
  });

  it('looks up a selection in the background, lists the jobs, and reviews one asset after another', async () => {
    const engine = engineWithTmdb(tmdb.readToken);
    const ids = await ingestFiles(engine, ['parasite.mp4', 'oldboy.mp4', 'nothing-like-it.mp4']);
    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);
    await row(page, 'Parasite').click();
    await row(page, 'Oldboy').click({ modifiers: ['Control'] });
    await row(page, 'Nothing Like It').click({ modifiers: ['Control'] });
    await page.getByRole('heading', { name: '3 assets selected' }).waitFor();
    await page.getByRole('button', { name: 'Suggest for selection' }).click();
    await page.getByText(/Looking up 3 assets on TMDB in the background/).waitFor();
    const review = page.getByRole('button', { name: /^Review suggestions/ });
    await expect
      .poll(() => review.textContent(), { timeout: 30_000 })
      .toBe('Review suggestions (2)');
    await page.getByText(/Looked up 3 of 3 assets: 2 with candidates, 1 without a match/).waitFor();

    // The lookups are jobs like any other, in the Analysis view.
    await openView(page, 'Analysis');
    const jobs = page.getByRole('region', { name: 'TMDB lookups' });
    await expect.poll(() => jobs.locator('.job-row.job-done').count()).toBe(3);
    await openView(page, 'Library');

    // Review: one asset after another, each with its candidates; nothing applied meanwhile.
    await page.getByRole('button', { name: 'Review suggestions (2)' }).click();
    const nav = page.getByRole('navigation', { name: 'Assets to review' });
    await nav.getByText('Asset 1 of 2').waitFor();
    await expect.poll(() => suggestions(page).getByRole('radio').count()).toBe(2);
    await nav.getByRole('button', { name: 'Next' }).click();
    await nav.getByText('Asset 2 of 2').waitFor();
    await page
      .getByRole('region', { name: 'Review TMDB suggestions' })
      .getByText('oldboy.mp4')
      .waitFor();
    await expect.poll(() => suggestions(page).getByRole('radio').count()).toBe(1);
    await page.screenshot({ path: path.join(screenshots, 'tmdb-review.png') });
    await suggestions(page).getByRole('radio').check();
    await compareRow(page, 'ageRating').getByText('18+').waitFor();
    await suggestions(page).getByRole('button', { name: 'Accept all' }).click();
    await suggestions(page)
      .getByText(/^Accepted the title, description|^Accepted the title/)
      .waitFor();
    expect((await call(engine, 'assets.get', { id: ids['parasite.mp4']! })).title).toBe('Parasite');
    expect((await call(engine, 'assets.get', { id: ids['oldboy.mp4']! })).ageRating).toBe('18+');
    await nav.getByRole('button', { name: 'Done reviewing' }).click();
    await page.getByRole('heading', { name: '3 assets selected' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('says what to do when no token is set, and when TMDB refuses it', async () => {
    const engine = engineWithTmdb(null);
    await ingestFiles(engine, ['oldboy.mp4']);
    const host = await testWebHost({ engine, rendererDir });
    const { page } = await openBrowser();
    await page.goto(host.url);
    await row(page, 'Oldboy').click();
    await suggestions(page).getByRole('button', { name: 'Search TMDB' }).click();
    await suggestions(page)
      .getByRole('alert')
      .getByText(/No TMDB token is set/)
      .waitFor();

    const refused = engineWithTmdb('not-the-stand-in-token');
    await ingestFiles(refused, ['oldboy.mp4']);
    const host2 = await testWebHost({ engine: refused, rendererDir });
    await page.goto(host2.url);
    await row(page, 'Oldboy').click();
    await suggestions(page).getByRole('button', { name: 'Search TMDB' }).click();
    await suggestions(page)
      .getByRole('alert')
      .getByText(/TMDB refused the token/)
      .waitFor();
  });
});
