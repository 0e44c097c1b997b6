import { describe, expect, it } from 'vitest';
import { mapCertification } from '../../src/engine/tmdb/map-certification';
import { call } from '../helpers/engine';
import { ingestFiles, tmdbKit } from './tmdb-kit';

describe('Korean certifications', () => {
  it.each([
    ['All', 'ALL'],
    ['ALL', 'ALL'],
    ['0', 'ALL'],
    ['12', '12+'],
    ['15', '15+'],
    ['18', '18+'],
    ['19', '18+'],
  ])('maps %s to %s', (raw, platform) => {
    expect(mapCertification(raw)).toEqual({ mapped: platform });
  });

  it.each([
    ['Restricted Screening', 'restricted-screening'],
    ['제한상영가', 'restricted-screening'],
    ['PG-13', 'unknown'],
    ['', 'missing'],
    [null, 'missing'],
  ])('does not map %s (%s), and says why', (raw, reason) => {
    const mapping = mapCertification(raw);
    expect(mapping).toMatchObject({ mapped: null, reason });
    expect(mapping.mapped === null && mapping.message.length > 10).toBe(true);
  });

  it('shows what TMDB says beside the mapped value, for movies and series', async () => {
    const { engine } = await tmdbKit();
    const ids = await ingestFiles(engine, ['a.mp4']);
    const assetId = ids['a.mp4']!;
    const cases = [
      { tmdbId: 8392, kind: 'movie', raw: 'All', suggested: 'ALL' },
      { tmdbId: 770001, kind: 'movie', raw: '12', suggested: '12+' },
      { tmdbId: 496243, kind: 'movie', raw: '15', suggested: '15+' },
      { tmdbId: 670, kind: 'movie', raw: '18', suggested: '18+' },
      { tmdbId: 770002, kind: 'movie', raw: 'Restricted Screening', suggested: null },
      { tmdbId: 27813, kind: 'movie', raw: null, suggested: null },
      { tmdbId: 13972, kind: 'tv', raw: 'ALL', suggested: 'ALL' },
      { tmdbId: 66732, kind: 'tv', raw: '15', suggested: '15+' },
      { tmdbId: 93405, kind: 'tv', raw: '19', suggested: '18+' },
    ] as const;
    for (const { tmdbId, kind, raw, suggested } of cases) {
      const answer = await call(engine, 'tmdb.suggestions', { assetId, tmdbId, kind });
      expect(answer.ageRating.raw, `${kind} ${tmdbId}`).toBe(raw);
      expect(answer.ageRating.suggested, `${kind} ${tmdbId}`).toBe(suggested);
      expect(answer.ageRating.unmapped === null, `${kind} ${tmdbId}`).toBe(suggested !== null);
    }
  });
});
