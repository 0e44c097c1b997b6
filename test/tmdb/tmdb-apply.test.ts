import { describe, expect, it } from 'vitest';
import { DailiesError } from '../../src/shared/contract';
import { call } from '../helpers/engine';
import { ingestFiles, tmdbKit } from './tmdb-kit';

async function oneAsset() {
  const kit = await tmdbKit();
  const ids = await ingestFiles(kit.engine, ['12_reply-1988-ep1.mp4']);
  return { ...kit, assetId: ids['12_reply-1988-ep1.mp4']! };
}

describe('accepting TMDB suggestions', () => {
  it('shows Korean title and overview beside the current values', async () => {
    const { engine, assetId } = await oneAsset();
    const s = await call(engine, 'tmdb.suggestions', { assetId, tmdbId: 66732, kind: 'tv' });
    expect(s.title).toMatchObject({
      current: 'Reply 1988 Ep1',
      suggested: '응답하라 1988',
      language: 'ko-KR',
      same: false,
    });
    expect(s.overview.suggested).toContain('쌍문동');
    expect(s.ageRating).toMatchObject({ current: 'ALL', raw: '15', suggested: '15+' });
  });

  it('falls back to English for a missing Korean overview, and follows the language setting', async () => {
    const { engine, assetId } = await oneAsset();
    const s = await call(engine, 'tmdb.suggestions', { assetId, tmdbId: 770001, kind: 'movie' });
    expect(s.title).toMatchObject({ suggested: '조용한 항구', language: 'ko-KR' });
    expect(s.overview).toMatchObject({ language: 'en-US' });
    expect(s.overview.suggested).toContain('harbour pilot');

    await call(engine, 'settings.set', { tmdbLanguage: 'en-US' });
    const english = await call(engine, 'tmdb.suggestions', { assetId, tmdbId: 66732, kind: 'tv' });
    expect(english.title).toMatchObject({ suggested: 'Reply 1988', language: 'en-US' });
    expect((await call(engine, 'tmdb.status', {})).language).toBe('en-US');
  });

  it('applies chosen fields as one edit in the history, which Undo reverts', async () => {
    const { engine, assetId } = await oneAsset();
    const before = await call(engine, 'assets.get', { id: assetId });
    const result = await call(engine, 'tmdb.apply', {
      assetId,
      tmdbId: 66732,
      kind: 'tv',
      fields: ['title', 'ageRating'],
      expected: { title: before.title, ageRating: before.ageRating },
    });
    expect(result.applied).toEqual(['title', 'ageRating']);
    expect(result.refused).toEqual([]);
    const after = await call(engine, 'assets.get', { id: assetId });
    expect(after).toMatchObject({
      title: '응답하라 1988',
      ageRating: '15+',
      description: before.description,
    });
    const [entry] = await call(engine, 'assets.history', { id: assetId });
    expect(entry?.batchId).toBe(result.batchId);
    expect(entry?.changes.map((c) => c.field).sort()).toEqual(['ageRating', 'title']);
    expect((await call(engine, 'tmdb.candidates', { assetId }))?.linked ?? null).toBeNull();
    const lookup = await call(engine, 'tmdb.lookup', { assetId, tmdbId: 66732, kind: 'tv' });
    expect(lookup.linked).toEqual({ tmdbId: 66732, kind: 'tv' });

    await call(engine, 'assets.undo', { id: assetId });
    expect(await call(engine, 'assets.get', { id: assetId })).toMatchObject({
      title: before.title,
      ageRating: before.ageRating,
    });
  });

  it('never overwrites a field the editor changed meanwhile, and still applies the others', async () => {
    const { engine, assetId } = await oneAsset();
    const shown = await call(engine, 'tmdb.suggestions', { assetId, tmdbId: 66732, kind: 'tv' });
    await call(engine, 'assets.update', { id: assetId, patch: { title: 'My own title' } });
    const result = await call(engine, 'tmdb.apply', {
      assetId,
      tmdbId: 66732,
      kind: 'tv',
      fields: ['title', 'overview', 'ageRating'],
      expected: {
        title: shown.title.current,
        overview: shown.overview.current,
        ageRating: shown.ageRating.current,
      },
    });
    expect(result.applied).toEqual(['overview', 'ageRating']);
    expect(result.refused).toEqual([
      expect.objectContaining({ field: 'title', reason: 'changed-meanwhile' }),
    ]);
    expect(await call(engine, 'assets.get', { id: assetId })).toMatchObject({
      title: 'My own title',
      ageRating: '15+',
    });
  });

  it('refuses an age rating that does not map, with the reason', async () => {
    const { engine, assetId } = await oneAsset();
    const result = await call(engine, 'tmdb.apply', {
      assetId,
      tmdbId: 770002,
      kind: 'movie',
      fields: ['ageRating'],
      expected: { ageRating: 'ALL' },
    });
    expect(result.applied).toEqual([]);
    expect(result.refused[0]).toMatchObject({ field: 'ageRating', reason: 'no-suggestion' });
    expect(result.refused[0]!.message).toMatch(/Restricted Screening/);
    expect(result.batchId).toBeNull();
  });

  it('answers E_NOT_FOUND for an id TMDB does not know', async () => {
    const { engine, assetId } = await oneAsset();
    const failure = await call(engine, 'tmdb.lookup', { assetId, tmdbId: 999999 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(DailiesError);
    expect((failure as DailiesError).code).toBe('E_NOT_FOUND');
  });
});
