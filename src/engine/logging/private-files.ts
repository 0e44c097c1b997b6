import fs from 'node:fs';

/**
 * The data folder holds the catalog (titles, paths, what was sent where) and the logs: they
 * are the editor's alone, not every local user's. On POSIX the folders are 0700 and the files
 * 0600, including ones an older version made with the default 0755/0644. (Windows keeps a
 * user's profile folder private already; its modes mean nothing here.) This lives with the
 * logging because the log is the lowest layer that writes into the data folder.
 */
const posix = process.platform !== 'win32';

/** Creates `dir` (and its parents) if needed, and makes it private to this user. */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700);
}

/** Makes an existing file private to this user; a missing file is left alone. */
export function privateFile(file: string): void {
  tighten(file, 0o600);
}

/** The mode for files the engine creates in the data folder. */
export const PRIVATE_FILE_MODE = 0o600;

function tighten(target: string, mode: number): void {
  if (!posix) return;
  try {
    // Only takes bits away: group and others lose access, the owner keeps what they had.
    const current = fs.statSync(target).mode & 0o777;
    if ((current & ~mode) !== 0) fs.chmodSync(target, current & mode);
  } catch {
    // Missing, or owned by someone else (a mounted share): nothing we may change.
  }
}
