import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { folderOf } from '../helpers/bulk-library';
import { openBrowser } from '../helpers/browser';
import { catalogSql } from '../helpers/catalog';
import { call, testEngine } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { libraryRow } from '../helpers/app-page';
import { ensureRendererBuild } from '../helpers/renderer-build';
import { tempDir } from '../helpers/temp-dir';
import { testWebHost } from '../helpers/web-host';

/**
 * The most jobs.list answers in one call (the contract's cap): this many newer jobs, failed
 * too, push an older one out of any "newest jobs" or "failed jobs" read the window can make.
 */
const NEWER_JOBS = 5_000;

let rendererDir = '';

beforeAll(() => {
  rendererDir = ensureRendererBuild();
}, 120_000);

describe('a failed asset in the Library at start-up', () => {
  it('shows why its analysis failed even when thousands of newer analysis jobs, failed too, came after it', async () => {
    const dataDir = tempDir('dailies-engine-');
    const media = tempDir('dailies-media-');
    const broken = path.join(media, 'broken-take.mp4');
    fs.writeFileSync(broken, 'This is a shot list, not a video.\n'.repeat(20));

    // First session: the file is analysed and fails, with the engine's words for why.
    const first = testEngine({ dataDir });
    await call(first, 'assets.addPaths', { paths: [broken] });
    const [failed] = await waitForJobsIdle(first);
    expect(failed).toMatchObject({ state: 'failed' });
    const reason = failed!.error!.message;
    expect(reason).not.toBe('Analysis could not read this file.');
    await first.dispose();

    // Next session: a big folder is added afterwards; its analyses wait (work is off).
    const engine = testEngine({ dataDir, host: 'web', startWork: false });
    await call(engine, 'assets.addPaths', { paths: [folderOf(NEWER_JOBS)] });
    // They failed too (for a reason of their own), so no list of failed jobs reaches it.
    catalogSql(engine)
      .prepare(`UPDATE jobs SET state = 'failed', error_json = ? WHERE id > ?`)
      .run(
        JSON.stringify({ code: 'E_NOT_MEDIA', message: 'Another reason.', retryable: false }),
        failed!.id,
      );
    for (const state of [undefined, 'failed'] as const) {
      const newest = await call(engine, 'jobs.list', { kind: 'analyse', state, limit: 5_000 });
      expect(newest.map((job) => job.id)).not.toContain(failed!.id);
    }

    const host = await testWebHost({ engine, rendererDir });
    const { page, problems } = await openBrowser();
    await page.goto(host.url);
    await page.getByRole('searchbox', { name: 'Search the library' }).fill('broken');
    const row = libraryRow(page, 'broken');
    await row.waitFor();
    // The row names the cause, never the generic fallback, without opening Analysis.
    const firstSentence = /^(.+?[.!?])(\s|$)/.exec(reason)![1]!;
    await expect
      .poll(() => row.getByTestId('status-reason').textContent())
      .toContain(firstSentence.slice(0, 60));
    expect(problems).toEqual([]);
  });
});
