import { parseStoredJson } from '../catalog/parse-stored-json';
import {
  dailiesError,
  deliveryRuleSetSchema,
  type DeliveryRuleSet,
  type DeliveryRuleSetInput,
  type StoredRuleSet,
} from '../../shared/contract';
import type {
  DeliveryRuleRepository,
  RuleSetRow,
} from '../catalog/repositories/delivery-rule-repository';
import type { Transact } from '../catalog/transact';
import { isoNow, type Clock } from '../time/clock';

/**
 * What a new catalog starts with: the containers the platform serves with a proper content
 * type, H.264/HEVC picture, sound present, at most 4 hours. Editors tighten it per platform.
 */
export const defaultRuleSet: DeliveryRuleSetInput = {
  name: 'Platform default',
  containers: ['mp4', 'mov', 'mkv', 'webm'],
  videoCodecs: ['h264', 'hevc', 'vp9', 'av1'],
  audioRequired: true,
  maxDurationSeconds: 4 * 3600,
};

export interface DeliveryRulesServiceDeps {
  repository: DeliveryRuleRepository;
  transact: Transact;
  clock: Clock;
  /** Told after the default set (or its rules) changed, to re-check stored reports. */
  onDefaultChanged: () => void;
}

/** Named delivery rule sets; exactly one is the default every analysis is checked against. */
export class DeliveryRulesService {
  constructor(private readonly deps: DeliveryRulesServiceDeps) {}

  /** A catalog always has a default set; the first start writes the built-in one. */
  ensureDefault(): void {
    this.deps.transact(() => {
      if (this.deps.repository.findDefault()) return;
      const first = this.deps.repository.list()[0];
      if (first) {
        this.deps.repository.setDefault(first.id);
        return;
      }
      const rules = deliveryRuleSetSchema.parse(defaultRuleSet);
      this.deps.repository.insert({
        name: rules.name,
        rulesJson: JSON.stringify(rules),
        isDefault: true,
        at: isoNow(this.deps.clock),
      });
    });
  }

  list(): StoredRuleSet[] {
    return this.deps.repository
      .list()
      .map(toStored)
      .filter((set): set is StoredRuleSet => set !== null);
  }

  defaultRules(): DeliveryRuleSet | null {
    const row = this.deps.repository.findDefault();
    return row ? (toStored(row)?.rules ?? null) : null;
  }

  save(input: { id?: number | undefined; rules: DeliveryRuleSet; makeDefault: boolean }) {
    const at = isoNow(this.deps.clock);
    const { saved, affectsDefault } = this.deps.transact(() => {
      const sameName = this.deps.repository.findByName(input.rules.name);
      if (sameName && sameName.id !== input.id)
        throw dailiesError('E_CONFLICT', `A rule set named "${input.rules.name}" exists already.`, {
          details: { field: 'name', id: sameName.id },
        });
      let row: RuleSetRow | undefined;
      if (input.id === undefined) {
        row = this.deps.repository.insert({
          name: input.rules.name,
          rulesJson: JSON.stringify(input.rules),
          isDefault: false,
          at,
        });
      } else {
        row = this.deps.repository.update(input.id, {
          name: input.rules.name,
          rulesJson: JSON.stringify(input.rules),
          updatedAt: at,
        });
        if (!row)
          throw dailiesError('E_NOT_FOUND', 'That rule set does not exist (any more).', {
            details: { id: input.id },
          });
      }
      if (input.makeDefault && !row.isDefault) this.deps.repository.setDefault(row.id);
      const final = this.deps.repository.findById(row.id)!;
      return { saved: final, affectsDefault: final.isDefault };
    });
    if (affectsDefault) this.deps.onDefaultChanged();
    return toStored(saved)!;
  }

  remove(id: number): boolean {
    return this.deps.transact(() => {
      const row = this.deps.repository.findById(id);
      if (!row) return false;
      if (row.isDefault)
        throw dailiesError(
          'E_CONFLICT',
          'This is the default rule set; make another one the default before deleting it.',
          { details: { id } },
        );
      return this.deps.repository.delete(id);
    });
  }
}

function toStored(row: RuleSetRow): StoredRuleSet | null {
  const rules = parseStoredJson(row.rulesJson, deliveryRuleSetSchema);
  return rules ? { id: row.id, isDefault: row.isDefault, rules, updatedAt: row.updatedAt } : null;
}
