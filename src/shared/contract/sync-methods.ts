import { z } from 'zod';
import { assetIdSchema } from './asset-identity';
import { defineMethod } from './define';
import { isoTime } from './iso-time';
import {
  assetSyncStatusSchema,
  conflictChoiceSchema,
  reconcileFindingSchema,
  syncOverviewSchema,
} from './sync';

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
