import type { CatalogDb } from '../catalog/open-catalog';
import { JobRepository } from '../catalog/repositories/job-repository';
import { JobStateQueries } from '../catalog/repositories/job-state-queries';
import type { Transact } from '../catalog/transact';
import type { EventBus } from '../events/event-bus';
import { JobQueue, type JobQueueDeps } from '../jobs/job-queue';
import type { Logger } from '../logging/logger';
import type { HandlersOf } from './domain-handlers';

export type JobsDomainDeps = Omit<JobQueueDeps, 'repository' | 'states' | 'logger'> & {
  db: CatalogDb;
  transact: Transact;
  events: EventBus;
  logger: Logger;
};

/**
 * The durable queue every kind of job runs on, and the jobs.* methods. Built before the
 * domains whose jobs it runs: each registers its kind with `queue.register(kind, ...)`.
 */
export function composeJobs(deps: JobsDomainDeps) {
  const { db, logger, ...rest } = deps;
  const queue = new JobQueue({
    ...rest,
    repository: new JobRepository(db),
    states: new JobStateQueries(db),
    logger: logger.child('jobs'),
  });
  // The editor's calls report how far they are; Dailies' own (a released hold) do not.
  const editor = { reportProgress: true };
  const handlers: HandlersOf<'jobs.'> = {
    'jobs.list': async (filter) => queue.list(filter),
    'jobs.latestForAssets': async ({ kind, assetIds }) => [
      ...queue.latestForAssets(kind, assetIds).values(),
    ],
    'jobs.pause': async (selection) => ({ changed: await queue.pause(selection, editor) }),
    'jobs.resume': async (selection) => ({ changed: await queue.resume(selection, editor) }),
    'jobs.cancel': async (selection) => ({ changed: await queue.cancel(selection, editor) }),
    'jobs.retry': async (selection) => ({ changed: await queue.retry(selection, editor) }),
    'jobs.reorder': async ({ ids }) => ({ changed: queue.reorder(ids) }),
  };
  return { queue, handlers };
}
