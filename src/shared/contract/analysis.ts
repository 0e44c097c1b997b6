import { z } from 'zod';
import { assetIdSchema } from './asset-identity';
import { defineMethod } from './define';
import { errorValueSchema } from './errors';
import {
  deliveryReportSchema,
  deliveryRuleSetSchema,
  filmstripIndexSchema,
  mediaInfoSchema,
  stillImageSchema,
  analysisWarningSchema,
} from './media';

const isoTime = z.string().describe('ISO 8601 in UTC');

/** The stored analysis of an asset's content: what the library and the upload use. */
export const assetAnalysisSchema = z.object({
  assetId: assetIdSchema,
  /** The content the analysis describes; differs from the asset's when the file changed. */
  sha256: z.string(),
  /** False when the file changed since: a new analysis is queued or due. */
  current: z.boolean(),
  analysedAt: isoTime,
  outcome: z.enum(['analysed', 'failed']),
  /** Present when the probe worked, also for a flagged audio-only file. */
  mediaInfo: mediaInfoSchema.nullable(),
  thumbnail: stillImageSchema.nullable(),
  filmstrip: filmstripIndexSchema.nullable(),
  warnings: z.array(analysisWarningSchema),
  error: errorValueSchema.nullable(),
  /**
   * The delivery check against the active profile's rule set (the default when it names
   * none); null when nothing could be checked, and always for a broken file.
   */
  delivery: deliveryReportSchema.nullable(),
  /** Integrated loudness, when the rule set asked for it. */
  loudnessLufs: z.number().nullable(),
});
export type AssetAnalysis = z.infer<typeof assetAnalysisSchema>;

export const storedRuleSetSchema = z.object({
  id: z.number().int(),
  /** The rule set every analysis is checked against. Exactly one is the default. */
  isDefault: z.boolean(),
  rules: deliveryRuleSetSchema,
  updatedAt: isoTime,
});
export type StoredRuleSet = z.infer<typeof storedRuleSetSchema>;

export const analysisMethods = {
  'analysis.start': defineMethod({
    summary:
      'Queue analysis of assets whose file changed or was never analysed; with force, of every one given. An unknown id fails the call before anything is queued. Streams bulk.progress (analysis.queue) for large sets; bulk.cancel stops it, what was queued staying queued (E_CANCELLED says how far it got).',
    input: z
      .object({
        assetIds: z.array(assetIdSchema).min(1).max(10_000),
        force: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ queued: z.number().int(), jobIds: z.array(z.number().int()) }),
  }),
  'analysis.get': defineMethod({
    summary: "An asset's media info, analysis outcome and delivery report; null before one ran.",
    input: z.object({ assetId: assetIdSchema }).strict(),
    output: assetAnalysisSchema.nullable(),
  }),
  'deliveryRules.list': defineMethod({
    summary: 'The named delivery rule sets, the default first.',
    input: z.object({}).strict(),
    output: z.array(storedRuleSetSchema),
  }),
  'deliveryRules.save': defineMethod({
    summary:
      'Create a rule set (no id) or replace one; makeDefault switches the default. Stored reports are re-checked against the default.',
    input: z
      .object({
        id: z.number().int().optional(),
        rules: deliveryRuleSetSchema,
        makeDefault: z.boolean().default(false),
      })
      .strict(),
    output: storedRuleSetSchema,
  }),
  'deliveryRules.remove': defineMethod({
    summary: 'Delete a rule set. The default cannot be deleted: make another the default first.',
    input: z.object({ id: z.number().int() }).strict(),
    output: z.object({ removed: z.boolean() }),
  }),
};
