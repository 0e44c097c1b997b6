import { describe, expect, it } from 'vitest';
import {
  FIRST_CHUNK,
  firstMatches,
  type SortedCandidate,
} from '../../src/engine/catalog/repositories/matching-chunks';

/** A sort order over ids (by a value with ties), and which ids match. */
function walk(total: number, isMember: (id: number) => boolean) {
  const sorted: SortedCandidate[] = Array.from({ length: total }, (_, index) => ({
    id: index + 1,
    sortValue: (index * 7919) % 97,
  })).sort((a, b) => Number(a.sortValue) - Number(b.sortValue) || a.id - b.id);
  const position = new Map(sorted.map((candidate, index) => [candidate.id, index]));
  const calls: number[] = [];
  const input = (limit: number, after: { value: string | number; id: number } | null) => ({
    limit,
    after,
    candidates: (from: { value: string | number; id: number } | null, size: number) => {
      calls.push(size);
      const start = from === null ? 0 : position.get(from.id)! + 1;
      return sorted.slice(start, start + size);
    },
    members: (ids: readonly number[]) => new Set(ids.filter(isMember)),
  });
  const expected = sorted.filter((candidate) => isMember(candidate.id));
  return { sorted, expected, input, calls };
}

describe('first matches along the sort, a chunk at a time', () => {
  it('pages dense matches without skipping or repeating one', () => {
    const { expected, input } = walk(20_000, (id) => id % 3 !== 0);
    const got: number[] = [];
    let after: { value: string | number; id: number } | null = null;
    for (let page = 0; page < 30; page += 1) {
      const found = firstMatches(input(101, after));
      expect(found.resumeAfter).toBeNull();
      got.push(...found.ids.slice(0, 100));
      const last = expected.find((candidate) => candidate.id === found.ids[99])!;
      after = { value: last.sortValue, id: last.id };
    }
    expect(got).toEqual(expected.slice(0, 3000).map((candidate) => candidate.id));
  });

  it('grows the chunks where matches are sparse, then hands the rest back', () => {
    // Matches only at the far end of the order: every chunk but the last comes up empty.
    const { sorted, expected, input, calls } = walk(200_000, (id) => id % 200 === 0);
    const members = new Set(sorted.slice(-150).map((candidate) => candidate.id));
    const sparse = walk(200_000, (id) => members.has(id));
    const found = firstMatches(sparse.input(101, null));
    expect(sparse.calls).toEqual([FIRST_CHUNK, FIRST_CHUNK * 8, FIRST_CHUNK * 64]);
    expect(found.ids).toEqual([]);
    const seen = FIRST_CHUNK * (1 + 8 + 64);
    expect(found.resumeAfter).toEqual({
      value: sorted[seen - 1]!.sortValue,
      id: sorted[seen - 1]!.id,
    });
    expect(seen + 150).toBeLessThan(sorted.length);
    // A page of one match in two hundred fills within the chunks, in order.
    const dense = firstMatches(input(101, null));
    expect(dense.ids).toEqual(expected.slice(0, 101).map((candidate) => candidate.id));
    expect(dense.resumeAfter).toBeNull();
    expect(calls.length).toBeLessThanOrEqual(3);
  });

  it('stops at the end of the order with what it found', () => {
    const { expected, input } = walk(3_000, (id) => id % 50 === 0);
    const found = firstMatches(input(101, null));
    expect(found).toEqual({ ids: expected.map((candidate) => candidate.id), resumeAfter: null });
  });
});
