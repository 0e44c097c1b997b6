import path from 'node:path';
import Database from 'better-sqlite3';

/** Every row of every table of a data folder's catalog, read only: to compare before and after. */
export function catalogRows(dataDir: string): Record<string, unknown[]> {
  const db = new Database(path.join(dataDir, 'catalog.db'), { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as Array<{ name: string }>;
    return Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]),
    );
  } finally {
    db.close();
  }
}
