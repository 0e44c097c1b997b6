import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Named delivery rule sets (what a platform expects of a file), as JSON validated by the
 * contract on read. Exactly one is the default every analysis is checked against; the
 * accounts issue attaches one to each profile.
 */
export const deliveryRuleSets = sqliteTable(
  'delivery_rule_sets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    rulesJson: text('rules_json').notNull(),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [uniqueIndex('delivery_rule_sets_name_unique').on(table.name)],
);
