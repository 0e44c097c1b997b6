import { DailiesError } from '../../shared/contract/errors';

/** The sentence to show an editor for anything a call rejected with. */
export function errorMessage(error: unknown): string {
  if (error instanceof DailiesError) return error.message;
  return 'Something went wrong in the Dailies window. Reload it to try again.';
}

/**
 * A whole-batch call the editor stopped (bulk.cancel): not a failure. Its message says how
 * far it got ("Stopped: 3,200 of 10,000 assets moved to the trash; ...").
 */
export function wasStopped(error: unknown): error is DailiesError {
  return error instanceof DailiesError && error.code === 'E_CANCELLED';
}
