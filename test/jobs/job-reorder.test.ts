import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/contract';
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
