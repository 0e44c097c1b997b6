import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dailiesError } from '../../shared/contract';
import { PRIVATE_FILE_MODE } from '../logging/private-files';

export const LOCK_FILE = 'dailies.lock';

interface LockHolder {
  pid: number;
  hostname: string;
  host: string;
  startedAt: string;
}

export interface DataDirLock {
  release(): void;
}

/**
 * One engine per data dir. SQLite's WAL would happily let two processes write the same
 * catalog and interleave two queues over the same files, so the second app or CLI gets a
 * clear error naming the holder. A lock left by a process that no longer runs on this
 * machine is taken over.
 */
export function acquireDataDirLock(dataDir: string, host: string, now: Date): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const mine: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    host,
    startedAt: now.toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = fs.openSync(file, 'wx', PRIVATE_FILE_MODE);
      fs.writeSync(fd, JSON.stringify(mine));
      fs.closeSync(fd);
      return { release: () => releaseIfMine(file, mine) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && isAlive(holder)) {
        throw dailiesError(
          'E_LOCKED',
          `This data folder is in use by another Dailies (${holder.host}, process ${holder.pid} ` +
            `on ${holder.hostname}, since ${holder.startedAt}). Close it first, or use another ` +
            `data folder.`,
          { details: { dataDir, holder } },
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw dailiesError('E_LOCKED', `Could not lock the data folder ${dataDir}.`, {
    details: { dataDir },
  });
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string') return null;
    return {
      pid: parsed.pid,
      hostname: parsed.hostname,
      host: parsed.host ?? 'unknown',
      startedAt: parsed.startedAt ?? 'unknown',
    };
  } catch {
    // Half-written by a process that died while taking it: not a live holder.
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  // On another machine (a shared network folder) we cannot tell: assume it is alive.
  if (holder.hostname !== os.hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfMine(file: string, mine: LockHolder): void {
  const holder = readHolder(file);
  if (holder && holder.pid === mine.pid && holder.hostname === mine.hostname) {
    fs.rmSync(file, { force: true });
  }
}
