import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/contract';
import { openCatalog, type Catalog } from '../../src/engine/catalog/open-catalog';
import { JobRepository } from '../../src/engine/catalog/repositories/job-repository';
import { JobStateQueries } from '../../src/engine/catalog/repositories/job-state-queries';
import { createTransact } from '../../src/engine/catalog/transact';
import { defaultMigrationsDir } from '../../src/engine/create-engine';
import { BulkRuns } from '../../src/engine/events/bulk-runs';
import { EventBus } from '../../src/engine/events/event-bus';
import { JobQueue } from '../../src/engine/jobs/job-queue';
import { systemClock, type Clock } from '../../src/engine/time/clock';
import { recordingLogger } from '../helpers/recording-logger';
import { tempDir } from '../helpers/temp-dir';

const opened: Array<{ queue: JobQueue; catalog: Catalog; release: () => void }> = [];
afterEach(async () => {
  for (const { queue, catalog, release } of opened.splice(0)) {
    release();
    await queue.dispose();
    catalog.close();
  }
});

/** The queue's waits a hundred times shorter, so its 10 s patience passes in 0.1 s. */
const hurriedClock: Clock = {
  ...systemClock,
  sleep: (ms, signal) => systemClock.sleep(ms / 100, signal),
};

/** A queue whose analyse jobs never end, whatever their signal says, until released. */
function queueWithStuckRunner() {
  const { logger, records } = recordingLogger();
  const catalog = openCatalog({
    dataDir: tempDir('dailies-stuck-job-'),
    migrationsDir: defaultMigrationsDir,
    logger,
  });
  // The job names asset 1; this test is about the queue, not the assets table.
  catalog.sqlite.pragma('foreign_keys = OFF');
  const events = new EventBus(logger);
  const queue = new JobQueue({
    repository: new JobRepository(catalog.db),
    states: new JobStateQueries(catalog.db),
    transact: createTransact(catalog.sqlite),
    events,
    bulkRuns: new BulkRuns(events),
    logger,
    clock: hurriedClock,
    retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
  });
  let release: () => void = () => {};
  const stuck = new Promise<void>((resolve) => (release = resolve));
  queue.register('analyse', { runner: () => stuck, concurrency: () => 1 });
  queue.start();
  opened.push({ queue, catalog, release: () => release() });
  const running = new Promise<Job>((resolve) =>
    events.subscribe((event) => {
      if (event.name === 'job.changed' && event.payload.state === 'running') resolve(event.payload);
    }),
  );
  return { queue, records, running };
}

describe('a job that ignores its stop', () => {
  it('is cancelled for the editor, who gets the answer, and the engine says which job lags', async () => {
    const { queue, records, running } = queueWithStuckRunner();
    queue.enqueue({ kind: 'analyse', assetId: 1, reason: 'editor' });
    const job = await running;
    expect(await queue.cancel({ ids: [job.id] })).toBe(1);
    const cancelled = queue.list({ state: 'cancelled', kind: 'analyse', limit: 10 });
    expect(cancelled.map((row) => row.id)).toEqual([job.id]);
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'a stopped job has not ended; its slot stays taken until it does',
        fields: expect.objectContaining({ jobId: job.id, reason: 'cancel' }),
      }),
    );
  });
});
