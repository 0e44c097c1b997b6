import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { assets } from './assets';

export const editKinds = ['edit', 'undo', 'file-changed', 'delivery-override'] as const;

/** Who changed which fields of an asset and when; `undone_by` points at the undo entry. */
export const editHistory = sqliteTable(
  'edit_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    batchId: text('batch_id').notNull(),
    kind: text('kind', { enum: editKinds }).notNull(),
    actor: text('actor').notNull(),
    at: text('at').notNull(),
    changesJson: text('changes_json').notNull(),
    undoneBy: integer('undone_by'),
  },
  (table) => [index('edit_history_asset_id').on(table.assetId, table.id)],
);
