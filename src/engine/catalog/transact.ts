import type Database from 'better-sqlite3';

/** Runs a function in one SQLite transaction (a savepoint when already inside one). */
export type Transact = <T>(work: () => T) => T;

export function createTransact(sqlite: Database.Database): Transact {
  return (work) => sqlite.transaction(work).immediate();
}
