import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { call, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/temp-dir';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/catalog');
const versions = fs
  .readdirSync(fixtures)
  .filter((name) => /^v\d{4}\.db$/.test(name))
  .sort();
const latest = versions.at(-1);

function schemaOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db
        .prepare(
          "SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS line FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .all() as Array<{ line: string }>
    ).map((row) => row.line);
  } finally {
    db.close();
  }
}

describe('catalog upgrades', () => {
  it('has a fixture for every schema version', () => {
    const journal = JSON.parse(
      fs.readFileSync(
        path.resolve(fixtures, '../../../src/engine/catalog/migrations/meta/_journal.json'),
        'utf8',
      ),
    ) as { entries: unknown[] };
    expect(versions).toHaveLength(journal.entries.length);
  });

  it.each(versions)('upgrades %s to the current schema with its data intact', async (name) => {
    const dataDir = tempDir('dailies-upgrade-');
    const file = path.join(dataDir, 'catalog.db');
    fs.copyFileSync(path.join(fixtures, name), file);
    const original = fs.readFileSync(file);

    const engine = testEngine({ dataDir });

    const backup = `${file}.before-upgrade`;
    if (name === latest) {
      expect(fs.existsSync(backup)).toBe(false);
    } else {
      // A copy of the old catalog, taken before the upgrade, with the old data in it.
      const old = new Database(backup, { readonly: true });
      expect(old.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 2 });
      old.close();
      expect(original.length).toBeGreaterThan(0);
    }
    expect(await call(engine, 'settings.get', {})).toMatchObject({
      theme: 'dark',
      thumbnailWidth: 960,
    });

    if (name !== 'v0000.db') {
      const page = await call(engine, 'assets.search', {
        sort: { field: 'title', direction: 'asc' },
      });
      expect(page.items.map((asset) => asset.title)).toEqual(['Holiday', 'The Dark Knight']);
      const knight = page.items[1]!;
      expect(knight).toMatchObject({
        contentId: 12,
        slug: 'the-dark-knight',
        ageRating: '15+',
        tags: ['noir', 'imax'],
        notes: 'check grade',
        durationSeconds: 152.5,
        resolutionClass: '1080p',
      });
      expect(knight.locations).toHaveLength(2);
      // Full-text search covers rows that existed before the search index did.
      const found = await call(engine, 'assets.search', { query: 'gotham' });
      expect(found.items.map((asset) => asset.id)).toEqual([knight.id]);
      expect((await call(engine, 'assets.search', { query: 'knight-cop' })).items).toHaveLength(1);
      // One letter finds every asset with a word starting with it, in the page's order.
      const titlesOf = async (query: string) =>
        (
          await call(engine, 'assets.search', { query, sort: { field: 'title', direction: 'asc' } })
        ).items.map((asset) => asset.title);
      expect(await titlesOf('k')).toEqual(['The Dark Knight']);
      expect(await titlesOf('h')).toEqual(['Holiday']);
      expect(await titlesOf('m')).toEqual(['Holiday', 'The Dark Knight']);
      expect(await call(engine, 'assets.history', { id: knight.id })).toHaveLength(1);
      expect((await call(engine, 'watchFolders.list', {})).map((folder) => folder.path)).toEqual([
        '/media/incoming',
      ]);
    }
    await engine.dispose();

    // The upgraded file has exactly the schema a new catalog gets.
    const fresh = testEngine({ dataDir: tempDir('dailies-fresh-') });
    await fresh.dispose();
    expect(schemaOf(file)).toEqual(schemaOf(path.join(fresh.dataDir, 'catalog.db')));
  });
});

describe('the backup taken before an upgrade', () => {
  it('is kept until the upgraded catalog has opened cleanly once more, then removed', async () => {
    const dataDir = tempDir('dailies-upgrade-');
    const file = path.join(dataDir, 'catalog.db');
    fs.copyFileSync(path.join(fixtures, 'v0000.db'), file);
    const backup = `${file}.before-upgrade`;

    const upgraded = testEngine({ dataDir });
    expect(fs.existsSync(backup)).toBe(true);
    await upgraded.dispose();
    expect(fs.existsSync(backup)).toBe(true);

    const reopened = testEngine({ dataDir });
    expect(fs.existsSync(backup)).toBe(false);
    expect((await call(reopened, 'settings.get', {})).theme).toBe('dark');
  });
});
