import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import type { Engine } from '../../src/engine/create-engine';
import { call } from './engine';
import { writeFile } from './files';
import { tempDir } from './temp-dir';

const open: Database.Database[] = [];

/** Creates video files named as given (distinct content) and ingests them; returns ids by name. */
export async function ingestFiles(
  engine: Engine,
  names: readonly string[],
): Promise<Record<string, number>> {
  const root = tempDir('dailies-media-');
  for (const name of names) writeFile(path.join(root, name), `content of ${name}`);
  await call(engine, 'assets.addPaths', { paths: [root] });
  const page = await call(engine, 'assets.search', { limit: 500 });
  return Object.fromEntries(page.items.map((asset) => [asset.fileName, asset.id]));
}

/**
 * A second connection to the engine's catalog file, standing in for parts of the engine
 * this branch does not have yet (analysis results, the sync pipeline marking an asset synced).
 */
export function catalogSql(engine: Engine): Database.Database {
  const db = new Database(path.join(engine.dataDir, 'catalog.db'));
  db.pragma('busy_timeout = 5000');
  open.push(db);
  return db;
}

export function markSynced(engine: Engine, id: number): void {
  catalogSql(engine)
    .prepare(
      "UPDATE assets SET status = 'synced', synced_at = '2026-11-20T10:00:00.000Z' WHERE id = ?",
    )
    .run(id);
}

afterEach(() => {
  for (const db of open.splice(0)) db.close();
});
