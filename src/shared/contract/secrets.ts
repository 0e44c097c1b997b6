import { z } from 'zod';

/** The kinds of secret a profile holds. They live only in the OS keychain (or the environment). */
export const secretKindSchema = z.enum([
  'internal-token',
  's3-access-key-id',
  's3-secret-access-key',
  'platform-access-token',
]);
export type SecretKind = z.infer<typeof secretKindSchema>;

/**
 * Where a secret in use came from, in the headless order of precedence. `session` is a store
 * a host chose explicitly for one run (the demo's), held in memory and never written anywhere.
 */
export const secretSourceSchema = z.enum(['environment', 'aws-profile', 'keychain', 'session']);
export type SecretSource = z.infer<typeof secretSourceSchema>;

/**
 * All the API ever says about a secret: whether it is set, where from, and a masked tail
 * (see maskSecret). The value itself never crosses the contract.
 */
export const secretStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not-set') }),
  z.object({
    state: z.literal('set'),
    source: secretSourceSchema,
    /** e.g. "AWS_PROFILE=media-upload" or "DAILIES_INTERNAL_TOKEN"; never a value. */
    origin: z.string(),
    masked: z.string(),
  }),
  /** The keychain could not be asked; the reason says what to install or unlock. */
  z.object({ state: z.literal('unavailable'), reason: z.string() }),
]);
export type SecretStatus = z.infer<typeof secretStatusSchema>;
