/**
 * The first page of a broad text query without reading all its matches: the sort index is
 * walked a chunk of candidates at a time (filters applied, text aside) and only the chunk's
 * ids are looked up in the search index. At 100,000 assets, building the set of all 44,000
 * matches of a two-letter prefix costs about 5 ms, and testing ids one by one about 30 us
 * each (FTS5 opens every segment for each lookup); a chunk of 1,024 candidates costs one
 * FTS5 query, a fraction of a millisecond when ids follow the sort (dates), at most one
 * pass over the prefix's doclist when they do not (titles).
 */

export interface SortedCandidate {
  id: number;
  sortValue: string | number;
}

type After = { value: string | number; id: number };

export interface FirstMatchesInput {
  limit: number;
  after: After | null;
  /** The next `size` candidates along the sort, after `after`, in order. */
  candidates: (after: After | null, size: number) => SortedCandidate[];
  /** Which of the given ids match the text query. */
  members: (ids: readonly number[]) => Set<number>;
  /** Candidates in the first chunk; FIRST_CHUNK unless the caller knows the density. */
  firstChunk?: number;
}

export interface FirstMatches {
  /** The matching ids found, in sort order, at most `limit`. */
  ids: number[];
  /**
   * Where the walk stopped when matches proved too sparse for chunks: the rest of the page
   * comes after this candidate. Null when `ids` is the whole page (or all there is).
   */
  resumeAfter: After | null;
}

/** Candidates in the first chunk: a page of 100 even when only 1 asset in 10 matches. */
export const FIRST_CHUNK = 1024;
/** Chunks walked at most, each up to eight times the previous one. */
export const MAX_CHUNKS = 3;

export function firstMatches(input: FirstMatchesInput): FirstMatches {
  const ids: number[] = [];
  let after = input.after;
  let size = input.firstChunk ?? FIRST_CHUNK;
  for (let chunk = 0; chunk < MAX_CHUNKS; chunk += 1) {
    const candidates = input.candidates(after, size);
    if (candidates.length === 0) return { ids, resumeAfter: null };
    const members = input.members(candidates.map((candidate) => candidate.id));
    let hits = 0;
    for (const candidate of candidates) {
      if (!members.has(candidate.id)) continue;
      hits += 1;
      if (ids.length < input.limit) ids.push(candidate.id);
    }
    if (ids.length >= input.limit || candidates.length < size) return { ids, resumeAfter: null };
    const last = candidates[candidates.length - 1]!;
    after = { value: last.sortValue, id: last.id };
    // Sized from the density seen so far, with a margin, so one more chunk likely suffices.
    const wanted = Math.ceil(((input.limit - ids.length) * size * 1.5) / Math.max(hits, 1));
    size = Math.min(size * 8, Math.max(size, wanted));
  }
  return { ids, resumeAfter: after };
}
