import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/create-engine';
import type { AssetPage } from '../../src/shared/contract';
import { catalogSql, ingestFiles } from '../helpers/catalog';
import { call, testEngine } from '../helpers/engine';
import { writeFile } from '../helpers/files';
import { tempDir } from '../helpers/temp-dir';

async function library(engine: Engine) {
  const ids = await ingestFiles(engine, [
    '1_the-dark-knight.mp4',
    '2_inception.mov',
    '3_interstellar.mkv',
    '4_dunkirk.mp4',
    '5_tenet.mxf',
  ]);
  const media: Array<[string, string, string, number, string]> = [
    ['1_the-dark-knight.mp4', 'h264', '1080p', 152, 'ready'],
    ['2_inception.mov', 'prores', '4K', 148, 'ready'],
    ['3_interstellar.mkv', 'hevc', '4K', 169, 'synced'],
    ['4_dunkirk.mp4', 'h264', '720p', 106, 'error'],
    ['5_tenet.mxf', 'h264', '1080p', 150, 'ready'],
  ];
  const update = catalogSql(engine).prepare(
    'UPDATE assets SET codec = ?, resolution_class = ?, duration_seconds = ?, status = ? WHERE id = ?',
  );
  for (const [name, codec, resolution, duration, status] of media) {
    update.run(codec, resolution, duration, status, ids[name]);
  }
  return ids;
}

const titles = (page: { items: Array<{ title: string }> }) => page.items.map((item) => item.title);

describe('search and browse', () => {
  it("indexes a new file once, and finds a copy of it by the copy's own name", async () => {
    const engine = testEngine();
    const root = tempDir('dailies-copies-');
    writeFile(path.join(root, 'a', 'A001_C002.mov'), 'same pictures');
    await call(engine, 'assets.addPaths', { paths: [path.join(root, 'a')] });
    const indexed = () =>
      catalogSql(engine).prepare('SELECT file_names AS names FROM assets_fts').all();
    // The location bringing the same name did not index the row a second time.
    expect(indexed()).toEqual([{ names: 'A001_C002.mov' }]);

    writeFile(path.join(root, 'b', 'selects-reel1.mov'), 'same pictures');
    await call(engine, 'assets.addPaths', { paths: [path.join(root, 'b')] });
    expect(titles(await call(engine, 'assets.search', { query: 'selects re' }))).toHaveLength(1);
    expect(titles(await call(engine, 'assets.search', { query: 'A001' }))).toHaveLength(1);
  });

  it('finds assets by word prefixes in title, description, tags and file names', async () => {
    const engine = testEngine();
    const ids = await library(engine);
    await call(engine, 'assets.update', {
      id: ids['4_dunkirk.mp4']!,
      patch: { description: 'Évacuation of the beaches', tags: ['wartime'] },
    });
    await call(engine, 'assets.update', {
      id: ids['2_inception.mov']!,
      patch: { title: 'Dream Heist' },
    });

    expect(titles(await call(engine, 'assets.search', { query: 'dark kni' }))).toEqual([
      'The Dark Knight',
    ]);
    expect(titles(await call(engine, 'assets.search', { query: 'evacu' }))).toEqual(['Dunkirk']);
    expect(titles(await call(engine, 'assets.search', { query: 'WARTI' }))).toEqual(['Dunkirk']);
    // The file name still finds an asset whose title was changed.
    expect(titles(await call(engine, 'assets.search', { query: 'incep' }))).toEqual([
      'Dream Heist',
    ]);
    expect(titles(await call(engine, 'assets.search', { query: 'mxf' }))).toEqual(['Tenet']);
    // FTS5 syntax in the input is not syntax: no error, just words.
    expect((await call(engine, 'assets.search', { query: 'dark" (kni* -:^' })).items).toHaveLength(
      1,
    );
    expect((await call(engine, 'assets.search', { query: 'nothing-like-this' })).items).toEqual([]);
  });

  it('filters by status, codec, resolution, duration, date added and folder', async () => {
    const engine = testEngine();
    await library(engine);
    const search = (filters: object) =>
      call(engine, 'assets.search', { filters, sort: { field: 'title', direction: 'asc' } }).then(
        titles,
      );

    expect(await search({ status: ['ready'] })).toEqual(['Inception', 'Tenet', 'The Dark Knight']);
    expect(await search({ codec: ['h264'], resolutionClass: ['1080p'] })).toEqual([
      'Tenet',
      'The Dark Knight',
    ]);
    expect(await search({ durationMin: 149, durationMax: 160 })).toEqual([
      'Tenet',
      'The Dark Knight',
    ]);
    expect(
      await search({ addedFrom: '2000-01-01T00:00:00Z', addedTo: '2001-01-01T00:00:00Z' }),
    ).toEqual([]);
    expect(await search({ addedFrom: '2000-01-01T00:00:00Z' })).toHaveLength(5);

    const other = tempDir('dailies-other-');
    writeFile(path.join(other, 'deep', 'extra.mp4'), 'elsewhere');
    await call(engine, 'assets.addPaths', { paths: [other] });
    expect(await search({ folder: other })).toEqual(['Extra']);
    expect(await search({ folder: `${other}/` })).toEqual(['Extra']);
    expect(await search({ folder: path.join(other, 'deep') })).toEqual(['Extra']);
    expect(await search({ folder: `${other}-not` })).toEqual([]);
  });

  it('sorts by any column, both ways', async () => {
    const engine = testEngine();
    await library(engine);
    const sorted = (field: string, direction: string) =>
      call(engine, 'assets.search', { sort: { field, direction } } as never).then(titles);
    expect(await sorted('durationSeconds', 'desc')).toEqual([
      'Interstellar',
      'The Dark Knight',
      'Tenet',
      'Inception',
      'Dunkirk',
    ]);
    expect(await sorted('resolutionClass', 'asc')).toEqual([
      'Dunkirk',
      'The Dark Knight',
      'Tenet',
      'Inception',
      'Interstellar',
    ]);
    expect(await sorted('contentId', 'desc')).toEqual([
      'Tenet',
      'Dunkirk',
      'Interstellar',
      'Inception',
      'The Dark Knight',
    ]);
    expect((await sorted('codec', 'asc'))[0]).toBe('The Dark Knight');
  });

  it('pages through a large result with keyset cursors, without gaps or repeats', async () => {
    const engine = testEngine();
    const root = tempDir('dailies-media-');
    for (let i = 0; i < 57; i += 1)
      writeFile(path.join(root, `clip ${String(i % 7)} ${i}.mp4`), `clip ${i}`);
    await call(engine, 'assets.addPaths', { paths: [root] });

    for (const field of ['title', 'addedAt', 'sizeBytes', 'durationSeconds'] as const) {
      const seen: number[] = [];
      let cursor: string | null = null;
      let first = true;
      do {
        const page: AssetPage = await call(engine, 'assets.search', {
          query: 'clip',
          sort: { field, direction: 'asc' },
          limit: 10,
          cursor,
          includeTotal: first,
        });
        if (first) expect(page.total).toBe(57);
        first = false;
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen).toHaveLength(57);
      expect(new Set(seen).size).toBe(57);
    }

    const page = await call(engine, 'assets.search', { limit: 10 });
    const wrongSort = await engine.dispatch('assets.search', {
      cursor: page.nextCursor,
      sort: { field: 'title', direction: 'asc' },
    });
    expect(wrongSort).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect(await engine.dispatch('assets.search', { cursor: 'garbage' })).toMatchObject({
      ok: false,
      error: { code: 'E_VALIDATION' },
    });
  });
});

