import { DailiesError } from '../../shared/contract';

/** The sentence to show an editor for anything a call rejected with. */
export function errorMessage(error: unknown): string {
  if (error instanceof DailiesError) return error.message;
  return 'Something went wrong in the Dailies window. Reload it to try again.';
}
