import { z } from 'zod';
import {
  dailiesError,
  isDailiesError,
  type DailiesError,
  type ErrorValue,
} from '../../shared/contract';
import type { Logger } from '../logging/logger';

/** What an editor reads for any failure Dailies did not foresee. */
export const INTERNAL_MESSAGE = 'Something went wrong inside Dailies. The details are in the log.';

/**
 * The one way an unknown failure is handled, wherever it is caught (the dispatcher, the job
 * queue, the CLI, the S3 classification): logged with its cause (the error and its stack),
 * and shown as a plain E_INTERNAL whose message and details never carry its raw text.
 */
export function unexpectedFailure(error: unknown, logger: Logger, context: string): DailiesError {
  logger.error('unexpected failure', { context, error });
  return dailiesError('E_INTERNAL', INTERNAL_MESSAGE);
}

/**
 * Turns anything thrown into a DailiesError. A DailiesError keeps its code; a zod failure
 * becomes E_VALIDATION with field paths; anything else is an unexpected failure (above).
 */
export function toDailiesError(error: unknown, logger: Logger, context: string): DailiesError {
  if (isDailiesError(error)) return error;
  if (error instanceof z.ZodError) return dailiesError('E_VALIDATION', ...validation(error));
  return unexpectedFailure(error, logger, context);
}

/** The contract's error value for anything thrown (see toDailiesError). */
export function toErrorValue(error: unknown, logger: Logger, context: string): ErrorValue {
  return toDailiesError(error, logger, context).toValue();
}

export function validationErrorValue(error: z.ZodError): ErrorValue {
  const [message, options] = validation(error);
  return { code: 'E_VALIDATION', message, retryable: false, details: options.details };
}

function validation(error: z.ZodError): [string, { details: Record<string, unknown> }] {
  const fields = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = fields[0];
  const summary = first ? `${first.path || 'input'}: ${first.message}` : 'invalid input';
  return [`Some values are not valid (${summary}).`, { details: { fields } }];
}
