import { z } from 'zod';
import { assetIdSchema } from './asset-identity';
import { defineMethod } from './define';
import { errorValueSchema } from './errors';
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

const isoTime = z.string().describe('ISO 8601 in UTC');

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

/** What queueing assets for upload did, and which assets did not go and why. */
export const enqueueResultSchema = z.object({
  queued: z.number().int(),
  /** Already waiting or running: not queued twice. */
  alreadyQueued: z.number().int(),
  /** Synced and unchanged since: nothing to send. */
  alreadySynced: z.number().int(),
  jobIds: z.array(z.number().int()),
  /** Assets left out (only with `partial`, or by sync.enqueueReady), each with the reason. */
  notSent: z
    .array(
      z.object({
        assetId: assetIdSchema,
        reason: z.string(),
        /**
         * Only the delivery check stopped it (its verdict is fail): the editor may send it
         * anyway with `overrideDelivery`, which its history records.
         */
        overridable: z.boolean().default(false),
      }),
    )
    .default([]),
  /** Queued with a delivery warning (verdict warn), or sent anyway despite a failure. */
  warnings: z.array(z.object({ assetId: assetIdSchema, message: z.string() })).default([]),
});
export type EnqueueResult = z.infer<typeof enqueueResultSchema>;

const profileSelector = z.object({ profileId: z.string().min(1).optional() }).strict();

export const syncMethods = {
  'sync.enqueue': defineMethod({
    summary:
      'Queue analysed assets (ready with a thumbnail, or synced and edited) for upload and ' +
      'registration under a profile (the active one by default). An asset that fails the ' +
      "profile's delivery rules is not sent unless `overrideDelivery` is set. Refuses the whole " +
      'batch, naming each asset, when one cannot be queued, unless `partial` is set.',
    input: z
      .object({
        assetIds: z.array(assetIdSchema).min(1).max(10_000),
        profileId: z.string().min(1).optional(),
        /** Higher runs first. */
        priority: z.number().int().min(-1000).max(1000).default(0),
        /**
         * Queue every asset that can go and list the others in `notSent`, instead of
         * refusing the whole batch.
         */
        partial: z.boolean().default(false),
        /**
         * Send assets whose delivery verdict is fail all the same (each was confirmed by the
         * editor); recorded in each one's history with who and when.
         */
        overrideDelivery: z.boolean().default(false),
      })
      .strict(),
    output: enqueueResultSchema,
  }),
  'sync.enqueueReady': defineMethod({
    summary:
      'Queue every analysed asset that was never sent (status ready) under a profile (the ' +
      'active one by default); the ones that cannot go yet are listed with their reasons.',
    input: z
      .object({
        profileId: z.string().min(1).optional(),
        priority: z.number().int().min(-1000).max(1000).default(0),
      })
      .strict(),
    output: enqueueResultSchema,
  }),
  'sync.status': defineMethod({
    summary:
      'Where the sync of each asset stands (all assets that have a sync state if none given).',
    input: z.object({ assetIds: z.array(assetIdSchema).min(1).max(10_000).optional() }).strict(),
    output: z.array(assetSyncStatusSchema),
  }),
  'sync.resolveConflict': defineMethod({
    summary:
      "Settle a conflict, for every field or field by field: 'theirs' takes the platform's " +
      "value into the catalog (an edit, with history); 'ours' accepts the remote change as " +
      'seen and queues our value to overwrite it. Every conflicting field must be chosen.',
    input: z.object({ assetId: assetIdSchema, keep: conflictChoiceSchema }).strict(),
    output: assetSyncStatusSchema,
  }),
  'sync.overview': defineMethod({
    summary: 'The queue at a glance: counts, overall bytes, speed, ETA, and why it is held.',
    input: z.object({}).strict(),
    output: syncOverviewSchema,
  }),
  'sync.reconcile': defineMethod({
    summary:
      'Compare the catalog with the bucket (HeadObject per key) and the platform (content and ' +
      'video assets) for the assets synced or part-synced under a profile.',
    input: profileSelector,
    output: z.object({
      profileId: z.string(),
      checked: z.number().int(),
      findings: z.array(reconcileFindingSchema),
    }),
  }),
  'sync.cleanupUploads': defineMethod({
    summary:
      'Abort the unfinished multipart uploads Dailies itself started under a profile more than ' +
      '`olderThanHours` ago (default 24). Colleagues’ uploads are never touched.',
    input: z
      .object({
        profileId: z.string().min(1).optional(),
        olderThanHours: z
          .number()
          .min(0)
          .max(24 * 365)
          .default(24),
      })
      .strict(),
    output: z.object({
      aborted: z.array(z.object({ key: z.string(), uploadId: z.string(), createdAt: isoTime })),
    }),
  }),
  'sync.abortForeignUpload': defineMethod({
    summary:
      'Abort one unfinished upload Dailies did not start (as listed by ' +
      'sync.listForeignUploads): its parts are deleted and a colleague still sending it ' +
      'fails. Only after the editor confirmed, which `confirmed: true` states.',
    input: z
      .object({
        profileId: z.string().min(1).optional(),
        key: z.string().min(1),
        uploadId: z.string().min(1),
        confirmed: z.literal(true),
      })
      .strict(),
    output: z.object({ key: z.string(), uploadId: z.string(), bytes: z.number().int() }),
  }),
  'sync.listForeignUploads': defineMethod({
    summary:
      'Unfinished multipart uploads under the profile’s key prefix that Dailies did not start, ' +
      'with the bytes their parts hold. Read only.',
    input: profileSelector,
    output: z.array(
      z.object({
        key: z.string(),
        uploadId: z.string(),
        initiated: z.string().nullable(),
        initiator: z.string().nullable(),
        parts: z.number().int(),
        bytes: z.number().int(),
      }),
    ),
  }),
};
