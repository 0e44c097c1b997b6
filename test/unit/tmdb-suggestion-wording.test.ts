import { describe, expect, it } from 'vitest';
import { tmdbProblemOf } from '../../src/renderer/store/tmdb-errors';
import { fetchedLine } from '../../src/renderer/views/library/suggestions/fetched-ago';
import { suggestionRows } from '../../src/renderer/views/library/suggestions/suggestion-rows';
import { parseTmdbId } from '../../src/renderer/views/library/suggestions/parse-tmdb-id';
import { dailiesError, type TmdbSuggestions } from '../../src/shared/contract';

const now = Date.parse('2026-12-06T12:00:00Z');

const suggestions = (over: Partial<TmdbSuggestions> = {}): TmdbSuggestions => ({
  assetId: 1,
  tmdbId: 770001,
  kind: 'movie',
  title: { current: 'Quiet Harbor', suggested: '조용한 항구', language: 'ko-KR', same: false },
  overview: {
    current: '',
    suggested: 'A harbour town waits out a storm.',
    language: 'en-US',
    same: false,
  },
  ageRating: {
    current: 'ALL',
    raw: 'Restricted Screening',
    suggested: null,
    unmapped: { reason: 'restricted-screening', message: 'The platform has no value for it.' },
    same: false,
  },
  fetchedAt: '2026-12-03T12:00:00Z',
  fromCache: true,
  offline: false,
  ...over,
});

describe('what the TMDB suggestions section says', () => {
  it('reads a pasted id as a number or a themoviedb.org address with its kind', () => {
    expect(parseTmdbId(' 496243 ')).toEqual({ tmdbId: 496243 });
    expect(parseTmdbId('https://www.themoviedb.org/tv/66732-stranger-things')).toEqual({
      tmdbId: 66732,
      kind: 'tv',
    });
    expect(parseTmdbId('parasite')).toBeNull();
    expect(parseTmdbId('0')).toBeNull();
  });

  it('says when answers were fetched, and whether TMDB could be reached', () => {
    const kept = { fetchedAt: '2026-12-03T12:00:00Z', fromCache: true, offline: false };
    expect(fetchedLine(kept, now)).toBe('Fetched 3 days ago, kept in the catalog.');
    expect(fetchedLine({ ...kept, offline: true }, now)).toBe(
      'Fetched 3 days ago, offline: TMDB cannot be reached now.',
    );
    const fresh = { fetchedAt: '2026-12-06T11:59:30Z', fromCache: false, offline: false };
    expect(fetchedLine(fresh, now)).toBe('Fetched from TMDB just now.');
  });

  it('shows an unmapped age rating with its reason, not as something to accept', () => {
    const rows = suggestionRows(suggestions(), 'ko-KR');
    const rating = rows.find((row) => row.field === 'ageRating')!;
    expect(rating.acceptable).toBe(false);
    expect(rating.suggested).toBe('Restricted Screening');
    expect(rating.note).toBe(
      'Not mapped (TMDB says “Restricted Screening”): The platform has no value for it.',
    );
    // The Korean overview is missing: the English one is offered, and said to be.
    const overview = rows.find((row) => row.field === 'overview')!;
    expect(overview.acceptable).toBe(true);
    expect(overview.note).toBe('No Korean text on TMDB; this is the English one.');
  });

  it('names the way out of each TMDB failure', () => {
    const missing = dailiesError('E_TMDB_AUTH', 'No key', { details: { reason: 'missing' } });
    const refused = dailiesError('E_TMDB_AUTH', 'Refused', { details: { reason: 'refused' } });
    const limited = dailiesError('E_RATE_LIMITED', 'Slow down', {
      details: { retryAfterMs: 2500 },
    });
    expect(tmdbProblemOf(missing)).toMatchObject({ kind: 'no-token' });
    expect(tmdbProblemOf(missing).message).toMatch(/Account → TMDB/);
    expect(tmdbProblemOf(refused).message).toMatch(/^TMDB refused the token/);
    expect(tmdbProblemOf(limited).message).toBe('TMDB asks to slow down. Try again in 3 s.');
    expect(tmdbProblemOf(dailiesError('E_NETWORK', 'No route to host.')).kind).toBe('offline');
  });
});
