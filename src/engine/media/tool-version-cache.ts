import fs from 'node:fs';
import path from 'node:path';
import type { ToolName } from './locate-tools';

/**
 * What ffprobe/ffmpeg answered to `-version`, remembered between runs. Asking costs a spawn
 * of each tool, which on a busy machine was most of `dailies info`'s time; the answer only
 * changes when the binary does.
 */
export interface ToolVersionCache {
  /** The version recorded for this very binary, or null when it must be asked. */
  get(name: ToolName, file: string): string | null;
  set(name: ToolName, file: string, version: string): void;
}

/** What one binary answered, and the size and mtime it had then. */
interface CachedVersion {
  size: number;
  mtimeMs: number;
  version: string;
}

interface CacheFile {
  /** `tool|real path` -> its last answer. */
  versions: Record<string, CachedVersion>;
}

/** A cache that never remembers (tests that count spawns, and hosts without a data folder). */
export const noToolVersionCache: ToolVersionCache = { get: () => null, set: () => {} };

/**
 * The cache kept in one small JSON file (tool-versions.json in the data folder). An entry
 * holds the binary's real path (a symlink such as /usr/bin/ffmpeg -> an alternatives entry is
 * followed), size and modification time: an upgraded or replaced binary is asked again. A missing, unreadable or corrupt file is only a cache miss; a failed write is
 * ignored (the next run asks again).
 */
export function fileToolVersionCache(cacheFile: string): ToolVersionCache {
  let loaded: CacheFile | null = null;
  const read = (): CacheFile => (loaded ??= readCacheFile(cacheFile));
  return {
    get(name, file) {
      const binary = examine(name, file);
      if (binary === null) return null;
      const cached = read().versions[binary.key];
      const same = cached?.size === binary.size && cached.mtimeMs === binary.mtimeMs;
      return same ? cached.version : null;
    },
    set(name, file, version) {
      const binary = examine(name, file);
      if (binary === null) return;
      const { key, size, mtimeMs } = binary;
      loaded = { versions: { ...read().versions, [key]: { size, mtimeMs, version } } };
      writeCacheFile(cacheFile, loaded);
    },
  };
}

/** The binary behind `file` (symlinks followed), or null when it cannot be examined. */
function examine(
  name: ToolName,
  file: string,
): { key: string; size: number; mtimeMs: number } | null {
  try {
    const real = fs.realpathSync(file);
    const stat = fs.statSync(real);
    return { key: `${name}|${real}`, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return null;
  }
}

function readCacheFile(cacheFile: string): CacheFile {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    const versions =
      typeof parsed === 'object' && parsed !== null && 'versions' in parsed
        ? parsed.versions
        : null;
    if (typeof versions === 'object' && versions !== null) {
      const entries = Object.entries(versions).filter((entry): entry is [string, CachedVersion] =>
        isCachedVersion(entry[1]),
      );
      return { versions: Object.fromEntries(entries) };
    }
  } catch {
    // No file yet, or not one to trust: ask the tools.
  }
  return { versions: {} };
}

function isCachedVersion(value: unknown): value is CachedVersion {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Record<keyof CachedVersion, unknown>>;
  return (
    typeof entry.size === 'number' &&
    typeof entry.mtimeMs === 'number' &&
    typeof entry.version === 'string'
  );
}

function writeCacheFile(cacheFile: string, content: CacheFile): void {
  // Written beside and renamed over, so two processes never read half a file.
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    fs.writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`);
    fs.renameSync(temporary, cacheFile);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}
