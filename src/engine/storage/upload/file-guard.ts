import fs from 'node:fs';
import { dailiesError } from '../../../shared/contract/errors';

export interface FileIdentity {
  sizeBytes: number;
  mtimeMs: number;
}

/**
 * Fails with E_FILE_CHANGED when the file's size or mtime differ from what the catalog saw,
 * E_FILE_MISSING when it is gone. Checked before each part and before completing, so an
 * editor re-exporting a file mid-upload never gets a chimera of two versions on the store.
 */
export async function assertFileUnchanged(filePath: string, expected: FileIdentity): Promise<void> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(filePath);
  } catch (error) {
    throw dailiesError('E_FILE_MISSING', `The file ${filePath} is no longer there.`, {
      details: { path: filePath, cause: String(error) },
    });
  }
  // mtime to the millisecond: some filesystems keep less, and the catalog stores milliseconds.
  if (
    stat.size !== expected.sizeBytes ||
    Math.floor(stat.mtimeMs) !== Math.floor(expected.mtimeMs)
  ) {
    throw dailiesError(
      'E_FILE_CHANGED',
      `The file ${filePath} changed during the upload; Dailies stopped it and will analyse the ` +
        'file again before uploading the new version.',
      {
        details: {
          path: filePath,
          expected: { ...expected },
          found: { sizeBytes: stat.size, mtimeMs: stat.mtimeMs },
        },
      },
    );
  }
}
