import { z } from 'zod';
import { defineMethod } from './define';
import { secretKindSchema } from './secrets';

/**
 * Who is signed in to the platform on a profile. `verified` is false when the platform could
 * not be asked just now (offline): the record is shown as last known, with the reason.
 */
export const accountStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signed-out'), profileId: z.string() }),
  z.object({
    state: z.literal('signed-in'),
    profileId: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    username: z.string().nullable(),
    roles: z.array(z.string()),
    /** ISO 8601 on this computer's clock. */
    expiresAt: z.string(),
    verified: z.boolean(),
    note: z.string().optional(),
  }),
  z.object({
    state: z.literal('expired'),
    profileId: z.string(),
    email: z.string().nullable(),
    expiredAt: z.string().nullable(),
    /** What the editor reads: "... sign in again". */
    message: z.string(),
  }),
]);
export type AccountStatus = z.infer<typeof accountStatusSchema>;

const profileIdInput = z.object({ profileId: z.string().min(1) }).strict();

export const accountMethods = {
  'account.signIn': defineMethod({
    summary: 'Sign in to the platform on a profile; the token goes to the keychain only.',
    input: z
      .object({
        profileId: z.string().min(1),
        email: z.string().trim().min(1, 'Enter your email').max(320),
        password: z.string().min(1, 'Enter your password').max(1024),
      })
      .strict(),
    output: accountStatusSchema,
  }),
  'account.status': defineMethod({
    summary: 'Who is signed in on a profile and until when (asks the platform).',
    input: profileIdInput,
    output: accountStatusSchema,
  }),
  'account.signOut': defineMethod({
    summary: 'Sign out: tell the platform, forget the token; says what was removed.',
    input: profileIdInput,
    output: z.object({
      status: accountStatusSchema,
      removedSecrets: z.array(secretKindSchema),
      /** False when the platform could not be told (offline); the token is forgotten anyway. */
      platformNotified: z.boolean(),
    }),
  }),
};
