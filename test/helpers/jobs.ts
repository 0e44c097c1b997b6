import type { Job, JobKind, JobState } from '../../src/shared/contract';
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
        if (event.name === 'job.changed' || event.name === 'jobs.changed') {
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

/** A job entering a state, as the engine announced it: whole (job.changed) or in a step. */
export interface JobEntered {
  id: number;
  kind: JobKind;
  state: JobState;
}

/**
 * Calls `listener` for every job the engine announces a state for, whether alone
 * (job.changed) or in a step of many (jobs.changed). Returns the unsubscribe.
 */
export function onJobStates(engine: Engine, listener: (job: JobEntered) => void): () => void {
  return engine.subscribe((event) => {
    if (event.name === 'job.changed') listener(event.payload);
    if (event.name !== 'jobs.changed') return;
    const { kind, ids, changes } = event.payload;
    if (changes.state) for (const id of ids) listener({ id, kind, state: changes.state });
  });
}

/** Resolves with the first job announced in a state the predicate accepts. */
export function nextJobState(
  engine: Engine,
  accept: (job: JobEntered) => boolean,
): Promise<JobEntered> {
  return new Promise((resolve) => {
    const stop = onJobStates(engine, (job) => {
      if (!accept(job)) return;
      stop();
      resolve(job);
    });
  });
}
