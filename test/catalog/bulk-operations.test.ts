import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/create-engine';
import { count, enteredState, folderOf, libraryOf, MANY, named } from '../helpers/bulk-library';
import { catalogSql, markSynced } from '../helpers/catalog';
import { call, testEngine } from '../helpers/engine';

describe('bulk operations on more assets than one step takes', () => {
  it('adding files queues one analysis per new asset, each announced', async () => {
    const { engine, events, ids } = await libraryOf(MANY);
    expect(ids).toHaveLength(MANY);
    const queued = named(events, 'job.changed').filter((job) => job.state === 'queued');
    expect(queued.map((job) => (job.spec.kind === 'analyse' ? job.spec.assetId : 0))).toEqual(ids);
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE kind = 'analyse'")).toBe(MANY);
    // Adding the same folder again queues nothing more: every asset has its waiting job.
    await call(engine, 'assets.addPaths', {
      paths: [path.dirname(catalogPath(engine, ids[0]!))],
    });
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE kind = 'analyse'")).toBe(MANY);
  });

  it('a bulk edit changes every asset, with one history batch and one change event', async () => {
    const { engine, events, ids } = await libraryOf(MANY);
    events.length = 0;
    const result = await call(engine, 'assets.bulkUpdate', {
      ids,
      patch: { addTags: ['festival'], ageRating: '12+' },
    });
    expect(result.updated).toBe(MANY);
    expect(named(events, 'assets.changed')).toEqual([{ reason: 'updated', ids }]);
    const progress = named(events, 'bulk.progress');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({
      runId: expect.any(String),
      operation: 'assets.bulkUpdate',
      done: MANY * 2,
      total: MANY * 2,
    });
    expect(
      count(engine, `SELECT count(*) n FROM edit_history WHERE batch_id = '${result.batchId}'`),
    ).toBe(MANY);
    const tagged = await call(engine, 'assets.search', { query: 'festival', includeTotal: true });
    expect(tagged.total).toBe(MANY);
    expect((await call(engine, 'assets.get', { id: ids.at(-1)! })).ageRating).toBe('12+');
  });

  it('a bulk edit one asset refuses changes none of them, and ends its progress', async () => {
    const { engine, events, ids } = await libraryOf(MANY);
    markSynced(engine, ids.at(-1)!); // its slug is locked now
    events.length = 0;
    const refused = await engine.dispatch('assets.bulkUpdate', {
      ids,
      patch: { slug: 'one-slug-for-all' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'E_CONFLICT' } });
    expect(count(engine, "SELECT count(*) n FROM assets WHERE slug = 'one-slug-for-all'")).toBe(0);
    expect(count(engine, 'SELECT count(*) n FROM edit_history')).toBe(0);
    // The check stopped at the last asset: the window's strip closes at what was checked.
    const progress = named(events, 'bulk.progress');
    expect(progress.length).toBeGreaterThan(1);
    const last = progress.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(last.done).toBeLessThan(MANY);
  });

  it('removing many assets trashes them all and says so once', async () => {
    const { engine, events, ids } = await libraryOf(MANY);
    events.length = 0;
    expect(await call(engine, 'assets.remove', { ids: [...ids].reverse() })).toEqual({
      removed: MANY,
    });
    expect(named(events, 'assets.changed')).toEqual([{ reason: 'removed', ids }]);
    expect(named(events, 'bulk.progress').at(-1)).toEqual({
      runId: expect.any(String),
      operation: 'assets.remove',
      done: MANY,
      total: MANY,
    });
    expect((await call(engine, 'assets.search', { includeTotal: true })).total).toBe(0);
    expect((await call(engine, 'assets.trash', { limit: 500 })).items).toHaveLength(500);
  });

  it('a removal that spans more than one step reports how far it is, however few it removes', async () => {
    const { engine, events, ids } = await libraryOf(300);
    events.length = 0;
    expect(await call(engine, 'assets.remove', { ids })).toEqual({ removed: 300 });
    const progress = named(events, 'bulk.progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({
      runId: expect.any(String),
      operation: 'assets.remove',
      done: 300,
      total: 300,
    });
  });

  it('pausing and cancelling all jobs changes each one and announces each, a step at a time', async () => {
    const { engine, events } = await libraryOf(MANY);
    events.length = 0;
    expect(await call(engine, 'jobs.pause', { all: true })).toEqual({ changed: MANY });
    // Each job announced paused once, in steps of many (jobs.changed), not one event each.
    const paused = enteredState(events, 'paused');
    expect(new Set(paused).size).toBe(MANY);
    expect(paused).toHaveLength(MANY);
    // A step changes at least 8 jobs (250 at first), each step announced in one event.
    const announcements =
      named(events, 'job.changed').length + named(events, 'jobs.changed').length;
    expect(announcements).toBeLessThan(MANY / 5);
    expect(named(events, 'bulk.progress').at(-1)).toEqual({
      runId: expect.any(String),
      operation: 'jobs.pause',
      done: MANY,
      total: MANY,
    });
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE state = 'paused'")).toBe(MANY);
    expect(await call(engine, 'jobs.cancel', { all: true })).toEqual({ changed: MANY });
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE state = 'cancelled'")).toBe(MANY);
  });
});

describe('stopping an ingest', () => {
  it('cancel stops a large batch, keeps a consistent catalog, and adding again finishes it', async () => {
    const root = folderOf(3_000);
    const engine = testEngine({ startWork: false });
    let batchId: string | null = null;
    engine.subscribe((event) => {
      if (event.name === 'ingest.progress' && event.payload.phase === 'hashing')
        batchId ??= event.payload.batchId;
    });
    const result = engine.dispatch('assets.addPaths', { paths: [root] });
    while (batchId === null) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await call(engine, 'assets.cancelAdd', { batchId })).toEqual({ cancelled: 1 });
    expect(await result).toMatchObject({
      ok: false,
      error: { code: 'E_CANCELLED', retryable: true, details: { batchId } },
    });

    const assets = count(engine, 'SELECT count(*) n FROM assets');
    expect(assets).toBeLessThan(3_000);
    // Every asset recorded has its file and its analysis queued.
    expect(count(engine, 'SELECT count(DISTINCT asset_id) n FROM asset_locations')).toBe(assets);
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE kind = 'analyse'")).toBe(assets);
    expect(await call(engine, 'assets.cancelAdd', {})).toEqual({ cancelled: 0 });

    const report = await call(engine, 'assets.addPaths', { paths: [root] });
    expect(report.added + report.unchanged).toBe(3_000);
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE kind = 'analyse'")).toBe(3_000);
  });
});

function catalogPath(engine: Engine, id: number): string {
  return (
    catalogSql(engine).prepare('SELECT path FROM asset_locations WHERE asset_id = ?').get(id) as {
      path: string;
    }
  ).path;
}
