import { z } from 'zod';
import { assetIdSchema } from './asset-identity';
import { assetsChangedSchema } from './catalog';
import { ingestProgressSchema } from './ingest';
import { errorValueSchema } from './errors';
import { jobProgressSchema, jobSchema, jobsChangedSchema } from './jobs';
import { settingsSchema } from './settings';
import { syncOverviewSchema, syncProgressSchema } from './sync';
import { tmdbCandidatesChangedSchema } from './tmdb';

/** The whole-batch calls that report bulk.progress (analysis.queue: analysis.start's). */
export const bulkOperationSchema = z.enum([
  'assets.bulkUpdate',
  'assets.remove',
  'trash.empty',
  'jobs.pause',
  'jobs.resume',
  'jobs.cancel',
  'jobs.retry',
  'analysis.queue',
]);
export type BulkOperation = z.infer<typeof bulkOperationSchema>;

/**
 * Every event the engine emits, by name. Hosts forward them unchanged; the renderer
 * subscribes by name and gets the parsed payload type.
 */
export const events = {
  'settings.changed': settingsSchema,
  'engine.ready': z.object({ dataDir: z.string() }),
  /**
   * The desktop host's engine process stopped: it restarts after `delayMs`, or, when `state`
   * is 'failed', it cannot start and the editor has to act (the message says what to do).
   * Calls in flight when it stopped fail with a retryable error; new calls wait for it.
   */
  'engine.status': z.discriminatedUnion('state', [
    z.object({
      state: z.literal('restarting'),
      reason: z.string(),
      attempt: z.number().int().positive(),
      delayMs: z.number().int().nonnegative(),
    }),
    z.object({ state: z.literal('failed'), error: errorValueSchema }),
  ]),
  'ingest.progress': ingestProgressSchema,
  /**
   * A whole-batch call that takes more than a moment (a bulk edit, removal or emptying of the
   * trash of thousands of assets; pausing, resuming, cancelling or retrying thousands of jobs;
   * queueing their analysis) after each step: how many items are done of how many (null while
   * the call finds them as it goes). A call's last event has done equal to total, also when
   * it fails or is stopped part-way (done = total = what it got through). A jobs.* call that
   * changes no job sends none, nor does the engine pausing or resuming jobs by itself (a
   * released hold). `runId` names the running call: bulk.cancel { runId } stops it.
   */
  'bulk.progress': z.object({
    runId: z.string(),
    operation: bulkOperationSchema,
    done: z.number().int(),
    total: z.number().int().nullable(),
  }),
  'assets.changed': assetsChangedSchema,
  /**
   * An asset being analysed was probed and its integrity checked for good (an MP4 or
   * QuickTime file whose boxes are whole): its delivery verdict is known and `sync.enqueue`
   * takes it now, so its video goes up while the stills are still being made (the thumbnail
   * follows once they are). Other files are sendable only when their analysis ends.
   */
  'analysis.verdict': z.object({ assetId: assetIdSchema }),
  /** A running job's stage and percent, at most ~10 per second per job. */
  'job.progress': jobProgressSchema,
  /**
   * A job was queued or changed state (started, paused, finished, failed...): the whole job.
   * One job's change always comes as this; many jobs changed alike in one step come as
   * jobs.changed.
   */
  'job.changed': jobSchema,
  /**
   * Many jobs of a kind changed alike in one step of a pause, resume, cancel or retry (the
   * editor's, or Dailies' own holds and releases): `{ kind, ids, assetIds, changes }`, the
   * fields that changed with their new values (`state`, `updatedAt`, and what the step set:
   * `error`, `runAfter`, `finishedAt`, `attempts`, `progress`). A step that changes a single
   * job sends job.changed instead. Follow both.
   */
  'jobs.changed': jobsChangedSchema,
  /** An asset's sync finished a step or moved bytes (uploads: at most ~4 per second). */
  'sync.progress': syncProgressSchema,
  /** The queue's counts, overall bytes, speed, ETA or holds changed (at most ~2 per second). */
  'sync.overview': syncOverviewSchema,
  /** A TMDB lookup (one or a bulk job's) collected candidates for an asset, or failed. */
  'tmdb.candidates': tmdbCandidatesChangedSchema,
};
