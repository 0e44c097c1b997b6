import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AssetPage, AssetSort } from '../../src/shared/contract';
import { catalogSql } from '../helpers/catalog';
import { call, testEngine } from '../helpers/engine';
import { seededRandom } from '../helpers/seeded-random';

const syllables = ['ka', 'ri', 'to', 'mon', 'el', 'sa', 'vin', 'dor'];
const random = seededRandom(3);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const words = Array.from(
  { length: 80 },
  () => `${pick(syllables)}${pick(syllables)}${pick(syllables)}`,
);

/** The order the library always gave a text query: its matches, by the sort, then by id. */
const reference: Record<string, string> = {
  'addedAt:desc': 'added_at DESC, id DESC',
  'title:asc': 'title COLLATE NOCASE ASC, id ASC',
  'sizeBytes:asc': 'size_bytes ASC, id ASC',
};

describe('text search ranking', () => {
  it('gives every prefix, broad or narrow, the same pages as matching then sorting all', async () => {
    const engine = testEngine({ startWork: false });
    const sql = catalogSql(engine);
    const insert = sql.prepare(
      `INSERT INTO assets (sha256, size_bytes, file_name, extension, title, description, age_rating,
         slug, tags_json, notes, status, needs_analysis, added_at, updated_at)
       VALUES (?, ?, ?, 'mp4', ?, ?, 'ALL', ?, ?, '', 'new', 0, ?, ?)`,
    );
    sql.transaction(() => {
      for (let index = 0; index < 3_000; index += 1) {
        const title = `${pick(words)} ${pick(words)}`;
        const at = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 1e9)).toISOString();
        insert.run(
          createHash('sha256').update(String(index)).digest('hex'),
          Math.floor(random() * 1e6),
          `${index}_${title.replace(' ', '-')}.mp4`,
          title,
          `${pick(words)} ${pick(words)}`,
          `slug-${index}`,
          JSON.stringify([pick(words)]),
          at,
          at,
        );
      }
    })();
    const matching = (query: string, order: string) =>
      sql
        .prepare(
          `SELECT id FROM assets WHERE deleted_at IS NULL AND id IN (SELECT rowid FROM assets_fts
           WHERE assets_fts MATCH ?) ORDER BY ${order}`,
        )
        .all(
          query
            .split(' ')
            .map((word) => `"${word}"*`)
            .join(' '),
        )
        .map((row) => (row as { id: number }).id);

    // From about half the catalog down to a handful of assets and none.
    const queries = ['ka', 'mon', `${words[0]!.slice(0, 5)}`, words[1]!, `ka ${words[2]}`, 'zq'];
    const sizes = new Set<string>();
    for (const query of queries) {
      for (const [key, order] of Object.entries(reference)) {
        const [field, direction] = key.split(':') as [AssetSort['field'], AssetSort['direction']];
        const expected = matching(query, order);
        sizes.add(expected.length > 400 ? 'broad' : 'narrow');
        const got: number[] = [];
        let cursor: string | null = null;
        do {
          const page: AssetPage = await call(engine, 'assets.search', {
            query,
            sort: { field, direction },
            limit: 100,
            cursor,
          });
          got.push(...page.items.map((asset) => asset.id));
          cursor = got.length < 300 ? page.nextCursor : null;
        } while (cursor !== null);
        expect(got, `${query} by ${key}`).toEqual(expected.slice(0, got.length));
        expect(got.length).toBe(Math.min(expected.length, 300));
      }
    }
    expect([...sizes].sort()).toEqual(['broad', 'narrow']);
  });
});
