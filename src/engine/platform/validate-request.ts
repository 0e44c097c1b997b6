import type { z } from 'zod';
import { dailiesError } from '../../shared/contract/errors';

export interface FieldProblem {
  /** The platform's field name (`title`, `video_url`, `content_id`). */
  field: string;
  message: string;
}

/**
 * Checks a request value against the platform's constraints before it is sent, so a value
 * the platform would refuse never leaves the machine and the editor learns which field to
 * fix. Returns the parsed value (which is what gets sent).
 */
export function validateRequest<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  fieldPrefix = '',
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields: FieldProblem[] = parsed.error.issues.map((issue) => ({
    field: [fieldPrefix, ...issue.path.map(String)].filter((part) => part !== '').join('.'),
    message: issue.message,
  }));
  const summary = fields.map((problem) => problem.message).join('; ');
  throw dailiesError('E_VALIDATION', `Dailies did not send ${what}: ${summary}.`, {
    details: { fields },
  });
}
