import { z } from 'zod';
import { isDailiesError, type ErrorValue } from '../../shared/contract';
import type { Logger } from '../logging/logger';

/**
 * Turns anything thrown into the contract's error value. A DailiesError keeps its code;
 * a zod failure becomes E_VALIDATION with field paths; anything else is E_INTERNAL with the
 * detail logged, never shown raw to the editor.
 */
export function toErrorValue(error: unknown, logger: Logger, context: string): ErrorValue {
  if (isDailiesError(error)) return error.toValue();
  if (error instanceof z.ZodError) return validationErrorValue(error);
  logger.error('unexpected failure', { context, error });
  return {
    code: 'E_INTERNAL',
    message: 'Something went wrong inside Dailies. The details are in the log.',
    retryable: false,
  };
}

export function validationErrorValue(error: z.ZodError): ErrorValue {
  const fields = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = fields[0];
  const summary = first ? `${first.path || 'input'}: ${first.message}` : 'invalid input';
  return {
    code: 'E_VALIDATION',
    message: `Some values are not valid (${summary}).`,
    retryable: false,
    details: { fields },
  };
}
