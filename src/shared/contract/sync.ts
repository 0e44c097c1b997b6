import { z } from 'zod';
import { assetIdSchema } from './asset-identity';
import { errorValueSchema } from './errors';
import { isoTime } from './iso-time';
import { jobStateSchema } from './jobs';

/**
 * The per-asset sync pipeline (ARCHITECTURE.md, "One item's life"). `step` is the last step
 * the catalog recorded as finished; a restart resumes at the one after it.
 */
export const syncSteps = [
  'pending',
  'content',
  'video',
  'thumbnail',
  'metadata',
  'registered',
  'synced',
] as const;
export const syncStepSchema = z.enum(syncSteps);
export type SyncStep = z.infer<typeof syncStepSchema>;

/** One field the platform changed since our last sync, while the editor changed it too. */
export const syncConflictFieldSchema = z.object({
  field: z.enum(['title', 'description', 'ageRating']),
  /** The value at our last sync. */
  base: z.string().nullable(),
  /** The catalog's value now (what Dailies would send). */
  ours: z.string().nullable(),
  /** The platform's value now. */
  theirs: z.string().nullable(),
});
export const syncConflictSchema = z.object({
  contentId: z.number().int(),
  detectedAt: isoTime,
  fields: z.array(syncConflictFieldSchema),
});
export type SyncConflict = z.infer<typeof syncConflictSchema>;

/** What the queue view shows of one asset's sync. */
export const assetSyncStatusSchema = z.object({
  assetId: assetIdSchema,
  profileId: z.string().nullable(),
  step: syncStepSchema,
  /** The asset's sync job, when it has one (null: never queued). */
  jobId: z.number().int().nullable(),
  jobState: jobStateSchema.nullable(),
  /** The file being uploaded now (video or thumbnail), with its bytes; null between uploads. */
  upload: z
    .object({
      key: z.string(),
      bytesSent: z.number().nonnegative(),
      bytesTotal: z.number().nonnegative(),
      bytesPerSecond: z.number().nonnegative(),
      etaSeconds: z.number().nonnegative().nullable(),
    })
    .nullable(),
  contentId: z.number().int().nullable(),
  videoKey: z.string().nullable(),
  thumbnailKey: z.string().nullable(),
  remoteAssetId: z.number().int().nullable(),
  lastError: errorValueSchema.nullable(),
  /** A remote change found before re-sending metadata: nothing was overwritten. */
  conflict: syncConflictSchema.nullable(),
  updatedAt: isoTime.nullable(),
});
export type AssetSyncStatus = z.infer<typeof assetSyncStatusSchema>;

/** A `sync.progress` event: a step finished, or bytes moved. */
export const syncProgressSchema = z.object({
  assetId: assetIdSchema,
  step: syncStepSchema,
  /** What is being done now, for display ("uploading video", "registering"...). */
  activity: z.string(),
  upload: assetSyncStatusSchema.shape.upload,
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const reconcileFindingSchema = z.discriminatedUnion('kind', [
  /** Objects are in the bucket but the platform has no video asset for them. */
  z.object({
    kind: z.literal('uploaded-not-registered'),
    assetId: assetIdSchema,
    contentId: z.number().int().nullable(),
    videoKey: z.string(),
  }),
  /** The platform points at an object the bucket no longer holds. */
  z.object({
    kind: z.literal('registered-object-missing'),
    assetId: assetIdSchema,
    contentId: z.number().int(),
    key: z.string(),
  }),
  /** The platform's title, description or age rating differ from our last sync. */
  z.object({
    kind: z.literal('remote-changed'),
    assetId: assetIdSchema,
    contentId: z.number().int(),
    fields: z.array(syncConflictFieldSchema),
  }),
  /** The platform no longer has the content at all. */
  z.object({
    kind: z.literal('content-missing'),
    assetId: assetIdSchema,
    contentId: z.number().int(),
  }),
]);
export type ReconcileFinding = z.infer<typeof reconcileFindingSchema>;

/**
 * Why a profile's syncs are held (paused by Dailies, not by the editor) and resume by
 * themselves: 'offline' (the bucket or platform cannot be reached; probed again with
 * backoff), 'auth' (a token or key was refused; resumes when the editor fixes it), 'window'
 * (outside the profile's upload time window; resumes when it opens).
 */
export const syncHoldSchema = z.object({
  profileId: z.string(),
  reason: z.enum(['offline', 'auth', 'window']),
  /** For the editor: what happened and what Dailies or they will do. */
  message: z.string(),
  /** When Dailies looks again or the window opens; null when it waits for the editor. */
  until: isoTime.nullable(),
});
export type SyncHold = z.infer<typeof syncHoldSchema>;

/** The whole queue at a glance: counts, overall bytes, speed and ETA, and holds. */
export const syncOverviewSchema = z.object({
  queued: z.number().int().nonnegative(),
  running: z.number().int().nonnegative(),
  paused: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /**
   * Over the current batch (every asset queued since the queue was last idle): bytes of
   * their video and thumbnail. Finished assets stay counted as sent, so the totals never go
   * backwards; the batch clears when an upload is queued after all of it finished.
   */
  bytesSent: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  /** Recent throughput of all uploads together. */
  bytesPerSecond: z.number().nonnegative(),
  /** null when nothing moves (paused, held, idle) or the speed is not known yet. */
  etaSeconds: z.number().nonnegative().nullable(),
  holds: z.array(syncHoldSchema),
});
export type SyncOverview = z.infer<typeof syncOverviewSchema>;

const keepSideSchema = z.enum(['ours', 'theirs']);
/** Which side wins a conflict: one side for every field, or field by field. */
export const conflictChoiceSchema = z.union([
  keepSideSchema,
  z
    .object({
      title: keepSideSchema.optional(),
      description: keepSideSchema.optional(),
      ageRating: keepSideSchema.optional(),
    })
    .strict(),
]);
export type ConflictChoice = z.infer<typeof conflictChoiceSchema>;
