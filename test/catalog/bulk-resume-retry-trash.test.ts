import { describe, expect, it } from 'vitest';
import {
  count,
  enteredState,
  libraryOf,
  MANY,
  named,
  settingsAnsweredDuring,
} from '../helpers/bulk-library';
import { catalogSql } from '../helpers/catalog';
import { call } from '../helpers/engine';

/**
 * The whole-batch calls that were one synchronous step: resuming and retrying every job,
 * queueing a forced analysis of a large selection, emptying a large trash. Each gives the
 * same answer and leaves the same catalog as before, answers other calls meanwhile, and
 * reports how far it is.
 */
describe('more bulk calls on more items than one step takes', () => {
  it('resuming all jobs queues every paused one, each announced, while other calls are answered', async () => {
    const { engine, events } = await libraryOf(MANY);
    await call(engine, 'jobs.pause', { all: true });
    events.length = 0;

    const { result, order, progressBeforeSettings } = await settingsAnsweredDuring(
      engine,
      events,
      () => call(engine, 'jobs.resume', { all: true }),
    );
    expect(result).toEqual({ changed: MANY });
    expect(order).toEqual(['settings.get', 'bulk call']);
    expect(progressBeforeSettings).toBeGreaterThanOrEqual(1);
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE state = 'queued'")).toBe(MANY);
    expect(new Set(enteredState(events, 'queued')).size).toBe(MANY);
    expect(enteredState(events, 'queued')).toHaveLength(MANY);
    const progress = named(events, 'bulk.progress');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(0)).toEqual({
      runId: expect.any(String),
      operation: 'jobs.resume',
      done: 250,
      total: null,
    });
    expect(progress.at(-1)).toEqual({
      runId: expect.any(String),
      operation: 'jobs.resume',
      done: MANY,
      total: MANY,
    });
    // Nothing is paused any more: a second resume changes nothing and reports nothing.
    events.length = 0;
    expect(await call(engine, 'jobs.resume', { all: true })).toEqual({ changed: 0 });
    expect(named(events, 'bulk.progress')).toEqual([]);
  });

  it('retrying all jobs queues every cancelled one with a fresh count of attempts', async () => {
    const { engine, events } = await libraryOf(MANY);
    await call(engine, 'jobs.cancel', { all: true });
    catalogSql(engine)
      .prepare("UPDATE jobs SET attempts = 2, error_json = '{}' WHERE id % 2 = 0")
      .run();
    events.length = 0;

    const { result, order } = await settingsAnsweredDuring(engine, events, () =>
      call(engine, 'jobs.retry', { all: true }),
    );
    expect(result).toEqual({ changed: MANY });
    expect(order).toEqual(['settings.get', 'bulk call']);
    expect(
      count(
        engine,
        "SELECT count(*) n FROM jobs WHERE state = 'queued' AND attempts = 0 AND error_json IS NULL AND finished_at IS NULL",
      ),
    ).toBe(MANY);
    expect(new Set(enteredState(events, 'queued')).size).toBe(MANY);
    expect(enteredState(events, 'queued')).toHaveLength(MANY);
    expect(named(events, 'bulk.progress').at(-1)).toEqual({
      runId: expect.any(String),
      operation: 'jobs.retry',
      done: MANY,
      total: MANY,
    });
  });

  it('a forced analysis of a large selection queues one job per live asset, in order', async () => {
    const { engine, events, ids } = await libraryOf(MANY);
    await call(engine, 'jobs.cancel', { all: true });
    const trashed = ids[7]!;
    await call(engine, 'assets.remove', { ids: [trashed] });
    events.length = 0;

    const { result, order } = await settingsAnsweredDuring(engine, events, () =>
      call(engine, 'analysis.start', { assetIds: [...ids, ...ids.slice(0, 10)], force: true }),
    );
    const live = ids.filter((id) => id !== trashed);
    expect(result.queued).toBe(MANY - 1);
    expect(order).toEqual(['settings.get', 'bulk call']);
    const queued = named(events, 'job.changed').filter((job) => job.state === 'queued');
    expect(queued.map((job) => job.id)).toEqual(result.jobIds);
    expect(queued.map((job) => (job.spec.kind === 'analyse' ? job.spec.assetId : 0))).toEqual(live);
    expect(queued.every((job) => job.spec.kind === 'analyse' && job.spec.reason === 'editor')).toBe(
      true,
    );
    expect(queued.every((job) => job.priority === 10)).toBe(true);
    expect(named(events, 'bulk.progress').at(-1)).toEqual({
      runId: expect.any(String),
      operation: 'analysis.queue',
      done: MANY,
      total: MANY,
    });
    // Every asset has a waiting job now: asking again queues nothing.
    expect(await call(engine, 'analysis.start', { assetIds: ids, force: true })).toEqual({
      queued: 0,
      jobIds: [],
    });
  });

  it('analysis of a selection naming an unknown asset fails and queues nothing', async () => {
    const { engine, ids } = await libraryOf(MANY);
    await call(engine, 'jobs.cancel', { all: true });
    const before = count(engine, 'SELECT count(*) n FROM jobs');
    const refused = await engine.dispatch('analysis.start', {
      assetIds: [...ids, 999_999],
      force: true,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'E_NOT_FOUND', details: { id: 999_999 } },
    });
    expect(count(engine, 'SELECT count(*) n FROM jobs')).toBe(before);
  });

  it('emptying a large trash forgets every trashed asset with its rows, and says so once', async () => {
    const { engine, events, ids } = await libraryOf(MANY);
    const kept = ids.slice(0, 3);
    await call(engine, 'assets.remove', { ids: ids.slice(3) });
    events.length = 0;

    const { result, order } = await settingsAnsweredDuring(engine, events, () =>
      call(engine, 'trash.empty', {}),
    );
    expect(result).toEqual({ deleted: MANY - 3 });
    expect(order).toEqual(['settings.get', 'bulk call']);
    expect(named(events, 'assets.changed')).toEqual([{ reason: 'deleted', ids: ids.slice(3) }]);
    expect(named(events, 'bulk.progress').at(-1)).toEqual({
      runId: expect.any(String),
      operation: 'trash.empty',
      done: MANY - 3,
      total: MANY - 3,
    });
    expect(count(engine, 'SELECT count(*) n FROM assets')).toBe(3);
    expect(count(engine, 'SELECT count(*) n FROM asset_locations')).toBe(3);
    expect(count(engine, 'SELECT count(*) n FROM jobs')).toBe(3);
    expect((await call(engine, 'assets.search', { includeTotal: true })).total).toBe(kept.length);
    expect(await call(engine, 'trash.empty', {})).toEqual({ deleted: 0 });
  });

  it('emptying a trash that fails part-way keeps the rest, says what went, and ends its progress', async () => {
    const { engine, events, ids } = await libraryOf(MANY);
    await call(engine, 'assets.remove', { ids });
    // The catalog refuses to forget one asset well past the first step.
    catalogSql(engine).exec(
      `CREATE TRIGGER refuse_one BEFORE DELETE ON assets WHEN OLD.id = ${ids[900]!}
       BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`,
    );
    events.length = 0;
    expect((await engine.dispatch('trash.empty', {})).ok).toBe(false);
    const left = count(engine, 'SELECT count(*) n FROM assets');
    const gone = MANY - left;
    expect(gone).toBeGreaterThan(0);
    expect(named(events, 'assets.changed')).toEqual([
      { reason: 'deleted', ids: ids.slice(0, gone) },
    ]);
    const progress = named(events, 'bulk.progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({
      runId: expect.any(String),
      operation: 'trash.empty',
      done: gone,
      total: gone,
    });
  });
});
