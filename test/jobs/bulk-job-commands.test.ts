import { describe, expect, it } from 'vitest';
import type { EventPayload, Job } from '../../src/shared/contract';
import { catalogSql } from '../helpers/catalog';
import { call, testEngine } from '../helpers/engine';

/** More jobs than one read of the queue covers (8,192 ids), most of them long finished. */
const JOBS = 20_000;

/** A queue as a busy catalog has it: every third job waiting, the others done long ago. */
function busyQueue() {
  const engine = testEngine({ startWork: false });
  const sql = catalogSql(engine);
  const at = '2026-01-01T00:00:00.000Z';
  const insert = sql.prepare(
    `INSERT INTO jobs (kind, spec_json, state, error_json, created_at, updated_at)
     VALUES ('analyse', json_object('kind', 'analyse', 'assetId', ?, 'reason', 'catalog'), ?, ?, ?, ?)`,
  );
  const hold = JSON.stringify({ code: 'E_OFFLINE', message: 'Offline.', retryable: true });
  sql.transaction(() => {
    for (let id = 1; id <= JOBS; id += 1) {
      const state = id % 3 === 0 ? 'queued' : 'done';
      insert.run(id, state, null, at, at);
    }
    insert.run(JOBS + 1, 'paused', hold, at, at); // held by Dailies: the editor's pause takes it
    insert.run(JOBS + 2, 'paused', null, at, at); // the editor's already: left alone
  })();
  /** Each job as announced: whole (job.changed), or its id and what a step changed. */
  const changed: Array<Pick<Job, 'id'> & Partial<Job>> = [];
  let announcements = 0;
  const progress: Array<EventPayload<'bulk.progress'>> = [];
  engine.subscribe((event) => {
    if (event.name === 'job.changed') changed.push(event.payload);
    if (event.name === 'jobs.changed')
      for (const id of event.payload.ids) changed.push({ id, ...event.payload.changes });
    if (event.name === 'job.changed' || event.name === 'jobs.changed') announcements += 1;
    if (event.name === 'bulk.progress') progress.push(event.payload);
  });
  const states = () =>
    Object.fromEntries(
      (
        sql.prepare('SELECT state, count(*) n FROM jobs GROUP BY state').all() as Array<{
          state: string;
          n: number;
        }>
      ).map((row) => [row.state, row.n]),
    );
  return { engine, sql, changed, progress, states, announcements: () => announcements };
}

describe('pausing and cancelling all of a large queue', () => {
  it('pauses every waiting job once, announces each as paused, and leaves finished jobs alone', async () => {
    const { engine, changed, progress, states, announcements } = busyQueue();
    const waiting = Math.floor(JOBS / 3);
    expect(await call(engine, 'jobs.pause', { all: true })).toEqual({ changed: waiting + 1 });
    expect(states()).toEqual({ done: JOBS - waiting, paused: waiting + 2 });
    // What a window or the CLI follows: every changed job once, in id order, each paused
    // with no error (the hold became the editor's pause), a step of many jobs per event.
    expect(changed.map((job) => job.id)).toEqual([
      ...Array.from({ length: waiting }, (_, index) => (index + 1) * 3),
      JOBS + 1,
    ]);
    expect(changed.every((job) => job.state === 'paused' && job.error === null)).toBe(true);
    expect(announcements()).toBeLessThan(waiting / 100);

    changed.length = 0;
    progress.length = 0;
    expect(await call(engine, 'jobs.cancel', { all: true })).toEqual({ changed: waiting + 2 });
    expect(states()).toEqual({ done: JOBS - waiting, cancelled: waiting + 2 });
    expect(changed).toHaveLength(waiting + 2);
    expect(changed.every((job) => job.state === 'cancelled' && job.finishedAt !== null)).toBe(true);
    expectClosedProgress(progress, 'jobs.cancel', waiting + 2);
  });

  it('reports how far it is across the id windows, ending with the count it changed', async () => {
    const { engine, progress } = busyQueue();
    const waiting = Math.floor(JOBS / 3);
    await call(engine, 'jobs.pause', { all: true });
    expectClosedProgress(progress, 'jobs.pause', waiting + 1);
    progress.length = 0;
    await call(engine, 'jobs.resume', { all: true });
    expectClosedProgress(progress, 'jobs.resume', waiting + 2);
  });

  it('a call over every window that changes nothing reports no progress', async () => {
    const { engine, progress } = busyQueue();
    await call(engine, 'jobs.pause', { all: true });
    progress.length = 0;
    for (const method of ['jobs.pause', 'jobs.resume', 'jobs.retry'] as const) {
      const selection =
        method === 'jobs.pause'
          ? { all: true as const }
          : { all: true as const, kind: 'sync' as const };
      expect(await call(engine, method, selection)).toEqual({ changed: 0 });
    }
    expect(await call(engine, 'jobs.cancel', { all: true, kind: 'sync' })).toEqual({ changed: 0 });
    expect(progress).toEqual([]);
  });

  it('a pause that fails part-way still ends its progress, at what it changed', async () => {
    const { engine, sql, progress, states } = busyQueue();
    // The catalog refuses to change one job past the first id window.
    sql.exec(
      `CREATE TRIGGER refuse_one BEFORE UPDATE ON jobs WHEN OLD.id = 15000
       BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`,
    );
    const refused = await engine.dispatch('jobs.pause', { all: true });
    expect(refused.ok).toBe(false);
    const paused = (states().paused ?? 0) - 2; // two were paused before the call
    expect(paused).toBeGreaterThan(0);
    expect(paused).toBeLessThan(Math.floor(JOBS / 3));
    expectClosedProgress(progress, 'jobs.pause', paused);
  });

  it('pauses only the jobs of the kind asked for', async () => {
    const { engine, states } = busyQueue();
    expect(await call(engine, 'jobs.pause', { all: true, kind: 'sync' })).toEqual({ changed: 0 });
    expect(states().queued).toBe(Math.floor(JOBS / 3));
  });
});

/** Done never goes back, and the last event closes the window's strip at `changed`. */
function expectClosedProgress(
  progress: ReadonlyArray<EventPayload<'bulk.progress'>>,
  operation: EventPayload<'bulk.progress'>['operation'],
  changed: number,
) {
  expect(progress.length).toBeGreaterThan(1);
  expect(progress.every((event) => event.operation === operation)).toBe(true);
  const done = progress.map((event) => event.done);
  expect(done).toEqual([...done].sort((a, b) => a - b));
  expect(progress.slice(0, -1).every((event) => event.total === null)).toBe(true);
  expect(progress.at(-1)).toEqual({
    runId: expect.any(String),
    operation,
    done: changed,
    total: changed,
  });
}
