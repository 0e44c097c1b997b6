import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * The column as a value SQLite does not look up by index (a unary plus): for a condition that
 * only narrows rows found another way (by key, by asset, in id order). Without statistics,
 * SQLite takes the index matching the most equalities, and jobs_due (kind, state, ...) would
 * then read and sort every job of a kind for a statement that wants a few of them.
 */
export function notByIndex(column: SQLiteColumn): SQL {
  return sql`+${column}`;
}
