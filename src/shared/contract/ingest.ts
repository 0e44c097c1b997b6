import { z } from 'zod';
import { assetIdSchema } from './asset-identity';
import { errorCodeSchema } from './errors';

/** What adding files reports: while it runs, and when the batch is done. */
export const ingestProblemSchema = z.object({
  path: z.string(),
  code: errorCodeSchema,
  message: z.string(),
});
export type IngestProblem = z.infer<typeof ingestProblemSchema>;

export const ingestReportSchema = z.object({
  batchId: z.string(),
  /** Video files found under the given paths. */
  filesFound: z.number().int(),
  /** New assets created. */
  added: z.number().int(),
  /** Files whose content was already in the catalog: a new location of an existing asset. */
  duplicates: z.number().int(),
  /** Known files with the same size and mtime: not read again. */
  unchanged: z.number().int(),
  /** Known files that changed: re-hashed and flagged for re-analysis. */
  changed: z.number().int(),
  /** Assets brought back from the trash because their file was added again. */
  restored: z.number().int(),
  /** Files that are not videos (by extension), hidden or system files. */
  skipped: z.number().int(),
  /** Entries that could not be read; the rest of the batch went on. */
  problems: z.array(ingestProblemSchema),
  /** Every asset the batch touched, in scan order. */
  assetIds: z.array(assetIdSchema),
});
export type IngestReport = z.infer<typeof ingestReportSchema>;

export const ingestProgressSchema = z.object({
  batchId: z.string(),
  phase: z.enum(['scanning', 'hashing', 'done']),
  filesFound: z.number().int(),
  filesDone: z.number().int(),
  bytesTotal: z.number(),
  bytesDone: z.number(),
  problems: z.number().int(),
  currentPath: z.string().nullable(),
});
export type IngestProgress = z.infer<typeof ingestProgressSchema>;
