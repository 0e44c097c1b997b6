import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from '../../src/engine/catalog/open-catalog';
import {
  AssetSearchRepository,
  type AssetQuery,
} from '../../src/engine/catalog/repositories/asset-search-repository';
import { defaultMigrationsDir } from '../../src/engine/create-engine';
import type { AssetSort } from '../../src/shared/contract';
import { seededRandom } from '../helpers/seeded-random';
import { silentLogger } from '../helpers/silent-logger';
import { tempDir } from '../helpers/temp-dir';

const ASSETS = 4_000;
const syllables = ['ka', 'ri', 'to', 'mon', 'el', 'sa', 'vin', 'dor', 'lu', 'pe', 'ké'];
const sorts: Array<[AssetSort, string]> = [
  [{ field: 'addedAt', direction: 'desc' }, 'added_at DESC, id DESC'],
  [{ field: 'title', direction: 'asc' }, 'title COLLATE NOCASE ASC, id ASC'],
];

const opened: Catalog[] = [];
afterEach(() => {
  for (const catalog of opened.splice(0)) catalog.close();
});

/** A catalog whose titles scatter the ids, every file an ".mp4", a few assets in the trash. */
function catalogOfWords(): Catalog {
  const catalog = openCatalog({
    dataDir: tempDir('dailies-one-letter-'),
    migrationsDir: defaultMigrationsDir,
    logger: silentLogger,
  });
  opened.push(catalog);
  const random = seededRandom(5);
  const word = () =>
    Array.from({ length: 3 }, () => syllables[Math.floor(random() * syllables.length)]!).join('');
  const insert = catalog.sqlite.prepare(
    `INSERT INTO assets (sha256, size_bytes, file_name, extension, title, description, age_rating,
       slug, tags_json, notes, status, needs_analysis, added_at, updated_at, deleted_at)
     VALUES (?, 1, ?, 'mp4', ?, ?, 'ALL', ?, ?, '', 'new', 0, ?, ?, ?)`,
  );
  catalog.sqlite.transaction(() => {
    for (let index = 0; index < ASSETS; index += 1) {
      const title = `${word()} ${word()}`;
      // Some dates repeat, so pages also turn on the id.
      const at = new Date(Date.UTC(2026, 0, 1) + Math.floor(index / 3) * 60_000).toISOString();
      insert.run(
        createHash('sha256').update(String(index)).digest('hex'),
        `${index}_${title.replaceAll(' ', '-')}.mp4`,
        title,
        word(),
        `slug-${index}`,
        JSON.stringify([word()]),
        at,
        at,
        random() < 0.05 ? at : null,
      );
    }
  })();
  return catalog;
}

describe('one-letter searches', () => {
  it('page and count exactly as matching then sorting all, in both sorts, whichever way ids are tested', () => {
    const catalog = catalogOfWords();
    const reference = (match: string, order: string) =>
      (
        catalog.sqlite
          .prepare(
            `SELECT id FROM assets WHERE deleted_at IS NULL
             AND id IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ?) ORDER BY ${order}`,
          )
          .all(match) as Array<{ id: number }>
      ).map((row) => row.id);
    const trashed = (match: string) =>
      (
        catalog.sqlite
          .prepare(
            `SELECT count(*) AS n FROM assets WHERE deleted_at IS NOT NULL
             AND id IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ?)`,
          )
          .get(match) as { n: number }
      ).n;
    // The catalog's own choice, and one that looks every scattered id up on its own.
    const repositories = {
      usual: new AssetSearchRepository(catalog.db),
      probing: new AssetSearchRepository(catalog.db, 1),
    };
    // "m": every file name (".mp4"); "k": "ka" and "ké" words, the accent folded away.
    const matches = ['"k"*', '"m"*', '"r"*', '"e"*', '"k"* "r"*', '"z"*'];
    for (const match of matches) {
      for (const [sort, order] of sorts) {
        const expected = reference(match, order);
        if (match !== '"z"*') expect(expected.length).toBeGreaterThan(300);
        for (const [name, repository] of Object.entries(repositories)) {
          const base: Omit<AssetQuery, 'limit' | 'after'> = {
            match,
            filters: {},
            sort,
            trash: false,
          };
          expect(repository.count(base), `${match} count`).toBe(expected.length);
          expect(repository.count({ ...base, trash: true }), `${match} in the trash`).toBe(
            trashed(match),
          );
          const got: number[] = [];
          let after: AssetQuery['after'] = null;
          for (let page = 0; page < 4; page += 1) {
            const rows = repository.page({ ...base, limit: 101, after });
            got.push(...rows.slice(0, 100).map((entry) => entry.row.id));
            const last = rows[Math.min(rows.length, 100) - 1];
            if (rows.length <= 100 || !last) break;
            after = { value: last.sortValue, id: last.row.id };
          }
          const label = `${match} by ${sort.field}, ${name}`;
          expect(got, label).toEqual(expected.slice(0, got.length));
          expect(got.length, label).toBe(Math.min(expected.length, 400));
        }
      }
    }
  });
});
