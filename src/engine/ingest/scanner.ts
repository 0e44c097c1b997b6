import fs from 'node:fs';
import path from 'node:path';
import type { IngestProblem } from '../../shared/contract';
import { fsProblem, notRegularFile } from './fs-problem';
import { displayPath, joinRaw, type RawPath } from './raw-path';
import { extensionOf, isHiddenOrSystem } from './video-extensions';

export type ScanEntry =
  | { kind: 'file'; path: RawPath; sizeBytes: number; mtimeMs: number }
  | { kind: 'skipped'; path: RawPath }
  | { kind: 'problem'; problem: IngestProblem };

export interface ScanOptions {
  videoExtensions: ReadonlySet<string>;
  signal?: AbortSignal;
}

/**
 * Walks files and folders depth first, in name order. Follows symbolic links but enters
 * each directory once (by device and inode), so a link loop or two overlapping roots cannot
 * make it go round. Entries it cannot read become problems; the walk goes on.
 */
export async function* scanPaths(
  roots: readonly string[],
  options: ScanOptions,
): AsyncGenerator<ScanEntry> {
  const visited = new Set<string>();
  for (const given of roots) {
    const root = path.resolve(given);
    let stats: fs.Stats;
    try {
      stats = await fs.promises.stat(root);
    } catch (error) {
      yield { kind: 'problem', problem: fsProblem(root, error) };
      continue;
    }
    if (stats.isDirectory()) {
      yield* walk(root, stats, visited, options);
    } else if (stats.isFile()) {
      if (options.videoExtensions.has(extensionOf(path.basename(root)))) {
        yield { kind: 'file', path: root, sizeBytes: stats.size, mtimeMs: stats.mtimeMs };
      } else {
        yield {
          kind: 'problem',
          problem: {
            path: root,
            code: 'E_NOT_MEDIA',
            message:
              'Not a video file by its extension. If it is one, add the extension in Settings.',
          },
        };
      }
    } else {
      yield { kind: 'problem', problem: fsProblem(root, notRegularFile()) };
    }
  }
}

async function* walk(
  root: string,
  rootStats: fs.Stats,
  visited: Set<string>,
  options: ScanOptions,
): AsyncGenerator<ScanEntry> {
  const stack: Array<{ dir: RawPath; stats: fs.Stats }> = [{ dir: root, stats: rootStats }];
  while (stack.length > 0) {
    options.signal?.throwIfAborted();
    const { dir, stats } = stack.pop()!;
    const identity = `${stats.dev}:${stats.ino}`;
    if (visited.has(identity)) continue;
    visited.add(identity);

    let names: Buffer[];
    try {
      names = await fs.promises.readdir(dir, { encoding: 'buffer' });
    } catch (error) {
      yield { kind: 'problem', problem: fsProblem(displayPath(dir), error) };
      continue;
    }
    names.sort(Buffer.compare);
    const subdirs: Array<{ dir: RawPath; stats: fs.Stats }> = [];
    for (const name of names) {
      const text = name.toString('utf8');
      const child = joinRaw(dir, name);
      if (isHiddenOrSystem(text)) {
        yield { kind: 'skipped', path: child };
        continue;
      }
      let childStats: fs.Stats;
      try {
        // stat follows links: a link to a folder is walked, a link to nothing is reported.
        childStats = await fs.promises.stat(child);
      } catch (error) {
        yield { kind: 'problem', problem: fsProblem(displayPath(child), error) };
        continue;
      }
      const isVideo = options.videoExtensions.has(extensionOf(text));
      if (childStats.isDirectory()) {
        subdirs.push({ dir: child, stats: childStats });
      } else if (!isVideo) {
        yield { kind: 'skipped', path: child };
      } else if (childStats.isFile()) {
        yield {
          kind: 'file',
          path: child,
          sizeBytes: childStats.size,
          mtimeMs: childStats.mtimeMs,
        };
      } else {
        // A pipe named like a video: opening it would block until someone writes to it.
        yield { kind: 'problem', problem: fsProblem(displayPath(child), notRegularFile()) };
      }
    }
    for (const subdir of subdirs.reverse()) stack.push(subdir);
  }
}
