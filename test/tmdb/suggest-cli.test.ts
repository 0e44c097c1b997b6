import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDailies } from '../cli/run-dailies';
import { tempDir } from '../helpers/temp-dir';
import { READ_TOKEN, tmdbStandIn } from './tmdb-kit';

describe('dailies suggest', () => {
  it('lists candidates, shows the suggestions of a picked id and applies the named fields', async () => {
    const standIn = await tmdbStandIn();
    const dataDir = tempDir('dailies-suggest-');
    const media = tempDir('dailies-suggest-media-');
    fs.writeFileSync(path.join(media, '5_parasite.mp4'), 'not really a video');
    const env = {
      DAILIES_DATA_DIR: dataDir,
      DAILIES_TMDB_TOKEN: standIn.readToken,
      DAILIES_TMDB_BASE_URL: standIn.baseUrl,
      DAILIES_TMDB_IMAGE_BASE_URL: standIn.imageBaseUrl,
    };
    const ingested = await runDailies(['ingest', media, '--json'], { env });
    expect(ingested.stderr).not.toContain(READ_TOKEN);

    const listed = await runDailies(['suggest', '#5', '--kind', 'movie'], { env });
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('movie 496243  기생충');
    expect(listed.stdout).toContain('movie 27813  Parasite (1982)');
    expect(listed.stdout).toContain('No single match: pick one with --tmdb-id.');

    const applied = await runDailies(
      ['suggest', '#5', '--tmdb-id', '496243', '--apply', 'title,age-rating', '--json'],
      { env },
    );
    expect(applied.status, applied.stderr).toBe(0);
    const [report] = JSON.parse(applied.stdout) as Array<{
      suggestions: { ageRating: { raw: string; suggested: string } };
      applied: { applied: string[] };
    }>;
    expect(report!.suggestions.ageRating).toMatchObject({ raw: '15', suggested: '15+' });
    expect(report!.applied.applied).toEqual(['title', 'ageRating']);

    const shown = await runDailies(['show', '#5', '--json'], { env });
    expect(JSON.parse(shown.stdout)).toMatchObject({
      asset: { title: '기생충', ageRating: '15+' },
    });
    for (const run of [listed, applied, shown])
      expect(run.stdout + run.stderr).not.toContain(READ_TOKEN);
  });

  it('says clearly when no key is set', async () => {
    const dataDir = tempDir('dailies-suggest-');
    const media = tempDir('dailies-suggest-media-');
    fs.writeFileSync(path.join(media, '6_oldboy.mp4'), 'not really a video');
    const env = { DAILIES_DATA_DIR: dataDir, DAILIES_TMDB_BASE_URL: 'http://127.0.0.1:9' };
    await runDailies(['ingest', media], { env });
    const run = await runDailies(['suggest', '#6'], { env });
    expect(run.status).toBe(8);
    expect(run.stderr).toMatch(/No TMDB key is set/);
  });
});
