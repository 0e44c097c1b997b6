import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { dailiesError } from '../../shared/contract';
import type { Logger } from '../logging/logger';
import { privateFile } from '../logging/private-files';
import * as schema from './schema';

export const CATALOG_FILE = 'catalog.db';
export const BACKUP_SUFFIX = '.before-upgrade';

export type CatalogDb = BetterSQLite3Database<typeof schema>;

export interface Catalog {
  readonly file: string;
  readonly db: CatalogDb;
  readonly sqlite: Database.Database;
  close(): void;
}

export interface OpenCatalogOptions {
  dataDir: string;
  migrationsDir: string;
  logger: Logger;
}

/**
 * Opens the catalog: checks it is a healthy SQLite file, backs it up when migrations are
 * pending, applies them, and sets the pragmas every connection needs. A corrupt file is
 * reported with its path and a way out; it is never silently recreated, since it holds the
 * editor's metadata.
 */
export function openCatalog(options: OpenCatalogOptions): Catalog {
  const file = path.join(options.dataDir, CATALOG_FILE);
  const backup = `${file}${BACKUP_SUFFIX}`;
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
    // Before the WAL exists: SQLite gives the -wal and -shm files the catalog's own mode.
    for (const own of [file, `${file}-wal`, `${file}-shm`, backup]) privateFile(own);
    sqlite.pragma('busy_timeout = 5000');
    if (existed) assertHealthy(sqlite);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    throw corrupt(file, backup, error);
  }

  const db = drizzle(sqlite, { schema });
  try {
    // A catalog already at the latest migration skips the migrator: it reads and checks
    // every migration file on each call, most of the start-up time of a short command.
    const pending = !existed || hasPendingMigrations(sqlite, options.migrationsDir);
    if (existed && pending) {
      fs.rmSync(backup, { force: true });
      sqlite.prepare('VACUUM INTO ?').run(backup);
      privateFile(backup);
      options.logger.info('catalog backed up before upgrade', { backup });
    } else if (fs.existsSync(backup)) {
      // The upgrade that made this backup has since opened cleanly at least once.
      fs.rmSync(backup, { force: true });
    }
    if (pending) migrate(db, { migrationsFolder: options.migrationsDir });
  } catch (error) {
    sqlite.close();
    throw dailiesError(
      'E_CATALOG_CORRUPT',
      `The catalog at ${file} could not be upgraded. A copy from before the upgrade is at ` +
        `${backup}. Send the log to support; do not delete either file.`,
      { details: { file, backup, cause: String(error) } },
    );
  }
  return { file, db, sqlite, close: () => sqlite.close() };
}

function assertHealthy(sqlite: Database.Database): void {
  const rows = sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>;
  const problems = rows.map((row) => row.integrity_check).filter((text) => text !== 'ok');
  if (problems.length > 0) {
    sqlite.close();
    throw new Error(`integrity_check: ${problems.slice(0, 5).join('; ')}`);
  }
}

function corrupt(file: string, backup: string, cause: unknown) {
  const hasBackup = fs.existsSync(backup);
  return dailiesError(
    'E_CATALOG_CORRUPT',
    `The catalog at ${file} is damaged and was not opened. ` +
      (hasBackup
        ? `A copy from before the last upgrade is at ${backup}: quit Dailies and put it in place of the damaged file, or `
        : '') +
      `move the damaged file aside to start an empty catalog (your video files are untouched).`,
    { details: { file, backup: hasBackup ? backup : null, cause: String(cause) } },
  );
}

function hasPendingMigrations(sqlite: Database.Database, migrationsDir: string): boolean {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: Array<{ when: number }> };
  const latest = Math.max(0, ...journal.entries.map((entry) => entry.when));
  const table = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'",
    )
    .get();
  if (!table) return journal.entries.length > 0;
  const applied = sqlite
    .prepare('SELECT MAX(created_at) AS latest FROM __drizzle_migrations')
    .get() as { latest: number | null };
  return (applied.latest ?? 0) < latest;
}
