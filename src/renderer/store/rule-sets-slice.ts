import { DailiesError } from '../../shared/contract/errors';
import type { DailiesApi, DeliveryRuleSet, StoredRuleSet } from '../../shared/contract';
import { errorMessage } from './error-message';
import type { Slice } from './slice';

/** What saving or deleting a rule set did: nothing wrong, or the message and field errors. */
export type RuleSetOutcome =
  { ok: true } | { ok: false; message: string; fields: Record<string, string> };

export interface RuleSetsSlice {
  /** The delivery rule sets, the default first; null until read. */
  ruleSets: StoredRuleSet[] | null;
  ruleSetsError: string | null;
  loadRuleSets(): Promise<void>;
  /** Creates (id null) or replaces a set; the list is read again after. */
  saveRuleSet(
    id: number | null,
    rules: DeliveryRuleSet,
    makeDefault: boolean,
  ): Promise<RuleSetOutcome>;
  /** The engine refuses the default and a set a profile uses, saying which. */
  removeRuleSet(id: number): Promise<RuleSetOutcome>;
}

export const createRuleSetsSlice =
  (api: DailiesApi): Slice<RuleSetsSlice> =>
  (set, get) => ({
    ruleSets: null,
    ruleSetsError: null,
    async loadRuleSets() {
      try {
        set({ ruleSets: await api.invoke('deliveryRules.list', {}), ruleSetsError: null });
      } catch (error) {
        set({ ruleSetsError: errorMessage(error) });
      }
    },
    async saveRuleSet(id, rules, makeDefault) {
      try {
        await api.invoke('deliveryRules.save', {
          ...(id === null ? {} : { id }),
          rules,
          makeDefault,
        });
        await get().loadRuleSets();
        // Verdicts were judged again: the open detail reads its analysis anew.
        for (const shown of Object.keys(get().assetAnalyses))
          void get().loadAnalysis(Number(shown));
        return { ok: true };
      } catch (error) {
        return failure(error);
      }
    },
    async removeRuleSet(id) {
      try {
        await api.invoke('deliveryRules.remove', { id });
        await get().loadRuleSets();
        return { ok: true };
      } catch (error) {
        return failure(error);
      }
    },
  });

function failure(error: unknown): RuleSetOutcome {
  const fields: Record<string, string> = {};
  if (error instanceof DailiesError) {
    const listed = error.details?.fields;
    if (Array.isArray(listed))
      for (const f of listed as Array<{ path?: unknown; message?: unknown }>)
        fields[String(f.path ?? '').split('.')[0]!] ??= String(f.message);
    const field = error.details?.['field'];
    if (typeof field === 'string') fields[field] ??= error.message;
  }
  return { ok: false, message: errorMessage(error), fields };
}
