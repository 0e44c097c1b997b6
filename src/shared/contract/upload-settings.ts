import { z } from 'zod';

/** How a profile's uploads behave and what is done to its objects at rest. */
const MiB = 1024 * 1024;
/** S3's limits for a multipart part: 5 MiB (except the last) to 5 GiB. */
export const MIN_PART_SIZE = 5 * MiB;
export const MAX_PART_SIZE = 5 * 1024 * MiB;

/** What is done to objects at rest; only when the profile asks (PLATFORM_API.md). */
export const encryptionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('sse-s3') }),
  z.object({
    kind: z.literal('sse-kms'),
    kmsKeyId: z.string().trim().min(1, 'Enter the KMS key id or ARN').max(2048),
  }),
]);
export type Encryption = z.infer<typeof encryptionSchema>;

const TIME_WINDOW = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

/** How uploads of this profile behave. The window may cross midnight (20:00-07:00). */
export const uploadSettingsSchema = z.object({
  concurrency: z.number().int().min(1).max(16),
  partSizeBytes: z
    .number()
    .int()
    .min(MIN_PART_SIZE, 'A part is at least 5 MiB (S3 refuses smaller ones)')
    .max(MAX_PART_SIZE, 'A part is at most 5 GiB'),
  /** null: as fast as the network allows. */
  bandwidthLimitBytesPerSecond: z
    .number()
    .int()
    .min(64 * 1024, 'A bandwidth limit below 64 KB/s would stall uploads')
    .nullable(),
  /** "HH:MM-HH:MM" in local time, or null for any time. */
  timeWindow: z
    .string()
    .trim()
    .regex(TIME_WINDOW, 'Write the time window as HH:MM-HH:MM, e.g. 20:00-07:00')
    .refine(
      (window) => window.slice(0, 5) !== window.slice(6),
      'The window starts and ends at once',
    )
    .nullable(),
});
export type UploadSettings = z.infer<typeof uploadSettingsSchema>;

export const defaultUploadSettings: UploadSettings = {
  concurrency: 4,
  partSizeBytes: 16 * MiB,
  bandwidthLimitBytesPerSecond: null,
  timeWindow: null,
};
