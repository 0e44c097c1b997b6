import type { AnalyseJobSpec, Job, JobState } from '../../src/shared/contract';
import type { JobContext } from '../../src/engine/jobs/job-runner';
import { openCatalog, type Catalog } from '../../src/engine/catalog/open-catalog';
import { JobRepository } from '../../src/engine/catalog/repositories/job-repository';
import { JobStateQueries } from '../../src/engine/catalog/repositories/job-state-queries';
import { createTransact } from '../../src/engine/catalog/transact';
import { defaultMigrationsDir } from '../../src/engine/create-engine';
import { BulkRuns } from '../../src/engine/events/bulk-runs';
import { EventBus } from '../../src/engine/events/event-bus';
import { JobQueue } from '../../src/engine/jobs/job-queue';
import { systemClock, type Clock } from '../../src/engine/time/clock';
import { recordingLogger } from './recording-logger';
import { tempDir } from './temp-dir';

/**
 * A JobQueue alone on a fresh catalog (real SQLite, real migrations), its analyse jobs run by
 * `runner`, started, one try per job. For tests about the queue itself: the jobs name assets
 * the catalog does not hold, so its foreign keys are off. Close it with `dispose()`.
 */
export function bareJobQueue(
  runner: (spec: AnalyseJobSpec, context: JobContext) => Promise<void>,
  options: { clock?: Clock; stopWaitMs?: number } = {},
) {
  const { logger, records, errors } = recordingLogger();
  const catalog: Catalog = openCatalog({
    dataDir: tempDir('dailies-jobs-'),
    migrationsDir: defaultMigrationsDir,
    logger,
  });
  catalog.sqlite.pragma('foreign_keys = OFF');
  const events = new EventBus(logger);
  const queue = new JobQueue({
    repository: new JobRepository(catalog.db),
    states: new JobStateQueries(catalog.db),
    transact: createTransact(catalog.sqlite),
    events,
    bulkRuns: new BulkRuns(events),
    logger,
    clock: options.clock ?? systemClock,
    retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    ...(options.stopWaitMs !== undefined ? { stopWaitMs: options.stopWaitMs } : {}),
  });
  queue.register('analyse', { runner, concurrency: () => 1 });
  queue.start();
  /** The first job announced (job.changed) in `state`. */
  const entered = (state: JobState) =>
    new Promise<Job>((resolve) =>
      events.subscribe((event) => {
        if (event.name === 'job.changed' && event.payload.state === state) resolve(event.payload);
      }),
    );
  return {
    queue,
    catalog,
    records,
    errors,
    entered,
    async dispose() {
      await queue.dispose();
      catalog.close();
    },
  };
}
