import { afterEach, describe, expect, it } from 'vitest';
import { dailiesError, type Job } from '../../src/shared/contract';
import { openCatalog, type Catalog } from '../../src/engine/catalog/open-catalog';
import { JobRepository } from '../../src/engine/catalog/repositories/job-repository';
import { JobStateQueries } from '../../src/engine/catalog/repositories/job-state-queries';
import { createTransact } from '../../src/engine/catalog/transact';
import { defaultMigrationsDir } from '../../src/engine/create-engine';
import { BulkRuns } from '../../src/engine/events/bulk-runs';
import { EventBus } from '../../src/engine/events/event-bus';
import { JobQueue } from '../../src/engine/jobs/job-queue';
import { INTERNAL_MESSAGE } from '../../src/engine/rpc/to-error-value';
import { recordingLogger } from '../helpers/recording-logger';
import { tempDir } from '../helpers/temp-dir';
import { systemClock } from '../../src/engine/time/clock';

const opened: Array<{ queue: JobQueue; catalog: Catalog }> = [];
afterEach(async () => {
  for (const { queue, catalog } of opened.splice(0)) {
    await queue.dispose();
    catalog.close();
  }
});

/** A queue on a fresh catalog whose analyse jobs fail with `thrown`. */
function failingQueue(thrown: unknown) {
  const { logger, errors } = recordingLogger();
  const catalog = openCatalog({
    dataDir: tempDir('dailies-jobs-'),
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
    clock: systemClock,
    retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
  });
  queue.register('analyse', { runner: () => Promise.reject(thrown), concurrency: () => 1 });
  opened.push({ queue, catalog });
  const failed = new Promise<Job>((resolve) =>
    events.subscribe((event) => {
      if (event.name === 'job.changed' && event.payload.state === 'failed') resolve(event.payload);
    }),
  );
  queue.start();
  queue.enqueue({ kind: 'analyse', assetId: 1, reason: 'editor' });
  return { failed, errors, queue };
}

describe('a job that fails with an unknown error', () => {
  it('stores and sends a plain E_INTERNAL, and logs the cause with its stack', async () => {
    const bug = new TypeError('Cannot read properties of undefined (reading "width") at /home/x');
    const { failed, errors, queue } = failingQueue(bug);
    const job = await failed;
    expect(job.error).toEqual({
      code: 'E_INTERNAL',
      message: INTERNAL_MESSAGE,
      retryable: false,
      details: { attempts: 1 },
    });
    expect(queue.list({ limit: 10 }).find((stored) => stored.id === job.id)?.error).toEqual(
      job.error,
    );
    expect(JSON.stringify(job)).not.toContain('width');
    expect(errors()).toMatchObject([
      {
        message: 'unexpected failure',
        fields: { context: `analyse job ${job.id}`, error: bug },
      },
    ]);
    expect((errors()[0]!.fields!.error as Error).stack).toContain('TypeError');
  });

  it('keeps a DailiesError as it is, logging nothing unexpected', async () => {
    const { failed, errors } = failingQueue(dailiesError('E_NOT_MEDIA', 'Not a video file.'));
    const job = await failed;
    expect(job.error).toMatchObject({ code: 'E_NOT_MEDIA', message: 'Not a video file.' });
    expect(errors()).toEqual([]);
  });
});
