import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/contract';
import { catalogSql } from '../helpers/catalog';
import { call, testEngine } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { useMediaFixtures } from '../media/media-test-kit';
import { nextEvent } from './jobs-test-kit';

const fixtures = useMediaFixtures();

describe('reordering the queue', () => {
  it('runs the listed waiting jobs first in the listed order, the others after in theirs', async () => {
    const engine = testEngine();
    await call(engine, 'settings.set', { analysisConcurrency: 1 });
    const started = nextEvent(engine, 'job.changed', (job) => job.state === 'running');
    const { assetIds } = await call(engine, 'assets.addPaths', { paths: fixtures().shortClips });
    await started;
    expect(assetIds).toHaveLength(3);
    await call(engine, 'jobs.pause', { all: true });
    const jobOf = new Map((await call(engine, 'jobs.list', {})).map((j) => [j.spec.assetId, j]));
    const [a, b, c] = assetIds.map((id) => jobOf.get(id)!);

    const announced: Job[] = [];
    const stopWatch = engine.subscribe((event) => {
      if (event.name === 'job.changed') announced.push(event.payload);
    });
    // c first, then a; b (not listed) keeps its place after them.
    expect(await call(engine, 'jobs.reorder', { ids: [c!.id, a!.id] })).toEqual({ changed: 2 });
    stopWatch();
    expect(announced.map((job) => job.id).sort()).toEqual([a!.id, c!.id].sort());

    const runOrder: number[] = [];
    engine.subscribe((event) => {
      if (event.name === 'job.changed' && event.payload.state === 'running')
        runOrder.push(event.payload.id);
    });
    await call(engine, 'jobs.resume', { all: true });
    const finished = await waitForJobsIdle(engine);
    expect(runOrder).toEqual([c!.id, a!.id, b!.id]);
    expect(finished.map((job) => job.state)).toEqual(['done', 'done', 'done']);

    // Finished jobs are not waiting: nothing to reorder.
    expect(await call(engine, 'jobs.reorder', { ids: [b!.id] })).toEqual({ changed: 0 });
  });
});

/** More waiting jobs than a spread into Math.max takes (it threw a RangeError past ~125,000). */
const WAITING = 150_000;

describe('reordering a large queue', () => {
  it('puts the listed jobs first among 150,000 waiting and keeps the order of the rest', async () => {
    const engine = testEngine({ startWork: false });
    const sql = catalogSql(engine);
    const at = '2026-01-01T00:00:00.000Z';
    const insert = sql.prepare(
      `INSERT INTO jobs (kind, spec_json, state, priority, created_at, updated_at)
       VALUES ('analyse', json_object('kind', 'analyse', 'assetId', ?, 'reason', 'catalog'), ?, ?, ?, ?)`,
    );
    sql.transaction(() => {
      for (let id = 1; id <= WAITING; id += 1) {
        // Queued and paused, a few priorities; every tenth long done (not waiting).
        const state = id % 10 === 0 ? 'done' : id % 3 === 0 ? 'paused' : 'queued';
        insert.run(id, state, id % 7, at, at);
      }
    })();
    const waitingOrder = () =>
      (
        sql
          .prepare(
            `SELECT id FROM jobs WHERE state IN ('queued', 'paused') ORDER BY priority DESC, id`,
          )
          .all() as Array<{ id: number }>
      ).map((row) => row.id);
    const before = waitingOrder();
    // A paused job, a queued one of the highest priority, a low one, a done one (left alone).
    const listed = [149_999, 6, 7, 150_000];

    expect(await call(engine, 'jobs.reorder', { ids: listed })).toEqual({ changed: 3 });
    const moved = [149_999, 6, 7];
    expect(waitingOrder()).toEqual([...moved, ...before.filter((id) => !moved.includes(id))]);
    expect(sql.prepare('SELECT state FROM jobs WHERE id = 150000').get()).toEqual({
      state: 'done',
    });
    // Asked again, the order is already so: nothing changes.
    expect(await call(engine, 'jobs.reorder', { ids: moved })).toEqual({ changed: 0 });
  });
});
