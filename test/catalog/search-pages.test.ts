import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BROAD_SHARE,
  NARROW_CAP,
} from '../../src/engine/catalog/repositories/asset-search-repository';
import type { AssetFilters, AssetPage, AssetSort } from '../../src/shared/contract';
import { catalogSql } from '../helpers/catalog';
import { call, testEngine } from '../helpers/engine';
import { seededRandom } from '../helpers/seeded-random';

const ASSETS = 12_000;
const syllables = ['ka', 'ri', 'to', 'mon', 'el', 'sa', 'vin', 'dor', 'lu', 'pe'];
const random = seededRandom(11);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const words = Array.from(
  { length: 300 },
  () => `${pick(syllables)}${pick(syllables)}${pick(syllables)}`,
);
/** Skewed, as real titles are: a few words are everywhere, most are rare. */
const word = () => words[Math.floor(random() ** 3 * words.length)]!;

const sorts: Record<string, string> = {
  'addedAt:desc': 'added_at DESC, id DESC',
  'title:asc': 'title COLLATE NOCASE ASC, id ASC',
  'sizeBytes:asc': 'size_bytes ASC, id ASC',
};

describe('text search pages', () => {
  it('pages every query, broad, middling, narrow or empty, exactly as matching then sorting all', async () => {
    const engine = testEngine({ startWork: false });
    const sql = catalogSql(engine);
    const insert = sql.prepare(
      `INSERT INTO assets (sha256, size_bytes, file_name, extension, title, description, age_rating,
         slug, tags_json, notes, status, needs_analysis, added_at, updated_at, deleted_at)
       VALUES (?, ?, ?, 'mp4', ?, ?, 'ALL', ?, ?, '', ?, 0, ?, ?, ?)`,
    );
    sql.transaction(() => {
      for (let index = 0; index < ASSETS; index += 1) {
        // "retro" only in the oldest eighth: a broad query whose matches all sit at the far
        // end of the newest-first order, so the walk must go through several chunks.
        const title = `${word()} ${word()}${index < ASSETS / 8 ? ' retro' : ''}`;
        const at = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString();
        insert.run(
          createHash('sha256').update(String(index)).digest('hex'),
          // Ties on size, so pages also turn on the id.
          Math.floor(random() * 50),
          `${index}_${title.replaceAll(' ', '-')}.mp4`,
          title,
          `${word()} ${word()}`,
          `slug-${index}`,
          JSON.stringify([word()]),
          pick(['new', 'ready', 'synced', 'error']),
          at,
          at,
          random() < 0.05 ? at : null,
        );
      }
    })();
    const toMatch = (query: string) =>
      query
        .split(' ')
        .map((part) => `"${part}"*`)
        .join(' ');
    const reference = (query: string, order: string, status?: readonly string[]) =>
      sql
        .prepare(
          `SELECT id FROM assets WHERE deleted_at IS NULL
           ${query === '' ? '' : 'AND id IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH @match)'}
           ${status ? `AND status IN (${status.map((value) => `'${value}'`).join(', ')})` : ''}
           ORDER BY ${order}`,
        )
        .all(query === '' ? {} : { match: toMatch(query) })
        .map((row) => (row as { id: number }).id);
    const matches = (query: string) =>
      (
        sql
          .prepare('SELECT count(*) AS n FROM assets_fts WHERE assets_fts MATCH ?')
          .get(toMatch(query)) as { n: number }
      ).n;

    // One query for each way the search can go, chosen by how many assets it matches.
    const broadFrom = ASSETS * BROAD_SHARE;
    const candidates = [...new Set(words)].sort((a, b) => matches(b) - matches(a));
    const middling = candidates.find((w) => matches(w) >= NARROW_CAP && matches(w) < broadFrom);
    const narrow = candidates.find((w) => matches(w) > 150 && matches(w) < NARROW_CAP);
    expect(middling, 'a word matching a middling number of assets').toBeDefined();
    expect(narrow, 'a word matching few assets').toBeDefined();
    expect(matches('ka')).toBeGreaterThan(ASSETS / 3);
    expect(matches('retro')).toBeGreaterThan(broadFrom);
    const queries = [
      '',
      // One letter: "k" as broad as "ka", "m" every asset (each file name ends in ".mp4").
      'k',
      'm',
      'ka',
      'retro',
      `ka ${candidates[3]!.slice(0, 4)}`,
      middling!,
      narrow!,
      'zq',
    ];

    const pages = async (
      query: string,
      sort: AssetSort,
      filters: AssetFilters,
      rows: number,
    ): Promise<{ ids: number[]; total: number | null }> => {
      const ids: number[] = [];
      let total: number | null = null;
      let cursor: string | null = null;
      do {
        const page: AssetPage = await call(engine, 'assets.search', {
          query,
          filters,
          sort,
          limit: 100,
          cursor,
          includeTotal: cursor === null,
        });
        if (cursor === null) total = page.total;
        ids.push(...page.items.map((asset) => asset.id));
        cursor = ids.length < rows ? page.nextCursor : null;
      } while (cursor !== null);
      return { ids, total };
    };

    for (const query of queries) {
      for (const [key, order] of Object.entries(sorts)) {
        const [field, direction] = key.split(':') as [AssetSort['field'], AssetSort['direction']];
        const expected = reference(query, order);
        // Every page of the narrower ones; the first five of the broad ones.
        const got = await pages(query, { field, direction }, {}, 500);
        expect(got.ids, `"${query}" by ${key}`).toEqual(expected.slice(0, got.ids.length));
        expect(got.ids.length, `"${query}" by ${key}`).toBe(Math.min(expected.length, 500));
        expect(got.total).toBe(expected.length);
      }
    }
    // Filters narrow a broad query the same way.
    const status = ['ready', 'new'] as const;
    for (const [key, order] of Object.entries(sorts)) {
      const [field, direction] = key.split(':') as [AssetSort['field'], AssetSort['direction']];
      const expected = reference('retro', order, status);
      const got = await pages('retro', { field, direction }, { status: [...status] }, 300);
      expect(got.ids, `retro, filtered, by ${key}`).toEqual(expected.slice(0, got.ids.length));
      expect(got.ids.length).toBe(Math.min(expected.length, 300));
      expect(got.total).toBe(expected.length);
    }

    // A text search's total is counted by the search index itself, less the trash: it follows
    // removals, restores and an emptied trash as the catalog does.
    const ka = reference('ka', 'id ASC');
    await call(engine, 'assets.remove', { ids: ka.slice(0, 900) });
    await call(engine, 'assets.restore', { ids: ka.slice(0, 300) });
    await call(engine, 'trash.empty', {});
    await call(engine, 'assets.remove', { ids: ka.slice(900, 1000) });
    for (const query of ['ka', 'k', 'm']) {
      const got = await pages(query, { field: 'addedAt', direction: 'desc' }, {}, 100);
      expect(got.total, `total of "${query}" after the trash changed`).toBe(
        reference(query, 'id ASC').length,
      );
    }
    expect(reference('ka', 'id ASC').length).toBe(ka.length - 700);
  });
});
