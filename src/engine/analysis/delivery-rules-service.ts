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

/** What a profile's rule set reference stands for; `rules` is null when no set exists at all. */
export type ResolvedRules =
  { kind: 'rules'; rules: DeliveryRuleSet | null } | { kind: 'missing'; ref: string };

export interface DeliveryRulesServiceDeps {
  repository: DeliveryRuleRepository;
  transact: Transact;
  clock: Clock;
  /** Told after a set (or its rules) changed, to re-check stored reports. */
  onChanged: () => void;
  /** The names of the profiles whose reference resolves to this set (it cannot be deleted). */
  usedBy: (set: { id: number; name: string }) => string[];
}

/**
 * Named delivery rule sets. A profile names the one its uploads must pass; a profile that
 * names none, and a catalog with no profile, use the default (exactly one set is).
 */
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

  /**
   * The rule set a profile names (its id, or its name as typed before sets were picked from
   * a list); the default when it names none. A name that matches no set is reported as
   * missing rather than silently replaced by the default: the gate must not pass a file
   * against rules the editor did not choose.
   */
  resolve(ref: string | null): ResolvedRules {
    if (ref === null) return { kind: 'rules', rules: this.defaultRules() };
    const row =
      (/^\d+$/.test(ref) ? this.deps.repository.findById(Number(ref)) : undefined) ??
      this.deps.repository.findByName(ref);
    const rules = row ? toStored(row)?.rules : undefined;
    return rules ? { kind: 'rules', rules } : { kind: 'missing', ref };
  }

  save(input: { id?: number | undefined; rules: DeliveryRuleSet; makeDefault: boolean }) {
    const at = isoNow(this.deps.clock);
    const saved = this.deps.transact(() => {
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
      return this.deps.repository.findById(row.id)!;
    });
    this.deps.onChanged();
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
      const users = this.deps.usedBy({ id: row.id, name: row.name });
      if (users.length > 0)
        throw dailiesError(
          'E_CONFLICT',
          `"${row.name}" is the delivery rule set of ${users.map((n) => `"${n}"`).join(', ')}; ` +
            'pick another one in that profile before deleting it.',
          { details: { id, profiles: users } },
        );
      return this.deps.repository.delete(id);
    });
  }
}

function toStored(row: RuleSetRow): StoredRuleSet | null {
  const rules = parseStoredJson(row.rulesJson, deliveryRuleSetSchema);
  return rules ? { id: row.id, isDefault: row.isDefault, rules, updatedAt: row.updatedAt } : null;
}
