import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src/shared/contract';
import { validateMetadataPatch } from '../../src/shared/metadata';
import { catalogSql, ingestFiles, markSynced } from '../helpers/catalog';
import { call, testEngine } from '../helpers/engine';

describe('editing metadata', () => {
  it('saves an edit, keeps it across a restart and records who changed what', async () => {
    const first = testEngine();
    const { 'a.mp4': id } = await ingestFiles(first, ['a.mp4']);
    const updated = await call(first, 'assets.update', {
      id: id!,
      patch: {
        title: '  Inception  ',
        ageRating: '15+',
        tags: ['Drama', 'drama', 'IMAX'],
        contentId: 1,
      },
    });
    expect(updated).toMatchObject({
      title: 'Inception',
      ageRating: '15+',
      tags: ['Drama', 'IMAX'],
      contentId: 1,
    });
    const dataDir = first.dataDir;
    await first.dispose();

    const second = testEngine({ dataDir });
    expect(await call(second, 'assets.get', { id: id! })).toMatchObject({
      title: 'Inception',
      revision: updated.revision,
    });
    const [entry] = await call(second, 'assets.history', { id: id! });
    expect(entry).toMatchObject({
      kind: 'edit',
      actor: expect.stringContaining('(cli)'),
      undone: false,
    });
    expect(entry?.changes).toEqual(
      expect.arrayContaining([{ field: 'title', from: 'A', to: 'Inception' }]),
    );
  });

  it('answers invalid values with one error per field and changes nothing', async () => {
    const engine = testEngine();
    const { 'a.mp4': id } = await ingestFiles(engine, ['a.mp4']);
    const result = await engine.dispatch('assets.update', {
      id,
      patch: { title: '', contentId: 0, slug: 'Bad Slug', ageRating: 'PG' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('E_VALIDATION');
    const fields = (result.error.details?.fields as Array<{ path: string }>).map(
      (field) => field.path,
    );
    expect(fields.sort()).toEqual([
      'patch.ageRating',
      'patch.contentId',
      'patch.slug',
      'patch.title',
    ]);
    expect((await call(engine, 'assets.get', { id: id! })).title).toBe('A');
  });

  it('refuses an edit based on an old revision', async () => {
    const engine = testEngine();
    const { 'a.mp4': id } = await ingestFiles(engine, ['a.mp4']);
    const asset = await call(engine, 'assets.get', { id: id! });
    await call(engine, 'assets.update', { id: id!, patch: { notes: 'first' } });
    const stale = await engine.dispatch('assets.update', {
      id,
      patch: { notes: 'second' },
      expectedRevision: asset.revision,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'E_CONFLICT' } });
  });

  it('marks a synced asset dirty when a platform field changes, and locks its content id and slug', async () => {
    const engine = testEngine();
    const { '5_film.mp4': id } = await ingestFiles(engine, ['5_film.mp4']);
    markSynced(engine, id!);

    const notes = await call(engine, 'assets.update', { id: id!, patch: { notes: 'local only' } });
    expect(notes.status).toBe('synced');
    const titled = await call(engine, 'assets.update', {
      id: id!,
      patch: { title: 'Film (2026)' },
    });
    expect(titled.status).toBe('dirty');
    const locked = await engine.dispatch('assets.update', { id, patch: { slug: 'other' } });
    expect(locked).toMatchObject({
      ok: false,
      error: { code: 'E_CONFLICT', details: { fields: [{ path: 'slug' }] } },
    });
  });

  it('applies a bulk edit to every asset or to none', async () => {
    const engine = testEngine();
    const ids = await ingestFiles(engine, ['1_a.mp4', '2_b.mp4', '3_c.mp4']);
    const all = Object.values(ids);
    const changed: Array<EventPayload<'assets.changed'>> = [];
    engine.subscribe((event) => {
      if (event.name === 'assets.changed') changed.push(event.payload);
    });

    const ok = await call(engine, 'assets.bulkUpdate', {
      ids: all,
      patch: { ageRating: '18+', addTags: ['festival'] },
    });
    expect(ok.updated).toBe(3);
    expect(changed).toEqual([{ reason: 'updated', ids: all }]);

    // One synced asset cannot take a new slug: the whole batch is refused.
    markSynced(engine, ids['2_b.mp4']!);
    const refused = await engine.dispatch('assets.bulkUpdate', {
      ids: all,
      patch: { slug: 'same-for-all', description: 'should not stick' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'E_CONFLICT' } });
    for (const id of all) {
      const asset = await call(engine, 'assets.get', { id });
      expect(asset).toMatchObject({ ageRating: '18+', tags: ['festival'] });
      expect(asset.description).toMatch(/^Uploaded video: /);
    }
    const rows = catalogSql(engine)
      .prepare('SELECT count(*) AS n FROM edit_history WHERE batch_id = ?')
      .get(ok.batchId) as { n: number };
    expect(rows.n).toBe(3);

    await call(engine, 'assets.bulkUpdate', { ids: all, patch: { removeTags: ['FESTIVAL'] } });
    expect((await call(engine, 'assets.get', { id: all[0]! })).tags).toEqual([]);
  });

  it('undoes edits one by one, newest first', async () => {
    const engine = testEngine();
    const { 'a.mp4': id } = await ingestFiles(engine, ['a.mp4']);
    await call(engine, 'assets.update', { id: id!, patch: { title: 'First' } });
    await call(engine, 'assets.update', {
      id: id!,
      patch: { title: 'Second', description: 'words' },
    });

    expect(await call(engine, 'assets.undo', { id: id! })).toMatchObject({
      title: 'First',
      description: 'Uploaded video: a',
    });
    expect(await call(engine, 'assets.undo', { id: id! })).toMatchObject({ title: 'A' });
    expect(await engine.dispatch('assets.undo', { id })).toMatchObject({
      ok: false,
      error: { code: 'E_NOT_FOUND' },
    });
    const history = await call(engine, 'assets.history', { id: id! });
    expect(history.map((entry) => [entry.kind, entry.undone])).toEqual([
      ['undo', false],
      ['undo', false],
      ['edit', true],
      ['edit', true],
    ]);
  });

  it("starts with the platform's default description, which follows the slug until the editor writes one", async () => {
    const engine = testEngine();
    const { '12_the-dark-knight.mp4': id } = await ingestFiles(engine, ['12_the-dark-knight.mp4']);
    const added = await call(engine, 'assets.get', { id: id! });
    expect(added.description).toBe('Uploaded video: the-dark-knight');

    const renamed = await call(engine, 'assets.update', { id: id!, patch: { slug: 'tdk' } });
    expect(renamed.description).toBe('Uploaded video: tdk');

    await call(engine, 'assets.update', { id: id!, patch: { description: 'Batman, again' } });
    const own = await call(engine, 'assets.update', { id: id!, patch: { slug: 'tdk-2008' } });
    expect(own.description).toBe('Batman, again');
  });

  it('refuses NUL and text-direction overrides in titles and tags, the same in every host', async () => {
    const engine = testEngine();
    const { 'a.mp4': id } = await ingestFiles(engine, ['a.mp4']);
    const bad = [
      { title: 'Nul\u0000title' },
      { title: 'evil\u202Eexe.mp4' },
      { title: 'isolate\u2066x\u2069' },
      { tags: ['ok', 'bad\u0000tag'] },
      { tags: ['\u202Dforced'] },
      { description: 'nul\u0000here' },
    ];
    for (const patch of bad) {
      // The shared contract refuses it before the engine sees it, so UI and CLI agree.
      expect(validateMetadataPatch(patch), JSON.stringify(patch)).not.toEqual([]);
      const answer = await engine.dispatch('assets.update', { id, patch });
      expect(answer, JSON.stringify(patch)).toMatchObject({
        ok: false,
        error: { code: 'E_VALIDATION' },
      });
    }
    const bulk = await engine.dispatch('assets.bulkUpdate', {
      ids: [id],
      patch: { addTags: ['x\u202Ey'] },
    });
    expect(bulk).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    // Right-to-left marks are part of ordinary Hebrew and Arabic titles.
    const rtl = await call(engine, 'assets.update', { id: id!, patch: { title: 'שלום\u200F 2' } });
    expect(rtl.title).toBe('שלום\u200F 2');
    expect((await call(engine, 'assets.get', { id: id! })).tags).toEqual([]);
  });
});
