import { z } from 'zod';
import { CONTENT_ID_MAX, CONTENT_ID_MIN } from './content-id';
import { isValidSlug, SLUG_MAX_LENGTH } from './slug';
import { TITLE_MAX_LENGTH } from './title';

export const ageRatings = ['ALL', '12+', '15+', '18+'] as const;
export const ageRatingSchema = z.enum(ageRatings, {
  error: 'Choose one of ALL, 12+, 15+ or 18+',
});
export type AgeRating = z.infer<typeof ageRatingSchema>;

export const TAG_MAX_LENGTH = 50;
export const TAGS_MAX = 50;
export const DESCRIPTION_MAX_LENGTH = 5000;
export const NOTES_MAX_LENGTH = 10_000;

/**
 * NUL and other control characters (the platform's database refuses NUL) and the bidi
 * embedding, override and isolate controls, which make text display in another order than it
 * is stored (a title that reads one way and sorts, searches and compares another). The marks
 * U+200E/U+200F that right-to-left titles need stay allowed.
 */
function isUnsafeChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  return code === 0x7f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

export function hasUnsafeText(value: string): boolean {
  return Array.from(value).some(isUnsafeChar);
}

/** The text without the characters hasUnsafeText refuses (for defaults taken from file names). */
export function withoutUnsafeText(value: string): string {
  return Array.from(value)
    .filter((char) => !isUnsafeChar(char))
    .join('');
}

const safeText = (what: string) => ({
  error: `${what} cannot contain control characters (such as NUL) or text-direction overrides`,
});

export const titleSchema = z
  .string()
  .trim()
  .min(1, 'A title is required')
  .refine((value) => Array.from(value).length <= TITLE_MAX_LENGTH, {
    error: `A title is at most ${TITLE_MAX_LENGTH} characters`,
  })
  .refine((value) => !hasUnsafeText(value), safeText('A title'));

export const contentIdSchema = z
  .number({ error: 'A content id is a whole number' })
  .int('A content id is a whole number')
  .min(CONTENT_ID_MIN, 'A content id is at least 1')
  .max(CONTENT_ID_MAX, `A content id is at most ${CONTENT_ID_MAX}`);

export const slugSchema = z
  .string()
  .trim()
  .max(SLUG_MAX_LENGTH, `A slug is at most ${SLUG_MAX_LENGTH} characters`)
  .refine(isValidSlug, {
    error: 'A slug uses only a-z, 0-9 and single dashes between them (like "the-dark-knight")',
  });

export const tagSchema = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty')
  .max(TAG_MAX_LENGTH, `A tag is at most ${TAG_MAX_LENGTH} characters`)
  .refine((value) => !hasUnsafeText(value), safeText('A tag'));

export const tagsSchema = z
  .array(tagSchema)
  .max(TAGS_MAX, `At most ${TAGS_MAX} tags`)
  .transform(uniqueTags);

/** Everything an editor can change about an asset. Validation follows PLATFORM_API.md. */
export const metadataSchema = z.object({
  title: titleSchema,
  description: z
    .string()
    .max(DESCRIPTION_MAX_LENGTH, `A description is at most ${DESCRIPTION_MAX_LENGTH} characters`)
    .refine((value) => !value.includes('\u0000'), {
      error: 'A description cannot contain a NUL character',
    }),
  ageRating: ageRatingSchema,
  contentId: contentIdSchema.nullable(),
  slug: slugSchema,
  tags: tagsSchema,
  notes: z.string().max(NOTES_MAX_LENGTH, `Notes are at most ${NOTES_MAX_LENGTH} characters`),
});
export type Metadata = z.infer<typeof metadataSchema>;
export type MetadataField = keyof Metadata;
export const metadataFields = Object.keys(metadataSchema.shape) as MetadataField[];

/** A change to some fields; the rest stay. */
export const metadataPatchSchema = metadataSchema.partial().strict();
export type MetadataPatch = z.infer<typeof metadataPatchSchema>;

/** Tags compare case-insensitively: the first spelling wins. */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

export interface FieldError {
  path: string;
  message: string;
}

/**
 * Field-level problems with a patch, for a form to show next to each input before it is
 * sent (the engine checks the same schema again).
 */
export function validateMetadataPatch(patch: unknown): FieldError[] {
  const result = metadataPatchSchema.safeParse(patch);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
