import { describe, expect, it } from 'vitest';
import { call } from '../helpers/engine';
import { API_KEY, READ_TOKEN, ingestFiles, tmdbKit } from './tmdb-kit';

describe('TMDB lookup', () => {
  it('lists movie and TV candidates for an asset title, best first, and preselects one clear match', async () => {
    const { engine } = await tmdbKit();
    const ids = await ingestFiles(engine, ['7_parasite-2019.mp4']);
    const assetId = ids['7_parasite-2019.mp4']!;

    const list = await call(engine, 'tmdb.lookup', { assetId });
    expect(list.query).toBe('Parasite');
    expect(list.year).toBe(2019);
    expect(list.candidates[0]).toMatchObject({
      tmdbId: 496243,
      kind: 'movie',
      title: '기생충',
      originalTitle: '기생충',
      year: 2019,
    });
    expect(list.candidates[0]!.posterUrl).toMatch(/\/t\/p\/w92\/parasite-2019\.jpg$/);
    expect(list.preselected).toEqual({ tmdbId: 496243, kind: 'movie' });
    expect(list.fromCache).toBe(false);

    // Kept for review: the same list comes back without another lookup.
    const kept = await call(engine, 'tmdb.candidates', { assetId });
    expect(kept?.candidates.map((c) => c.tmdbId)).toEqual(list.candidates.map((c) => c.tmdbId));
  });

  it('without a year shows both movies of the same name and preselects neither', async () => {
    const { engine } = await tmdbKit();
    const ids = await ingestFiles(engine, ['parasite.mp4']);
    const list = await call(engine, 'tmdb.lookup', {
      assetId: ids['parasite.mp4']!,
      kind: 'movie',
    });
    expect(list.candidates.map((c) => [c.tmdbId, c.year]).sort()).toEqual([
      [27813, 1982],
      [496243, 2019],
    ]);
    expect(list.preselected).toBeNull();
  });

  it('finds TV series by their Korean title, and a pasted id of either kind', async () => {
    const { engine } = await tmdbKit();
    const ids = await ingestFiles(engine, ['episode.mp4']);
    const assetId = ids['episode.mp4']!;
    const series = await call(engine, 'tmdb.lookup', { assetId, query: '오징어' });
    expect(series.candidates[0]).toMatchObject({ tmdbId: 93405, kind: 'tv', year: 2021 });

    const pasted = await call(engine, 'tmdb.lookup', { assetId, tmdbId: 66732, kind: 'tv' });
    expect(pasted.candidates).toHaveLength(1);
    expect(pasted.candidates[0]).toMatchObject({ title: '응답하라 1988', confidence: 1 });
  });

  it('says so when nothing matches', async () => {
    const { engine } = await tmdbKit();
    const ids = await ingestFiles(engine, ['holiday-footage.mp4']);
    const list = await call(engine, 'tmdb.lookup', { assetId: ids['holiday-footage.mp4']! });
    expect(list.noMatch).toBe(true);
    expect(list.candidates).toEqual([]);
  });

  it('sends a v4 read token as a bearer header and a v3 key as api_key', async () => {
    const bearer = await tmdbKit();
    const a = await ingestFiles(bearer.engine, ['oldboy.mp4']);
    await call(bearer.engine, 'tmdb.lookup', { assetId: a['oldboy.mp4']! });
    expect(bearer.standIn.requests[0]!.headers.authorization).toBe(`Bearer ${READ_TOKEN}`);

    const key = await tmdbKit({ auth: 'api-key' });
    const b = await ingestFiles(key.engine, ['oldboy.mp4']);
    const list = await call(key.engine, 'tmdb.lookup', { assetId: b['oldboy.mp4']! });
    expect(list.candidates[0]?.tmdbId).toBe(670);
    expect(key.standIn.requests[0]!.url).toContain(`api_key=${API_KEY}`);
    expect(key.standIn.requests[0]!.headers.authorization).toBeUndefined();
  });
});
