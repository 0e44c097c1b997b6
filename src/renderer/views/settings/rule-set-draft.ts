import { deliveryRuleSetSchema } from '../../../shared/contract/media';
import type { DeliveryRuleSet, StoredRuleSet } from '../../../shared/contract';

/** A rule set as the form edits it: lists as comma-separated text, numbers as text. */
export interface RuleSetDraft {
  name: string;
  containers: string;
  videoCodecs: string;
  audioCodecs: string;
  minWidth: string;
  minHeight: string;
  maxDurationSeconds: string;
  frameRates: string;
  audioRequired: boolean;
  loudnessMin: string;
  loudnessMax: string;
  loudnessTolerance: string;
  makeDefault: boolean;
}

export type RuleSetField = Exclude<keyof RuleSetDraft, 'audioRequired' | 'makeDefault'>;

export const emptyRuleSetDraft: RuleSetDraft = {
  name: '',
  containers: '',
  videoCodecs: '',
  audioCodecs: '',
  minWidth: '',
  minHeight: '',
  maxDurationSeconds: '',
  frameRates: '',
  audioRequired: false,
  loudnessMin: '',
  loudnessMax: '',
  loudnessTolerance: '',
  makeDefault: false,
};

const text = (value: number | null | undefined) => (value == null ? '' : String(value));

export function draftFromRuleSet(set: StoredRuleSet, name = set.rules.name): RuleSetDraft {
  const { rules } = set;
  return {
    name,
    containers: rules.containers.join(', '),
    videoCodecs: rules.videoCodecs.join(', '),
    audioCodecs: rules.audioCodecs.join(', '),
    minWidth: text(rules.minWidth),
    minHeight: text(rules.minHeight),
    maxDurationSeconds: text(rules.maxDurationSeconds),
    frameRates: rules.frameRates.join(', '),
    audioRequired: rules.audioRequired,
    loudnessMin: text(rules.loudness?.minLufs),
    loudnessMax: text(rules.loudness?.maxLufs),
    loudnessTolerance: text(rules.loudness?.toleranceLu),
    makeDefault: false,
  };
}

/** The rules, or the fields to correct with why, checked by the contract's own schema. */
export function rulesFromDraft(
  draft: RuleSetDraft,
):
  | { ok: true; rules: DeliveryRuleSet }
  | { ok: false; fields: Partial<Record<RuleSetField, string>> } {
  const fields: Partial<Record<RuleSetField, string>> = {};
  const list = (value: string) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  const number = (key: RuleSetField): number | null => {
    const value = draft[key].trim();
    if (value === '') return null;
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) fields[key] = 'Enter a number, or leave it blank.';
    return parsed;
  };
  const rates = list(draft.frameRates).map(Number);
  if (rates.some((rate) => !Number.isFinite(rate)))
    fields.frameRates = 'Frame rates are numbers separated by commas, e.g. 25, 29.97';
  const min = number('loudnessMin');
  const max = number('loudnessMax');
  const tolerance = number('loudnessTolerance');
  if ((min === null) !== (max === null))
    fields[min === null ? 'loudnessMin' : 'loudnessMax'] =
      'Give both ends of the loudness window, or neither.';
  else if (min !== null && max !== null && min > max)
    fields.loudnessMax = 'The loudest allowed must be at least the quietest.';
  const candidate = {
    name: draft.name,
    containers: list(draft.containers),
    videoCodecs: list(draft.videoCodecs),
    audioCodecs: list(draft.audioCodecs),
    minWidth: number('minWidth'),
    minHeight: number('minHeight'),
    maxDurationSeconds: number('maxDurationSeconds'),
    audioRequired: draft.audioRequired,
    frameRates: rates,
    loudness:
      min !== null && max !== null
        ? { minLufs: min, maxLufs: max, ...(tolerance === null ? {} : { toleranceLu: tolerance }) }
        : null,
  };
  const parsed = deliveryRuleSetSchema.safeParse(candidate);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const [first, second] = issue.path.map(String);
      const key = (
        first === 'loudness'
          ? second === 'maxLufs'
            ? 'loudnessMax'
            : second === 'toleranceLu'
              ? 'loudnessTolerance'
              : 'loudnessMin'
          : first
      ) as RuleSetField;
      fields[key] ??= issue.message;
    }
  if (Object.keys(fields).length > 0 || !parsed.success) return { ok: false, fields };
  return { ok: true, rules: parsed.data };
}