describe('trash', () => {
  it('removes to the trash, restores with metadata and history, and forgets only on empty', async () => {
    const engine = testEngine();
    const root = tempDir('dailies-media-');
    const file = writeFile(path.join(root, 'keep-me.mp4'), 'precious');
    const report = await call(engine, 'assets.addPaths', { paths: [root] });
    const id = report.assetIds[0]!;
    await call(engine, 'assets.update', { id, patch: { title: 'Precious', notes: 'n' } });

    expect(await call(engine, 'assets.remove', { ids: [id] })).toEqual({ removed: 1 });
    expect((await call(engine, 'assets.search', { query: 'precious' })).items).toEqual([]);
    const trash = await call(engine, 'assets.trash', {});
    expect(trash.items.map((item) => item.id)).toEqual([id]);
    expect(trash.items[0]?.deletedAt).not.toBeNull();

    expect(await call(engine, 'assets.restore', { ids: [id] })).toEqual({ restored: 1 });
    expect(await call(engine, 'assets.get', { id })).toMatchObject({
      title: 'Precious',
      notes: 'n',
      deletedAt: null,
    });
    expect(await call(engine, 'assets.history', { id })).toHaveLength(1);

    await call(engine, 'assets.remove', { ids: [id] });
    expect(await call(engine, 'trash.empty', {})).toEqual({ deleted: 1 });
    expect(await engine.dispatch('assets.get', { id })).toMatchObject({
      ok: false,
      error: { code: 'E_NOT_FOUND' },
    });
    // The editor's file is untouched by all of it.
    expect(await import('node:fs').then((fs) => fs.readFileSync(file, 'utf8'))).toBe('precious');

    // Added again later, it comes back as a new asset with a new id.
    const again = await call(engine, 'assets.addPaths', { paths: [root] });
    expect(again.added).toBe(1);
    expect(again.assetIds[0]).not.toBe(id);
  });

  it('brings a trashed asset back when the editor adds its file again', async () => {
    const engine = testEngine();
    const ids = await ingestFiles(engine, ['a.mp4']);
    const id = ids['a.mp4']!;
    await call(engine, 'assets.remove', { ids: [id] });
    const asset = await call(engine, 'assets.get', { id });
    const report = await call(engine, 'assets.addPaths', { paths: [asset.locations[0]!.path] });
    expect(report).toMatchObject({ unchanged: 1, restored: 1 });
    expect((await call(engine, 'assets.get', { id })).deletedAt).toBeNull();
  });
});
