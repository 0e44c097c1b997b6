import fs from 'node:fs';
import path from 'node:path';
import type { EventPayload } from '../../src/shared/contract';
import type { Engine } from '../../src/engine/create-engine';
import { catalogSql } from './catalog';
import { call, testEngine } from './engine';
import { tempDir } from './temp-dir';

/** More than one chunk of every bulk call (250 to 500 items per chunk). */
export const MANY = 1_100;

/** A folder of `count` small distinct files with a video extension. */
export function folderOf(count: number): string {
  const root = tempDir('dailies-media-');
  for (let index = 0; index < count; index += 1)
    fs.writeFileSync(path.join(root, `clip-${index}.mp4`), `clip ${index}`);
  return root;
}

export interface RecordedEvent {
  name: string;
  payload: unknown;
}

/** An engine that queues jobs but runs none (the files are not real video). */
export async function libraryOf(count: number) {
  const engine = testEngine({ startWork: false });
  const events: RecordedEvent[] = [];
  engine.subscribe((event) => events.push(event));
  const report = await call(engine, 'assets.addPaths', { paths: [folderOf(count)] });
  return { engine, events, ids: report.assetIds };
}

export function named<
  N extends 'bulk.progress' | 'assets.changed' | 'job.changed' | 'jobs.changed',
>(events: readonly RecordedEvent[], name: N): Array<EventPayload<N>> {
  return events.filter((event) => event.name === name).map((event) => event.payload as never);
}

/**
 * The ids of the jobs announced as entering `state`, in order: alone (job.changed, whole) or
 * in a step of many (jobs.changed, the ids and what changed).
 */
export function enteredState(events: readonly RecordedEvent[], state: string): number[] {
  return events.flatMap((event) => {
    if (event.name === 'job.changed') {
      const job = event.payload as EventPayload<'job.changed'>;
      return job.state === state ? [job.id] : [];
    }
    if (event.name !== 'jobs.changed') return [];
    const step = event.payload as EventPayload<'jobs.changed'>;
    return step.changes.state === state ? step.ids : [];
  });
}

export function count(engine: Engine, query: string): number {
  return (catalogSql(engine).prepare(query).get() as { n: number }).n;
}

/**
 * Starts `work`, asks for the settings right after, and says which answered first, with how
 * many bulk.progress events had arrived when the settings came back.
 */
export async function settingsAnsweredDuring<T>(
  engine: Engine,
  events: readonly RecordedEvent[],
  work: () => Promise<T>,
): Promise<{ result: T; order: string[]; progressBeforeSettings: number }> {
  const order: string[] = [];
  let progressBeforeSettings = -1;
  const running = work().then((result) => {
    order.push('bulk call');
    return result;
  });
  const settings = call(engine, 'settings.get', {}).then(() => {
    order.push('settings.get');
    progressBeforeSettings = named(events, 'bulk.progress').length;
  });
  const [result] = await Promise.all([running, settings]);
  return { result, order, progressBeforeSettings };
}
