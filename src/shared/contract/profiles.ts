import { z } from 'zod';
import { normaliseKeyPrefix } from '../key-prefix';
import { isLoopbackHost } from '../loopback-host';
import { defineMethod } from './define';
import { connectionCheckSchema } from './connection-check';
import { defaultUploadSettings, encryptionSchema, uploadSettingsSchema } from './upload-settings';
import { secretKindSchema, secretStatusSchema } from './secrets';

const emptyToNull = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? null : value;

/** The fields of a profile, without the rules that span fields (see transportIssues). */
const profileFields = {
  name: z.string().trim().min(1, 'Give the profile a name').max(100),
  /** Everything before `/v1`, e.g. https://api.example.com/api; no trailing slash. */
  apiBaseUrl: z
    .string()
    .trim()
    .min(1, 'Enter the platform API base URL')
    .max(2048)
    .transform((url) => url.replace(/\/+$/, '')),
  bucket: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'A bucket name is 3-63 lower-case letters, digits, dots and dashes',
    ),
  region: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,32}$/, 'A region looks like ap-northeast-2'),
  /** For S3-compatible stores; null means AWS itself. */
  s3Endpoint: z.preprocess(
    emptyToNull,
    z
      .string()
      .trim()
      .max(2048)
      .transform((url) => url.replace(/\/+$/, ''))
      .nullable(),
  ),
  forcePathStyle: z.boolean(),
  /**
   * Normalised: '' or ending in exactly one `/`. A folder inside the bucket, never a path out
   * of it: S3 keeps `..` and `\` as they are, so a prefix with them lands where no one looks.
   */
  keyPrefix: z
    .string()
    .max(512)
    .refine((prefix) => !prefix.trim().startsWith('/'), {
      message: 'A key prefix is a folder inside the bucket: leave out the leading /',
    })
    .refine((prefix) => !prefix.includes('\\'), {
      message: 'A key prefix separates folders with /, not \\',
    })
    .refine(
      (prefix) => !prefix.split('/').some((part) => part.trim() === '..' || part.trim() === '.'),
      {
        message: 'A key prefix cannot contain . or .. folders',
      },
    )
    // eslint-disable-next-line no-control-regex
    .refine((prefix) => !/[\u0000-\u001f\u007f]/.test(prefix), {
      message: 'A key prefix cannot contain control characters',
    })
    .transform(normaliseKeyPrefix),
  /** A host name such as cdn.example.com, or null. */
  cdnDomain: z.preprocess(
    emptyToNull,
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(
        /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/,
        'Enter the CDN host name only, e.g. cdn.example.com',
      )
      .nullable(),
  ),
  encryption: encryptionSchema,
  upload: uploadSettingsSchema,
  /** The delivery-check rule set uploads of this profile must pass; null for none. */
  deliveryRuleSetId: z.preprocess(emptyToNull, z.string().trim().min(1).max(100).nullable()),
};

/**
 * A profile may only name addresses its secrets can safely travel to: the internal token and
 * a sign-in go to the API base URL, the S3 keys sign every request to the S3 endpoint. Plain
 * http is refused unless it stays on this machine (a local server or a tunnel).
 */
function transportIssues(
  config: { apiBaseUrl?: string | undefined; s3Endpoint?: string | null | undefined },
  context: z.RefinementCtx,
): void {
  const check = (field: 'apiBaseUrl' | 's3Endpoint', value: string, carries: string) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      context.addIssue({
        code: 'custom',
        path: [field],
        message: `"${value}" is not a web address`,
      });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      context.addIssue({ code: 'custom', path: [field], message: 'Start with https://' });
      return;
    }
    if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      context.addIssue({
        code: 'custom',
        path: [field],
        message: 'Leave out any query, fragment or user name',
      });
      return;
    }
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      context.addIssue({
        code: 'custom',
        path: [field],
        message:
          `Dailies will not send ${carries} over plain http to ${url.host}: anyone on the ` +
          'network could read them. Use https://, or http:// only to this computer (127.0.0.1).',
      });
    }
  };
  if (config.apiBaseUrl)
    check('apiBaseUrl', config.apiBaseUrl, 'the internal token or your sign-in');
  if (config.s3Endpoint) check('s3Endpoint', config.s3Endpoint, 'the S3 keys');
}

/** A whole profile configuration, as stored and as validated on every read. */
export const profileConfigSchema = z.object(profileFields).superRefine(transportIssues);
export type ProfileConfig = z.infer<typeof profileConfigSchema>;

