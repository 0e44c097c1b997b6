import { z } from 'zod';
import { errorCodeSchema } from './errors';

export const connectionCheckIdSchema = z.enum([
  'platform-health',
  'internal-token',
  'bucket-reachable',
  'bucket-writable',
  'clock-skew',
  'sign-in',
]);
export type ConnectionCheckId = z.infer<typeof connectionCheckIdSchema>;

/** One line of "Test connection": what was checked and the exact reason for its result. */
export const connectionCheckSchema = z.object({
  id: connectionCheckIdSchema,
  label: z.string(),
  result: z.enum(['pass', 'fail', 'warn', 'skip']),
  reason: z.string(),
  /** The error code behind a fail, for code that branches on it. */
  code: errorCodeSchema.optional(),
});
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;
