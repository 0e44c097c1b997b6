import type { Job, JobState } from '../../src/shared/contract';
import type { Engine } from '../../src/engine/create-engine';
import { call } from './engine';

const unfinished: readonly JobState[] = ['queued', 'running'];

/**
 * Resolves once no job is queued or running (paused ones do not count), checked whenever a
 * job changes state: event-driven, never a sleep.
 */
export async function waitForJobsIdle(engine: Engine): Promise<Job[]> {
  for (;;) {
    const changed = new Promise<void>((resolve) => {
      const stop = engine.subscribe((event) => {
        if (event.name === 'job.changed') {
          stop();
          resolve();
        }
      });
    });
    const jobs = await call(engine, 'jobs.list', {});
    if (!jobs.some((job) => unfinished.includes(job.state))) return jobs;
    await changed;
  }
}
