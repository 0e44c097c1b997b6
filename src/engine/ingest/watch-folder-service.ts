import fs from 'node:fs';
import path from 'node:path';
import { dailiesError, type WatchFolder } from '../../shared/contract';
import type {
  WatchFolderRepository,
  WatchFolderRow,
} from '../catalog/repositories/watch-folder-repository';
import type { Logger } from '../logging/logger';
import type { IngestService } from './ingest-service';
import { extensionOf, isHiddenOrSystem } from './video-extensions';
import { isoNow, type Clock } from '../time/clock';

export interface WatchFolderServiceDeps {
  repository: WatchFolderRepository;
  ingest: IngestService;
  logger: Logger;
  clock: Clock;
  videoExtensions: () => ReadonlySet<string>;
  /** How long a file's size and mtime must stay put before it counts as fully copied. */
  settleMs?: number;
}

interface Watched {
  row: WatchFolderRow;
  watcher: fs.FSWatcher | null;
  problem: string | null;
}

interface Pending {
  sizeBytes: number;
  mtimeMs: number;
  timer: NodeJS.Timeout;
}

/**
 * Watch folders: new or changed videos are ingested once they stop growing, so a file that
 * is still being copied is never taken half-written. Every watcher, timer and running
 * ingest ends in dispose().
 */
export class WatchFolderService {
  readonly #watched = new Map<number, Watched>();
  readonly #pending = new Map<string, Pending>();
  readonly #ingests = new Set<Promise<unknown>>();
  readonly #settleMs: number;
  #disposed = false;

  constructor(private readonly deps: WatchFolderServiceDeps) {
    this.#settleMs = deps.settleMs ?? 3000;
  }

  /** Starts watching every saved folder (and picks up what changed while Dailies was closed). */
  start(): void {
    for (const row of this.deps.repository.list()) this.#watch(row, true);
  }

  list(): WatchFolder[] {
    return this.deps.repository.list().map((row) => this.#toContract(row));
  }

  add(given: string): WatchFolder {
    const folder = path.resolve(given);
    let stats: fs.Stats;
    try {
      stats = fs.statSync(folder);
    } catch {
      throw dailiesError('E_NOT_FOUND', `The folder ${folder} does not exist.`, {
        details: { fields: [{ path: 'path', message: 'No such folder' }] },
      });
    }
    if (!stats.isDirectory()) {
      throw dailiesError('E_VALIDATION', `${folder} is a file; choose a folder to watch.`, {
        details: { fields: [{ path: 'path', message: 'Not a folder' }] },
      });
    }
    const existing = this.deps.repository.findByPath(folder);
    if (existing) return this.#toContract(existing);
    const row = this.deps.repository.insert(folder, isoNow(this.deps.clock));
    this.#watch(row, true);
    return this.#toContract(row);
  }

  remove(id: number): boolean {
    const watched = this.#watched.get(id);
    if (watched) {
      watched.watcher?.close();
      this.#watched.delete(id);
      const prefix = `${watched.row.path}${path.sep}`;
      for (const [file, pending] of this.#pending) {
        if (file.startsWith(prefix)) {
          clearTimeout(pending.timer);
          this.#pending.delete(file);
        }
      }
    }
    return this.deps.repository.delete(id);
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    for (const watched of this.#watched.values()) watched.watcher?.close();
    this.#watched.clear();
    for (const pending of this.#pending.values()) clearTimeout(pending.timer);
    this.#pending.clear();
    await Promise.allSettled([...this.#ingests]);
  }

  #watch(row: WatchFolderRow, scanNow: boolean): void {
    const watched: Watched = { row, watcher: null, problem: null };
    this.#watched.set(row.id, watched);
    try {
      watched.watcher = fs.watch(row.path, { recursive: true }, (_event, name) => {
        if (name) this.#schedule(path.join(row.path, name.toString()));
      });
      watched.watcher.on('error', (error) => {
        watched.problem = `The folder can no longer be watched (${String(error)}).`;
        this.deps.logger.warn('watch folder failed', { path: row.path, error: String(error) });
      });
    } catch (error) {
      watched.problem = `The folder cannot be watched (${String(error)}).`;
      this.deps.logger.warn('cannot watch folder', { path: row.path, error: String(error) });
    }
    if (scanNow) this.#ingest(row.path, row.id, true);
  }

  /** Waits until the file has kept the same size and mtime for settleMs, then ingests it. */
  #schedule(file: string): void {
    if (this.#disposed) return;
    const name = path.basename(file);
    if (isHiddenOrSystem(name)) return;
    const previous = this.#pending.get(file);
    if (previous) clearTimeout(previous.timer);
    const observation = statOrNull(file);
    if (!observation) {
      this.#pending.delete(file);
      return;
    }
    if (!observation.isDirectory() && !this.deps.videoExtensions().has(extensionOf(name))) return;
    const timer = setTimeout(() => this.#check(file), this.#settleMs);
    this.#pending.set(file, { sizeBytes: observation.size, mtimeMs: observation.mtimeMs, timer });
  }

  #check(file: string): void {
    const pending = this.#pending.get(file);
    if (!pending || this.#disposed) return;
    const now = statOrNull(file);
    if (!now) {
      this.#pending.delete(file);
      return;
    }
    if (now.size !== pending.sizeBytes || now.mtimeMs !== pending.mtimeMs) {
      this.#schedule(file);
      return;
    }
    this.#pending.delete(file);
    const owner = [...this.#watched.values()].find((watched) =>
      file.startsWith(`${watched.row.path}${path.sep}`),
    );
    // A folder moved in whole: take its settled files, wait for the others.
    this.#ingest(file, owner?.row.id ?? null, now.isDirectory());
  }

  /** A whole-folder scan takes only files that have been still for settleMs; the rest wait. */
  #ingest(target: string, folderId: number | null, wholeFolder = false): void {
    if (this.#disposed) return;
    const run = this.deps.ingest
      .addPaths(
        [target],
        wholeFolder
          ? {
              restoreTrashed: false,
              settledBefore: this.deps.clock.now() - this.#settleMs,
              onUnsettled: (file) => this.#schedule(file),
            }
          : { restoreTrashed: false },
      )
      .then((report) => {
        if (folderId !== null && this.#watched.has(folderId)) {
          this.deps.repository.markScanned(folderId, isoNow(this.deps.clock));
        }
        if (report.problems.length > 0) {
          this.deps.logger.warn('watch folder ingest had problems', {
            target,
            problems: report.problems.slice(0, 20),
          });
        }
      })
      .catch((error: unknown) => {
        if (!this.#disposed)
          this.deps.logger.warn('watch folder ingest failed', { target, error: String(error) });
      })
      .finally(() => this.#ingests.delete(run));
    this.#ingests.add(run);
  }

  #toContract(row: WatchFolderRow): WatchFolder {
    const current = this.deps.repository.findByPath(row.path) ?? row;
    return {
      id: current.id,
      path: current.path,
      addedAt: current.addedAt,
      lastScanAt: current.lastScanAt,
      problem: this.#watched.get(current.id)?.problem ?? null,
    };
  }
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}
