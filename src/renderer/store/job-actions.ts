import type { DailiesApi, JobSelection } from '../../shared/contract';
import { errorMessage, wasStopped } from './error-message';
import type { Notice } from './notice';
import { plural } from './plural';

/** What the editor can do to jobs, one or all: the contract's `jobs.*` methods of that name. */
export type JobAction = 'pause' | 'resume' | 'cancel' | 'retry';

const actionWords: Record<JobAction, { method: `jobs.${JobAction}`; done: string; none: string }> =
  {
    pause: { method: 'jobs.pause', done: 'Paused', none: 'Nothing to pause.' },
    resume: { method: 'jobs.resume', done: 'Resumed', none: 'Nothing is paused.' },
    cancel: { method: 'jobs.cancel', done: 'Cancelled', none: 'Nothing to cancel.' },
    retry: { method: 'jobs.retry', done: 'Queued again', none: 'Nothing to retry.' },
  };

/**
 * Runs a job action and says how it went, counting in the view's own noun ("3 jobs",
 * "3 uploads"); a refusal is the notice, not a throw, so a view only has to show it.
 */
export async function runJobAction(
  api: DailiesApi,
  action: JobAction,
  selection: JobSelection,
  noun: string,
): Promise<Notice> {
  const words = actionWords[action];
  try {
    const { changed } = await api.invoke(words.method, selection);
    return {
      tone: 'ok',
      text: changed === 0 ? words.none : `${words.done} ${plural(changed, noun)}.`,
    };
  } catch (error) {
    // Stopped from the progress strip: the message says how many were changed.
    return { tone: wasStopped(error) ? 'ok' : 'bad', text: errorMessage(error) };
  }
}
