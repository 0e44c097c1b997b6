import { z } from 'zod';
import { assetIdSchema } from './asset-identity';
import { defineMethod } from './define';
import { jobKindSchema, jobSchema, jobSelectionSchema, jobStateSchema } from './jobs';

/**
 * The methods of the job queue, apart from its types (`./jobs`) so that the renderer, which reads
 * those types and parses events with them, never builds these schemas: only the hosts and
 * the engine, through `./methods`, do.
 */
const changedCount = z.object({ changed: z.number().int() });

export const jobsMethods = {
  'jobs.list': defineMethod({
    summary: 'Jobs, newest first, optionally of one state or kind.',
    input: z
      .object({
        state: jobStateSchema.optional(),
        kind: jobKindSchema.optional(),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    output: z.array(jobSchema),
  }),
  'jobs.latestForAssets': defineMethod({
    summary:
      "Each listed asset's newest job of a kind, whatever its state (an asset with none is left " +
      'out): why an asset stopped, however many jobs came after.',
    input: z
      .object({ kind: jobKindSchema, assetIds: z.array(assetIdSchema).min(1).max(500) })
      .strict(),
    output: z.array(jobSchema),
  }),
  'jobs.pause': defineMethod({
    summary:
      'Pause queued and running jobs; a running one is stopped and starts over on resume. Streams bulk.progress for large sets; bulk.cancel stops it, the jobs changed so far staying so (E_CANCELLED says how many).',
    input: jobSelectionSchema,
    output: changedCount,
  }),
  'jobs.resume': defineMethod({
    summary:
      'Queue paused jobs again. Streams bulk.progress for large sets; bulk.cancel stops it, the jobs changed so far staying so (E_CANCELLED says how many).',
    input: jobSelectionSchema,
    output: changedCount,
  }),
  'jobs.cancel': defineMethod({
    summary:
      'Cancel jobs that have not finished; a running one is stopped (its process killed). Streams bulk.progress for large sets; bulk.cancel stops it, the jobs changed so far staying so (E_CANCELLED says how many).',
    input: jobSelectionSchema,
    output: changedCount,
  }),
  'jobs.reorder': defineMethod({
    summary:
      'Run these waiting (queued or paused) jobs first, in this order; the other waiting jobs ' +
      'keep their order after them. Running jobs are not interrupted.',
    input: z.object({ ids: z.array(z.number().int()).min(1).max(10_000) }).strict(),
    output: changedCount,
  }),
  'jobs.retry': defineMethod({
    summary:
      'Queue failed or cancelled jobs again, with a fresh count of attempts. Streams bulk.progress for large sets; bulk.cancel stops it, the jobs changed so far staying so (E_CANCELLED says how many).',
    input: jobSelectionSchema,
    output: changedCount,
  }),
};
