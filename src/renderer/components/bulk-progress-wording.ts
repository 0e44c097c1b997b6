import type { IngestProgress } from '../../shared/contract';
import type { BulkProgress } from '../store/bulk-progress-slice';

const count = new Intl.NumberFormat('en');
const n = (value: number) => count.format(value);

/** What a running whole-batch call is doing, as the progress strip says it. */
export function bulkLabel({ operation, done, total }: BulkProgress): string {
  const of = (noun: string) =>
    total === null ? `${n(done)} ${noun} so far` : `${n(done)} of ${n(total)} ${noun}`;
  switch (operation) {
    case 'assets.bulkUpdate':
      // Every asset counts twice: checked, then written.
      return total === null ? 'Editing assets…' : `Editing ${n(total / 2)} assets…`;
    case 'assets.remove':
      return `Moving ${of('assets')} to the trash…`;
    case 'trash.empty':
      return `Emptying the trash: ${of('assets')}…`;
    case 'jobs.pause':
      return `Pausing jobs: ${of('jobs')}…`;
    case 'jobs.resume':
      return `Resuming jobs: ${of('jobs')}…`;
    case 'jobs.cancel':
      return `Cancelling jobs: ${of('jobs')}…`;
    case 'jobs.retry':
      return `Retrying jobs: ${of('jobs')}…`;
    case 'analysis.queue':
      return `Queueing analysis: ${of('assets')}…`;
  }
}

/** The same call's name alone, for the progress bar and the screen reader's announcement. */
export function bulkName(operation: BulkProgress['operation']): string {
  switch (operation) {
    case 'assets.bulkUpdate':
      return 'Editing assets';
    case 'assets.remove':
      return 'Moving assets to the trash';
    case 'trash.empty':
      return 'Emptying the trash';
    case 'jobs.pause':
      return 'Pausing jobs';
    case 'jobs.resume':
      return 'Resuming jobs';
    case 'jobs.cancel':
      return 'Cancelling jobs';
    case 'jobs.retry':
      return 'Retrying jobs';
    case 'analysis.queue':
      return 'Queueing analysis';
  }
}

/** The strip's Cancel button for that call: "Cancel moving assets to the trash". */
export function bulkCancelLabel(operation: BulkProgress['operation']): string {
  const name = bulkName(operation);
  return `Cancel ${name.charAt(0).toLowerCase()}${name.slice(1)}`;
}

export function addingLabel(progress: IngestProgress): string {
  return progress.phase === 'scanning'
    ? `Adding files: ${n(progress.filesFound)} found so far…`
    : `Adding ${n(progress.filesDone)} of ${n(progress.filesFound)} files…`;
}
