import { parseStoredJson } from '../catalog/parse-stored-json';
import { z } from 'zod';
import {
  analysisWarningSchema,
  deliveryReportSchema,
  filmstripIndexSchema,
  stillImageSchema,
} from '../../shared/contract/media';

/**
 * What analysis_results.checks_json holds besides the columns: the delivery report, the
 * loudness it was judged on (so a changed rule set is re-checked without decoding again),
 * the warnings and the stills' sizes. Validated on read like every JSON column.
 */
export const analysisExtrasSchema = z.object({
  delivery: deliveryReportSchema.nullable(),
  loudness: z.object({ integratedLufs: z.number(), rangeLu: z.number().nullable() }).nullable(),
  /** Whether loudness was asked for and measured; false means "not measured". */
  loudnessMeasured: z.boolean(),
  warnings: z.array(analysisWarningSchema),
  thumbnail: stillImageSchema.nullable(),
  filmstrip: filmstripIndexSchema.nullable(),
});
export type AnalysisExtras = z.infer<typeof analysisExtrasSchema>;

export function parseExtras(json: string | null): AnalysisExtras | null {
  return parseStoredJson(json, analysisExtrasSchema);
}

/** -Infinity (digital silence) does not survive JSON; it is stored as the filter's floor. */
export function storableLufs(value: number): number {
  return Number.isFinite(value) ? value : -70;
}
