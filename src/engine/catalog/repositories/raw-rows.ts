import { getTableColumns, type InferSelectModel } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * Turns rows read with `SELECT table.*` (keyed by column name) into the table's row type,
 * decoding each value as the query builder would (booleans stored as integers, ...). The
 * builder's own mapping costs about 25 us per asset row, ten times the read itself, which
 * made it the larger part of a library page; this does the same work once per column.
 */
export function rowMapper<T extends SQLiteTable>(
  table: T,
): (raw: Record<string, unknown>) => InferSelectModel<T> {
  const columns = Object.entries(getTableColumns(table)).map(
    ([key, column]) => [key, column.name, column] as const,
  );
  return (raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, name, column] of columns) {
      const value = raw[name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as InferSelectModel<T>;
  };
}