/** What creating a profile needs; everything but name, URL and bucket has a default. */
export const profileCreateSchema = z
  .object({
    ...profileFields,
    region: profileFields.region.default('us-east-1'),
    s3Endpoint: profileFields.s3Endpoint.default(null),
    forcePathStyle: profileFields.forcePathStyle.default(false),
    keyPrefix: profileFields.keyPrefix.default(''),
    cdnDomain: profileFields.cdnDomain.default(null),
    encryption: encryptionSchema.default({ kind: 'none' }),
    upload: uploadSettingsSchema.default(defaultUploadSettings),
    deliveryRuleSetId: profileFields.deliveryRuleSetId.default(null),
  })
  .strict()
  .superRefine(transportIssues);

/** Fields to change; the rest stay. The merged profile is checked as a whole. */
export const profilePatchSchema = z.object(profileFields).partial().strict();
export type ProfilePatch = z.infer<typeof profilePatchSchema>;

/** The secrets an editor types in; the platform access token only comes from signing in. */
export const settableSecretKindSchema = secretKindSchema.exclude(['platform-access-token']);
export type SettableSecretKind = z.infer<typeof settableSecretKindSchema>;

/** Who is signed in on this profile, as last recorded (no network needed to show it). */
export const signInRecordSchema = z.object({
  email: z.string(),
  /** ISO 8601, on this computer's clock. */
  expiresAt: z.string(),
  expired: z.boolean(),
});

export const profileSchema = z.object({
  id: z.string(),
  active: z.boolean(),
  ...profileFields,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set / not set / unavailable, where from and a masked tail: never a value. */
  secrets: z.record(secretKindSchema, secretStatusSchema),
  signIn: signInRecordSchema.nullable(),
});
export type Profile = z.infer<typeof profileSchema>;

const idInput = z.object({ id: z.string().min(1) }).strict();
const profileIdInput = z.object({ profileId: z.string().min(1) }).strict();

export const profileMethods = {
  'profiles.list': defineMethod({
    summary: 'Every upload profile, the active one marked; secrets as set/not set only.',
    input: z.object({}).strict(),
    output: z.array(profileSchema),
  }),
  'profiles.get': defineMethod({
    summary: 'One profile.',
    input: idInput,
    output: profileSchema,
  }),
  'profiles.create': defineMethod({
    summary: 'Create a profile; the first one becomes active.',
    input: profileCreateSchema,
    output: profileSchema,
  }),
  'profiles.update': defineMethod({
    summary: 'Change some fields of a profile; the result is checked as a whole.',
    input: z.object({ id: z.string().min(1), patch: profilePatchSchema }).strict(),
    output: profileSchema,
  }),
  'profiles.remove': defineMethod({
    summary:
      'Remove a profile and every secret it kept in the keychain; says which. With ' +
      'leaveKeychainEntries (when the keychain cannot be reached) the profile goes and its ' +
      'keychain entries are left where they are, and the answer says so.',
    input: z
      .object({ id: z.string().min(1), leaveKeychainEntries: z.boolean().optional() })
      .strict(),
    output: z.object({
      removed: z.literal(true),
      removedSecrets: z.array(secretKindSchema),
      /** True when the keychain entries were left on request: delete them there by hand. */
      keychainEntriesLeft: z.boolean(),
      activeId: z.string().nullable(),
    }),
  }),
  'profiles.activate': defineMethod({
    summary: 'Make a profile the active one.',
    input: idInput,
    output: profileSchema,
  }),
  'profiles.setSecret': defineMethod({
    summary: 'Store a secret of a profile in the keychain. Answers only whether it is set.',
    input: z
      .object({
        profileId: z.string().min(1),
        kind: settableSecretKindSchema,
        // Pasted values often carry a newline; no token or key has surrounding spaces.
        value: z
          .string()
          .trim()
          .min(1, 'Enter a value')
          .max(16 * 1024),
      })
      .strict(),
    output: z.object({ kind: secretKindSchema, status: secretStatusSchema }),
  }),
  'profiles.clearSecret': defineMethod({
    summary: 'Remove a secret of a profile from the keychain.',
    input: z.object({ profileId: z.string().min(1), kind: settableSecretKindSchema }).strict(),
    output: z.object({
      kind: secretKindSchema,
      removed: z.boolean(),
      status: secretStatusSchema,
    }),
  }),
  'profiles.testConnection': defineMethod({
    summary: 'Check platform, internal token, bucket, clock and sign-in of a profile.',
    input: profileIdInput,
    output: z.object({
      profileId: z.string(),
      ok: z.boolean(),
      checks: z.array(connectionCheckSchema),
    }),
  }),
};
