import { z } from 'zod';
import { CONTENT_ID_MAX, CONTENT_ID_MIN } from '../../shared/metadata/content-id';

/**
 * The platform's request and response bodies (PLATFORM_API.md, "Schemas"), in the platform's
 * own field names so that a refusal before sending names the same field (`title`,
 * `video_url`) as the platform's 422 would. Request schemas carry the platform's constraints
 * and are checked before anything is sent; response schemas are checked on every answer.
 */

/** Python's len(): the platform counts code points, not UTF-16 units. */
const codePoints = (text: string): number => Array.from(text).length;

const boundedText = (field: string, min: number, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .refine((value) => codePoints(value) >= min && codePoints(value) <= max, {
      error:
        min > 0
          ? `${field} must be ${min} to ${max} characters long`
          : `${field} must be at most ${max} characters long`,
    });

/** The age ratings ingest uses. The column holds 10 characters; all of these fit. */
export const ingestAgeRatings = ['ALL', '12+', '15+', '18+'] as const;
export type IngestAgeRating = (typeof ingestAgeRatings)[number];
export const AGE_RATING_MAX_LENGTH = 10;

/**
 * Stricter than the platform's development server, which stores any string: the real
 * column holds 10 characters and the platform's apps only know these four ratings.
 */
const ageRating = z.enum(ingestAgeRatings, {
  error: 'age_rating must be one of ALL, 12+, 15+ or 18+',
});

export const TITLE_MAX_LENGTH = 255;
export const URL_MAX_LENGTH = 500;
export const RESOLUTION_MAX_LENGTH = 20;

/**
 * Content ids are SQL integers: beyond 2147483647 the platform crashes with a 500. It also
 * stores zero and negative ids through the internal upsert, which no one should want.
 */
export const platformContentIdSchema = z
  .number({ error: 'content id must be a whole number' })
  .int('content id must be a whole number')
  .min(CONTENT_ID_MIN, `content id must be at least ${CONTENT_ID_MIN}`)
  .max(CONTENT_ID_MAX, `content id must be at most ${CONTENT_ID_MAX}`);

/** Video asset ids come from the same kind of column. */
export const platformAssetIdSchema = platformContentIdSchema;

export const loginRequestSchema = z.strictObject({
  email: z.string().min(1, 'email is required'),
  password: z.string().min(1, 'password is required'),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const contentCreateSchema = z.strictObject({
  title: boundedText('title', 1, TITLE_MAX_LENGTH),
  description: z.string().nullable().optional(),
  age_rating: ageRating.nullable().optional(),
});
export type ContentCreate = z.infer<typeof contentCreateSchema>;

/** Fields left out (or null) are left unchanged by the platform. */
export const contentUpdateSchema = z.strictObject({
  title: boundedText('title', 1, TITLE_MAX_LENGTH).nullable().optional(),
  description: z.string().nullable().optional(),
  age_rating: ageRating.nullable().optional(),
});
export type ContentUpdate = z.infer<typeof contentUpdateSchema>;

export const videoAssetCreateSchema = z.strictObject({
  content_id: platformContentIdSchema,
  video_url: boundedText('video_url', 0, URL_MAX_LENGTH),
  thumbnail_url: boundedText('thumbnail_url', 0, URL_MAX_LENGTH).nullable().optional(),
  duration: z
    .number({ error: 'duration must be a number of seconds' })
    .nonnegative('duration must be 0 or more seconds')
    .refine(Number.isFinite, { error: 'duration must be a finite number of seconds' })
    .nullable()
    .optional(),
  resolution: boundedText('resolution', 0, RESOLUTION_MAX_LENGTH).nullable().optional(),
});
export type VideoAssetCreate = z.infer<typeof videoAssetCreateSchema>;

export const contentListQuerySchema = z.strictObject({
  skip: z.number().int().min(0, 'skip must be 0 or more').optional(),
  limit: z
    .number()
    .int()
    .min(1, 'limit must be 1 to 1000')
    .max(1000, 'limit must be 1 to 1000')
    .optional(),
});
export type ContentListQuery = z.infer<typeof contentListQuerySchema>;

// ---- responses ----

/** `2026-11-23T09:01:22`: UTC without a zone suffix, optionally with fractions. */
const platformTimestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/);

export const healthSchema = z.object({ status: z.string() });
export type PlatformHealth = z.infer<typeof healthSchema>;

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const platformUserSchema = z.object({
  user_id: z.string(),
  username: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  token_info: z.object({ exp: z.number().int(), iat: z.number().int(), iss: z.string() }),
});
export type PlatformUser = z.infer<typeof platformUserSchema>;

export const logoutResponseSchema = z.object({ message: z.string() });
export type LogoutResponse = z.infer<typeof logoutResponseSchema>;

export const platformContentSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  age_rating: z.string().nullable(),
  like_count: z.number().int(),
  created_at: platformTimestamp,
  updated_at: platformTimestamp,
});
export type PlatformContent = z.infer<typeof platformContentSchema>;

export const platformVideoAssetSchema = z.object({
  id: z.number().int(),
  content_id: z.number().int(),
  video_url: z.string(),
  thumbnail_url: z.string().nullable(),
  duration: z.number().nullable(),
  resolution: z.string().nullable(),
  created_at: platformTimestamp,
});
export type PlatformVideoAsset = z.infer<typeof platformVideoAssetSchema>;

/** One entry of a 422 list, as FastAPI/pydantic writes it. */
export const validationProblemSchema = z.object({
  type: z.string(),
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
  input: z.unknown().optional(),
  ctx: z.record(z.string(), z.unknown()).optional(),
  url: z.string().optional(),
});
export type ValidationProblem = z.infer<typeof validationProblemSchema>;

export const errorBodySchema = z.object({
  detail: z.union([z.string(), z.array(validationProblemSchema)]),
});
