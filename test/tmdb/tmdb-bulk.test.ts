import { describe, expect, it } from 'vitest';
import type { TmdbCandidatesChanged } from '../../src/shared/contract';
import { call } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { ingestFiles, tmdbKit } from './tmdb-kit';

describe('suggest for selection', () => {
  it('runs lookups as pausable background jobs and keeps the candidates for review', async () => {
    const { engine, standIn } = await tmdbKit({ engine: { startWork: true } });
    const seen: TmdbCandidatesChanged[] = [];
    engine.subscribe((event) => {
      if (event.name === 'tmdb.candidates') seen.push(event.payload as TmdbCandidatesChanged);
    });
    const ids = await ingestFiles(engine, [
      'oldboy-2003.mp4',
      'squid-game.mp4',
      'no-such-film.mp4',
    ]);
    await waitForJobsIdle(engine); // the (failing) analyses of these fake files
    standIn.setFault({ kind: 'slow', delayMs: 300 });

    const assetIds = Object.values(ids);
    const queued = await call(engine, 'tmdb.suggestForSelection', { assetIds });
    expect(queued.queued).toBe(3);
    // Asking again does not queue the same lookups twice.
    expect((await call(engine, 'tmdb.suggestForSelection', { assetIds })).jobIds).toEqual(
      queued.jobIds,
    );
    const paused = await call(engine, 'jobs.pause', { all: true, kind: 'tmdb-lookup' });
    expect(paused.changed).toBe(3);
    await waitForJobsIdle(engine);
    const whilePaused = await call(engine, 'jobs.list', { kind: 'tmdb-lookup' });
    expect(whilePaused.map((job) => job.state)).toEqual(['paused', 'paused', 'paused']);

    standIn.setFault(null);
    await call(engine, 'jobs.resume', { all: true, kind: 'tmdb-lookup' });
    const finished = await waitForJobsIdle(engine);
    expect(finished.filter((job) => job.kind === 'tmdb-lookup').map((job) => job.state)).toEqual([
      'done',
      'done',
      'done',
    ]);

    const oldboy = await call(engine, 'tmdb.candidates', { assetId: ids['oldboy-2003.mp4']! });
    expect(oldboy?.preselected).toEqual({ tmdbId: 670, kind: 'movie' });
    const squid = await call(engine, 'tmdb.candidates', { assetId: ids['squid-game.mp4']! });
    expect(squid?.candidates[0]).toMatchObject({ tmdbId: 93405, kind: 'tv' });
    const none = await call(engine, 'tmdb.candidates', { assetId: ids['no-such-film.mp4']! });
    expect(none?.noMatch).toBe(true);
    // Nothing is applied in bulk.
    expect((await call(engine, 'assets.get', { id: ids['oldboy-2003.mp4']! })).title).toBe(
      'Oldboy 2003',
    );
    expect(new Set(seen.map((event) => event.assetId))).toEqual(new Set(assetIds));
  });

  it('holds the batch on a missing key instead of failing it', async () => {
    const { engine } = await tmdbKit({ auth: 'none', engine: { startWork: true } });
    const ids = await ingestFiles(engine, ['oldboy.mp4']);
    await waitForJobsIdle(engine);
    await call(engine, 'tmdb.suggestForSelection', { assetIds: [ids['oldboy.mp4']!] });
    const jobs = await waitForJobsIdle(engine);
    const lookup = jobs.find((job) => job.kind === 'tmdb-lookup');
    expect(lookup).toMatchObject({ state: 'paused', error: { code: 'E_TMDB_AUTH' } });
  });
});
