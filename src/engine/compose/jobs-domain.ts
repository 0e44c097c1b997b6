import type { CatalogDb } from '../catalog/open-catalog';
import { JobRepository } from '../catalog/repositories/job-repository';
import type { Transact } from '../catalog/transact';
import type { EventBus } from '../events/event-bus';
import { JobQueue, type JobQueueDeps } from '../jobs/job-queue';
import type { Logger } from '../logging/logger';
import type { HandlersOf } from './domain-handlers';

export type JobsDomainDeps = Omit<JobQueueDeps, 'repository' | 'logger'> & {
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
    logger: logger.child('jobs'),
  });
  const handlers: HandlersOf<'jobs.'> = {
    'jobs.list': async (filter) => queue.list(filter),
    'jobs.pause': async (selection) => ({ changed: await queue.pause(selection) }),
    'jobs.resume': async (selection) => ({ changed: await queue.resume(selection) }),
    'jobs.cancel': async (selection) => ({ changed: await queue.cancel(selection) }),
    'jobs.retry': async (selection) => ({ changed: await queue.retry(selection) }),
    'jobs.reorder': async ({ ids }) => ({ changed: queue.reorder(ids) }),
  };
  return { queue, handlers };
}
