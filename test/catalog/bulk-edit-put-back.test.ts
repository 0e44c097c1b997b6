import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src/shared/contract';
import { count, folderOf } from '../helpers/bulk-library';
import { catalogSql } from '../helpers/catalog';
import { call, testEngine } from '../helpers/engine';

const ASSETS = 300;

/** An engine whose bulk calls take 8 items a step, so an edit of 300 spans many steps. */
async function steppedLibrary() {
  const engine = testEngine({ startWork: false, bulkStepItems: 8 });
  const { assetIds: ids } = await call(engine, 'assets.addPaths', { paths: [folderOf(ASSETS)] });
  const changed: Array<EventPayload<'assets.changed'>> = [];
  engine.subscribe((event) => {
    if (event.name === 'assets.changed') changed.push(event.payload);
  });
  return { engine, ids, changed };
}

describe('putting back a bulk edit that was stopped or refused', () => {
  it('an edit made while a bulk edit writes survives its stop, and windows are told of the put-back', async () => {
    const { engine, ids, changed } = await steppedLibrary();
    const first = ids[0]!;
    const { ageRating } = await call(engine, 'assets.get', { id: first });
    const second = ids[1]!;
    let edited: ReturnType<typeof engine.dispatch> | null = null;
    let rated: ReturnType<typeof engine.dispatch> | null = null;
    let cancelled: ReturnType<typeof engine.dispatch> | null = null;
    engine.subscribe((event) => {
      if (event.name !== 'bulk.progress') return;
      // Each asset counts twice (checked, then written): past ASSETS + 16, the first is written.
      if (event.payload.done > ASSETS + 16 && edited === null) {
        edited = engine.dispatch('assets.update', { id: first, patch: { title: 'Mine' } });
        // The same field as the batch's, on another asset already written.
        rated = engine.dispatch('assets.update', { id: second, patch: { ageRating: '18+' } });
      } else if (event.payload.done > ASSETS + 80 && edited !== null && cancelled === null)
        cancelled = engine.dispatch('bulk.cancel', { runId: event.payload.runId });
    });
    const answer = await engine.dispatch('assets.bulkUpdate', {
      ids,
      patch: { ageRating: '12+' },
    });
    expect(await edited).toMatchObject({ ok: true, value: { title: 'Mine' } });
    expect(await cancelled).toEqual({ ok: true, value: { cancelled: 1 } });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'E_CANCELLED',
        message:
          'Stopped: nothing was changed (the edit of 300 assets is all or nothing). 2 of them were edited meanwhile: those newer edits stay.',
      },
    });

    const asset = await call(engine, 'assets.get', { id: first });
    expect(asset).toMatchObject({ title: 'Mine', ageRating });
    expect(await rated).toMatchObject({ ok: true, value: { ageRating: '18+' } });
    expect(await call(engine, 'assets.get', { id: second })).toMatchObject({ ageRating: '18+' });
    expect(count(engine, "SELECT count(*) n FROM assets WHERE age_rating = '12+'")).toBe(0);
    const history = await call(engine, 'assets.history', { id: first, limit: 10 });
    expect(history.map((entry) => entry.changes)).toEqual([
      [{ field: 'title', from: 'Clip 0', to: 'Mine' }],
    ]);
    // Windows that showed the batch's values hear that the assets went back.
    const putBack = changed.filter((event) => event.reason === 'updated').flatMap((e) => e.ids);
    expect(putBack).toContain(first);
    expect(putBack.length).toBeGreaterThan(16);
  });

  it('a refused bulk edit keeps its own error even when a stop is asked for during the put-back', async () => {
    const { engine, ids, changed } = await steppedLibrary();
    const last = ids.at(-1)!;
    let runId: string | null = null;
    let forgotten: Promise<unknown> | null = null;
    let cancelled: ReturnType<typeof engine.dispatch> | null = null;
    engine.subscribe((event) => {
      if (event.name === 'bulk.progress' && event.payload.operation === 'assets.bulkUpdate') {
        runId = event.payload.runId;
        // While it writes, the last asset is forgotten for good: the write then refuses it.
        if (event.payload.done > ASSETS + 16 && forgotten === null)
          forgotten = call(engine, 'assets.remove', { ids: [last] }).then(() =>
            call(engine, 'trash.empty', {}),
          );
      }
      // The first step put back: a stop asked for now must not turn the refusal into a stop.
      if (event.name === 'assets.changed' && event.payload.reason === 'updated' && !cancelled)
        cancelled = engine.dispatch('bulk.cancel', { runId: runId! });
    });
    const answer = await engine.dispatch('assets.bulkUpdate', {
      ids,
      patch: { ageRating: '12+' },
    });
    await forgotten;
    expect(await cancelled).toEqual({ ok: true, value: { cancelled: 1 } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    expect(count(engine, "SELECT count(*) n FROM assets WHERE age_rating = '12+'")).toBe(0);
    expect(count(engine, 'SELECT count(*) n FROM edit_history')).toBe(0);
    expect(changed.some((event) => event.reason === 'updated')).toBe(true);
  });

  it('a status that analysis wrote while a bulk edit went on stays when the edit is stopped', async () => {
    const { engine, ids } = await steppedLibrary();
    const first = ids[0]!;
    const sql = catalogSql(engine);
    const { ageRating } = await call(engine, 'assets.get', { id: first });
    let analysed = false;
    let cancelled: ReturnType<typeof engine.dispatch> | null = null;
    engine.subscribe((event) => {
      if (event.name !== 'bulk.progress') return;
      if (event.payload.done > ASSETS + 16 && !analysed) {
        analysed = true;
        // What an analysis finishing does to the asset: its status, not its revision.
        sql.prepare("UPDATE assets SET status = 'ready' WHERE id = ?").run(first);
      } else if (event.payload.done > ASSETS + 80 && analysed && !cancelled) {
        cancelled = engine.dispatch('bulk.cancel', { runId: event.payload.runId });
      }
    });
    const answer = await engine.dispatch('assets.bulkUpdate', { ids, patch: { ageRating: '12+' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'E_CANCELLED' } });
    const after = await call(engine, 'assets.get', { id: first });
    expect(after.ageRating).toBe(ageRating);
    expect(after.status).toBe('ready');
  });
});
