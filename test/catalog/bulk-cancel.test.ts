import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/create-engine';
import type { EventPayload, MethodInput, MethodName } from '../../src/shared/contract';
import { count, libraryOf, MANY, named } from '../helpers/bulk-library';
import { call, testEngine } from '../helpers/engine';
import { folderOf } from '../helpers/bulk-library';

type Progress = EventPayload<'bulk.progress'>;

/**
 * Runs `method` and, at the first of its bulk.progress events that `when` accepts, asks
 * bulk.cancel to stop it by the runId the event carries (as the window's Cancel does).
 * Resolves with the call's answer, what bulk.cancel answered, and the call's progress.
 */
async function stopDuring<M extends MethodName>(
  engine: Engine,
  method: M,
  input: MethodInput<M>,
  when: (progress: Progress) => boolean = () => true,
) {
  const progress: Progress[] = [];
  let asked: ReturnType<Engine['dispatch']> | null = null;
  const stop = engine.subscribe((event) => {
    if (event.name !== 'bulk.progress') return;
    progress.push(event.payload);
    if (asked === null && when(event.payload))
      asked = engine.dispatch('bulk.cancel', { runId: event.payload.runId });
  });
  const answer = await engine.dispatch(method, input);
  stop();
  return { answer, cancel: await asked, progress };
}

/** The call stopped: E_CANCELLED, its details saying how far it got. */
function stoppedAt(answer: Awaited<ReturnType<Engine['dispatch']>>) {
  expect(answer).toMatchObject({ ok: false, error: { code: 'E_CANCELLED' } });
  if (answer.ok) throw new Error('the call was not stopped');
  return answer.error as typeof answer.error & {
    details: { done: number; total: number | null; runId: string };
  };
}

/** One runId throughout, and the last event closes the strip at what was done. */
function closedAt(progress: readonly Progress[], done: number) {
  expect(new Set(progress.map((event) => event.runId)).size).toBe(1);
  expect(progress.at(-1)).toMatchObject({ done, total: done });
}

