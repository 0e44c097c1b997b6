import { z } from 'zod';
import { assetIdSchema } from './asset-identity';
import { errorValueSchema } from './errors';

/**
 * What a job does, as a discriminated union on `kind`. `sync` runs the per-asset sync pipeline; every switch over kinds is exhaustive (assertNever), so the compiler lists what a
 * new kind must implement.
 */
export const analyseJobSpecSchema = z.object({
  kind: z.literal('analyse'),
  assetId: assetIdSchema,
  /** Why it was queued: ingest found new or changed content, or the editor asked. */
  reason: z.enum(['ingest', 'changed', 'editor', 'catalog']),
});
export type AnalyseJobSpec = z.infer<typeof analyseJobSpecSchema>;
/** Upload and register one asset under a profile (or re-send its metadata when edited). */
export const syncJobSpecSchema = z.object({
  kind: z.literal('sync'),
  assetId: assetIdSchema,
  profileId: z.string().min(1),
  /**
   * The editor chose to send it although it failed the delivery check; the gate, checked
   * again when the job starts, lets it go.
   */
  overrideDelivery: z.boolean().optional(),
});
export type SyncJobSpec = z.infer<typeof syncJobSpecSchema>;
/** Look one asset up on TMDB and keep the candidates for review (nothing is applied). */
export const tmdbLookupJobSpecSchema = z.object({
  kind: z.literal('tmdb-lookup'),
  assetId: assetIdSchema,
});
export type TmdbLookupJobSpec = z.infer<typeof tmdbLookupJobSpecSchema>;
export const jobSpecSchema = z.discriminatedUnion('kind', [
  analyseJobSpecSchema,
  syncJobSpecSchema,
  tmdbLookupJobSpecSchema,
]);
export type JobSpec = z.infer<typeof jobSpecSchema>;
export type JobKind = JobSpec['kind'];
export const jobKinds = ['analyse', 'sync', 'tmdb-lookup'] as const satisfies readonly JobKind[];
export const jobKindSchema = z.enum(jobKinds);

export const jobStates = ['queued', 'running', 'paused', 'done', 'failed', 'cancelled'] as const;
export const jobStateSchema = z.enum(jobStates);
export type JobState = z.infer<typeof jobStateSchema>;

const isoTime = z.string().describe('ISO 8601 in UTC');

export const jobSchema = z.object({
  id: z.number().int(),
  kind: jobKindSchema,
  spec: jobSpecSchema,
  state: jobStateSchema,
  /** Higher runs first; equal priorities run in the order queued. */
  priority: z.number().int(),
  /** Attempts started so far (retries of retryable errors included). */
  attempts: z.number().int(),
  /** 0..100. */
  progress: z.number(),
  error: errorValueSchema.nullable(),
  /** A retry waits until then. */
  runAfter: isoTime.nullable(),
  createdAt: isoTime,
  startedAt: isoTime.nullable(),
  updatedAt: isoTime,
  finishedAt: isoTime.nullable(),
});
export type Job = z.infer<typeof jobSchema>;

/**
 * Many jobs of one kind changed the same way at once (a step of a pause, resume, cancel,
 * retry or hold of many): which jobs, and only the fields that changed, with the values every
 * listed job now has. One event per step instead of a whole job per change: a pause then a
 * cancel of 110,000 jobs sent about 75 MB of job.changed. `assetIds[i]` is the asset of job
 * `ids[i]`. A follower applies `changes` to the jobs it holds; one it does not hold it reads
 * again if it needs it (what it holds may be a capped read).
 */
export const jobsChangedSchema = z
  .object({
    kind: jobKindSchema,
    ids: z.array(z.number().int()).min(1),
    assetIds: z.array(assetIdSchema),
    changes: jobSchema
      .pick({
        state: true,
        attempts: true,
        progress: true,
        error: true,
        runAfter: true,
        updatedAt: true,
        finishedAt: true,
      })
      .partial()
      .required({ updatedAt: true }),
  })
  .refine((change) => change.assetIds.length === change.ids.length, {
    message: 'assetIds must hold one asset per job id',
  });
export type JobsChanged = z.infer<typeof jobsChangedSchema>;

export const jobProgressSchema = z.object({
  jobId: z.number().int(),
  kind: jobKindSchema,
  assetId: assetIdSchema.nullable(),
  /** Kind-specific: probe, integrity, stills, delivery... for analysis. */
  stage: z.string(),
  percent: z.number().min(0).max(100),
  /** The file being worked on, for display. */
  file: z.string().nullable(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

/** Some jobs by id, or every job the action applies to. */
export const jobSelectionSchema = z.union([
  z.object({ ids: z.array(z.number().int()).min(1).max(10_000) }).strict(),
  z.object({ all: z.literal(true), kind: jobKindSchema.optional() }).strict(),
]);
export type JobSelection = z.infer<typeof jobSelectionSchema>;
