import { z } from 'zod';

/**
 * One measured number. `baseline` is the bare tool doing the same work in the same run, so
 * `ratio` (value / baseline) is comparable across machines even when `value` is not.
 */
export const figureSchema = z.object({
  name: z.string().min(1),
  value: z.number(),
  unit: z.string(),
  baseline: z.object({ command: z.string(), value: z.number() }).optional(),
  ratio: z.number().optional(),
  target: z
    .object({
      op: z.enum(['<=', '>=']),
      value: z.number(),
      of: z.enum(['ratio', 'value']),
    })
    .optional(),
  /** Anything a reader needs to interpret the figure (sample count, spread). */
  note: z.string().optional(),
});
export type Figure = z.infer<typeof figureSchema>;

/** What a suite may return: its figures, or an object carrying them (and anything else). */
export const suiteOutputSchema = z.union([
  z.array(figureSchema),
  z.object({ figures: z.array(figureSchema) }).loose(),
]);

export type Verdict = 'ok' | 'MISS' | null;

/** Whether a figure meets its target; null without one (or without the ratio it targets). */
export function verdict(figure: Figure): Verdict {
  const { target } = figure;
  if (!target) return null;
  const actual = target.of === 'ratio' ? figure.ratio : figure.value;
  if (actual === undefined) return 'MISS';
  const met = target.op === '<=' ? actual <= target.value : actual >= target.value;
  return met ? 'ok' : 'MISS';
}

/** value / baseline, filled in when a suite gave a baseline but no ratio. */
export function withRatio(figure: Figure): Figure {
  if (figure.ratio !== undefined || !figure.baseline || figure.baseline.value === 0) return figure;
  return { ...figure, ratio: figure.value / figure.baseline.value };
}
