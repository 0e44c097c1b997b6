import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Engine-wide settings, one row per key, values as JSON validated by the contract on read. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  valueJson: text('value_json').notNull(),
  updatedAt: text('updated_at').notNull(),
});
