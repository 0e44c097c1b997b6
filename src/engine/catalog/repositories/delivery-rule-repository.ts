import { asc, desc, eq, ne } from 'drizzle-orm';
import type { CatalogDb } from '../open-catalog';
import { deliveryRuleSets } from '../schema';

export type RuleSetRow = typeof deliveryRuleSets.$inferSelect;

/** SQL for delivery_rule_sets. Which one is the default is a rule of the service. */
export class DeliveryRuleRepository {
  constructor(private readonly db: CatalogDb) {}

  list(): RuleSetRow[] {
    return this.db
      .select()
      .from(deliveryRuleSets)
      .orderBy(desc(deliveryRuleSets.isDefault), asc(deliveryRuleSets.name))
      .all();
  }

  findById(id: number): RuleSetRow | undefined {
    return this.db.select().from(deliveryRuleSets).where(eq(deliveryRuleSets.id, id)).get();
  }

  findByName(name: string): RuleSetRow | undefined {
    return this.db.select().from(deliveryRuleSets).where(eq(deliveryRuleSets.name, name)).get();
  }

  findDefault(): RuleSetRow | undefined {
    return this.db
      .select()
      .from(deliveryRuleSets)
      .where(eq(deliveryRuleSets.isDefault, true))
      .get();
  }

  insert(row: { name: string; rulesJson: string; isDefault: boolean; at: string }): RuleSetRow {
    return this.db
      .insert(deliveryRuleSets)
      .values({
        name: row.name,
        rulesJson: row.rulesJson,
        isDefault: row.isDefault,
        createdAt: row.at,
        updatedAt: row.at,
      })
      .returning()
      .get();
  }

  update(id: number, fields: { name: string; rulesJson: string; updatedAt: string }) {
    return this.db
      .update(deliveryRuleSets)
      .set(fields)
      .where(eq(deliveryRuleSets.id, id))
      .returning()
      .get();
  }

  /** Makes one set the default and every other not. */
  setDefault(id: number): void {
    this.db
      .update(deliveryRuleSets)
      .set({ isDefault: false })
      .where(ne(deliveryRuleSets.id, id))
      .run();
    this.db
      .update(deliveryRuleSets)
      .set({ isDefault: true })
      .where(eq(deliveryRuleSets.id, id))
      .run();
  }

  delete(id: number): boolean {
    return this.db.delete(deliveryRuleSets).where(eq(deliveryRuleSets.id, id)).run().changes > 0;
  }
}
