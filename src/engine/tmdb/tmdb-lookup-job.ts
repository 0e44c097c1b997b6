import { isDailiesError, type TmdbLookupJobSpec } from '../../shared/contract';
import type { EventBus } from '../events/event-bus';
import type { JobRunner } from '../jobs/job-runner';
import type { TmdbService } from './tmdb-service';

/**
 * One asset of a "suggest for selection": look it up and keep the candidates for review.
 * Nothing is applied. A failure is told to views (tmdb.candidates) before the queue decides
 * whether to retry it.
 */
export function tmdbLookupRunner(deps: {
  service: Pick<TmdbService, 'lookup'>;
  events: EventBus;
}): JobRunner<TmdbLookupJobSpec> {
  return async (spec, context) => {
    context.progress({ stage: 'search', percent: 10, file: null });
    try {
      await deps.service.lookup({ assetId: spec.assetId }, context.signal);
    } catch (error) {
      if (isDailiesError(error) && error.code !== 'E_CANCELLED') {
        deps.events.emit('tmdb.candidates', {
          assetId: spec.assetId,
          count: 0,
          noMatch: false,
          error: error.toValue(),
        });
      }
      throw error;
    }
    context.progress({ stage: 'done', percent: 100, file: null });
  };
}