describe('stopping a whole-batch call part-way (bulk.cancel)', () => {
  it('a stopped removal keeps what it moved to the trash, leaves the rest, and says how many', async () => {
    const { engine, events, ids } = await libraryOf(MANY);
    events.length = 0;
    const { answer, cancel, progress } = await stopDuring(engine, 'assets.remove', { ids });
    expect(cancel).toEqual({ ok: true, value: { cancelled: 1 } });
    const error = stoppedAt(answer);
    const moved = error.details.done;
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(MANY);
    expect(error.message).toBe(
      `Stopped: ${moved} of 1,100 assets moved to the trash; the others are still in the library.`,
    );
    // The first ids went (the removal walks them in order); the others are untouched.
    expect((await call(engine, 'assets.search', { includeTotal: true })).total).toBe(MANY - moved);
    expect(count(engine, 'SELECT count(*) n FROM assets WHERE deleted_at IS NOT NULL')).toBe(moved);
    expect(named(events, 'assets.changed')).toEqual([
      { reason: 'removed', ids: ids.slice(0, moved) },
    ]);
    closedAt(progress, moved);
  });

  it('a stopped emptying of the trash forgets what it got to and keeps the rest in the trash', async () => {
    const { engine, ids } = await libraryOf(MANY);
    await call(engine, 'assets.remove', { ids });
    const { answer, progress } = await stopDuring(engine, 'trash.empty', {});
    const error = stoppedAt(answer);
    const gone = error.details.done;
    expect(gone).toBeGreaterThan(0);
    expect(gone).toBeLessThan(MANY);
    expect(error.message).toBe(
      `Stopped: ${gone} of 1,100 assets in the trash forgotten; the others are still in the trash.`,
    );
    expect(count(engine, 'SELECT count(*) n FROM assets')).toBe(MANY - gone);
    expect(count(engine, 'SELECT count(*) n FROM assets WHERE deleted_at IS NULL')).toBe(0);
    closedAt(progress, gone);
  });

  it('a bulk edit stopped while it writes changes nothing: what it wrote is put back', async () => {
    const { engine, events, ids } = await libraryOf(MANY);
    events.length = 0;
    // Past MANY: every asset is checked, and some are written.
    const { answer, progress } = await stopDuring(
      engine,
      'assets.bulkUpdate',
      { ids, patch: { addTags: ['festival'], ageRating: '12+' } },
      (event) => event.done > MANY,
    );
    const error = stoppedAt(answer);
    expect(error.message).toBe(
      'Stopped: nothing was changed (the edit of 1,100 assets is all or nothing).',
    );
    expect(progress.some((event) => event.done > MANY && event.done < MANY * 2)).toBe(true);
    expect(count(engine, "SELECT count(*) n FROM assets WHERE age_rating = '12+'")).toBe(0);
    expect(count(engine, "SELECT count(*) n FROM assets WHERE tags_json LIKE '%festival%'")).toBe(
      0,
    );
    expect(count(engine, 'SELECT count(*) n FROM edit_history')).toBe(0);
    expect(
      (await call(engine, 'assets.search', { query: 'festival', includeTotal: true })).total,
    ).toBe(0);
    // Windows hear of the assets put back (and of nothing else).
    const told = named(events, 'assets.changed');
    expect(told.length).toBeGreaterThan(0);
    expect(told.every((event) => event.reason === 'updated')).toBe(true);
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
  });

  it('a bulk edit stopped while it checks writes nothing', async () => {
    const { engine, ids } = await libraryOf(MANY);
    const { answer } = await stopDuring(engine, 'assets.bulkUpdate', {
      ids,
      patch: { ageRating: '12+' },
    });
    stoppedAt(answer);
    expect(count(engine, "SELECT count(*) n FROM assets WHERE age_rating = '12+'")).toBe(0);
    expect(count(engine, 'SELECT count(*) n FROM edit_history')).toBe(0);
  });

  it('a stopped pause of every job keeps the jobs it paused and leaves the others queued', async () => {
    // Adding the files queued one analysis per asset; nothing runs them here.
    const { engine } = await libraryOf(MANY);
    const { answer, progress } = await stopDuring(engine, 'jobs.pause', { all: true });
    const error = stoppedAt(answer);
    const paused = error.details.done;
    expect(paused).toBeGreaterThan(0);
    expect(paused).toBeLessThan(MANY);
    expect(error.message).toBe(
      `Stopped: ${paused} jobs paused; the others were left as they were.`,
    );
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE state = 'paused'")).toBe(paused);
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE state = 'queued'")).toBe(MANY - paused);
    closedAt(progress, paused);
  });

  it('a stopped retry of every job keeps the jobs it queued again and leaves the others cancelled', async () => {
    const { engine } = await libraryOf(MANY);
    await call(engine, 'jobs.cancel', { all: true });
    const { answer, progress } = await stopDuring(engine, 'jobs.retry', { all: true });
    const error = stoppedAt(answer);
    const retried = error.details.done;
    expect(retried).toBeGreaterThan(0);
    expect(retried).toBeLessThan(MANY);
    expect(error.message).toBe(
      `Stopped: ${retried} jobs queued again; the others were left as they were.`,
    );
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE state = 'queued'")).toBe(retried);
    expect(count(engine, "SELECT count(*) n FROM jobs WHERE state = 'cancelled'")).toBe(
      MANY - retried,
    );
    closedAt(progress, retried);
  });

  it('a stopped analysis of a large selection keeps what it queued', async () => {
    const { engine, ids } = await libraryOf(MANY);
    await call(engine, 'jobs.cancel', { all: true });
    const { answer, progress } = await stopDuring(engine, 'analysis.start', {
      assetIds: ids,
      force: true,
    });
    const error = stoppedAt(answer);
    const looked = error.details.done;
    expect(looked).toBeLessThan(MANY);
    const queued = count(engine, "SELECT count(*) n FROM jobs WHERE state = 'queued'");
    expect(queued).toBe(looked);
    expect(error.message).toBe(
      `Stopped: ${looked} of 1,100 assets looked at, ${queued} of them queued for analysis; the others were left as they were.`,
    );
    closedAt(progress, looked);
  });

  it('stopping a call that already finished, or a runId never seen, stops nothing', async () => {
    const { engine, ids } = await libraryOf(MANY);
    const progress: Progress[] = [];
    engine.subscribe((event) => {
      if (event.name === 'bulk.progress') progress.push(event.payload);
    });
    expect(await call(engine, 'assets.remove', { ids })).toEqual({ removed: MANY });
    const finished = progress.at(-1)!.runId;
    expect(await call(engine, 'bulk.cancel', { runId: finished })).toEqual({ cancelled: 0 });
    expect(await call(engine, 'bulk.cancel', { runId: 'no-such-run' })).toEqual({ cancelled: 0 });
    expect(await call(engine, 'bulk.cancel', {})).toEqual({ cancelled: 0 });
    // Nothing is left asked to stop: the next call runs to its end.
    await call(engine, 'assets.restore', { ids });
    expect(await call(engine, 'assets.remove', { ids })).toEqual({ removed: MANY });
  });

  it('of two removals running at once, bulk.cancel {runId} stops that one only; {} stops both', async () => {
    // Small steps, so both are still running when the stop is asked for.
    const engine = testEngine({ startWork: false, bulkStepItems: 8 });
    const { assetIds } = await call(engine, 'assets.addPaths', { paths: [folderOf(400)] });
    const halves = [assetIds.slice(0, 100), assetIds.slice(100, 200)];
    const started = new Set<string>();
    let asked: ReturnType<Engine['dispatch']> | null = null;
    let stopOne: string | null = null;
    engine.subscribe((event) => {
      if (event.name !== 'bulk.progress') return;
      started.add(event.payload.runId);
      // Once both run, stop the one that reported second.
      if (started.size === 2 && asked === null) {
        stopOne = event.payload.runId;
        asked = engine.dispatch('bulk.cancel', { runId: stopOne });
      }
    });
    const answers = await Promise.all(
      halves.map((ids) => engine.dispatch('assets.remove', { ids })),
    );
    expect(await asked).toEqual({ ok: true, value: { cancelled: 1 } });
    const stopped = answers.filter((answer) => !answer.ok);
    expect(stopped).toHaveLength(1);
    const one = stoppedAt(stopped[0]!).details;
    expect(one.runId).toBe(stopOne);
    expect(one.done).toBeLessThan(100);
    expect(count(engine, 'SELECT count(*) n FROM assets WHERE deleted_at IS NOT NULL')).toBe(
      100 + one.done,
    );
    expect(answers.filter((answer) => answer.ok)).toEqual([{ ok: true, value: { removed: 100 } }]);

    // Two more at once, and one bulk.cancel {} for every running call.
    const others = [assetIds.slice(200, 300), assetIds.slice(300, 400)];
    started.clear();
    let askedAll: ReturnType<Engine['dispatch']> | null = null;
    engine.subscribe((event) => {
      if (event.name !== 'bulk.progress') return;
      started.add(event.payload.runId);
      if (started.size === 2 && askedAll === null) askedAll = engine.dispatch('bulk.cancel', {});
    });
    const both = await Promise.all(others.map((ids) => engine.dispatch('assets.remove', { ids })));
    expect(await askedAll).toEqual({ ok: true, value: { cancelled: 2 } });
    for (const answer of both) expect(stoppedAt(answer).details.done).toBeLessThan(100);
  });
});
