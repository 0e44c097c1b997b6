import fs from 'node:fs';
import path from 'node:path';
import type { Asset, EventName, EventPayload } from '../../src/shared/contract';
import type { Engine } from '../../src/engine/create-engine';
import { call } from '../helpers/engine';

/** Resolves with the first event of that name the predicate accepts. */
export function nextEvent<E extends EventName>(
  engine: Engine,
  name: E,
  accept: (payload: EventPayload<E>) => boolean = () => true,
): Promise<EventPayload<E>> {
  return new Promise((resolve) => {
    const stop = engine.subscribe((event) => {
      if (event.name !== name) return;
      const payload = event.payload as EventPayload<E>;
      if (!accept(payload)) return;
      stop();
      resolve(payload);
    });
  });
}

/** Every live asset, by file name. */
export async function assetsByName(engine: Engine): Promise<Map<string, Asset>> {
  const page = await call(engine, 'assets.search', { limit: 500 });
  return new Map(page.items.map((asset) => [asset.fileName, asset]));
}

/**
 * A stand-in ffmpeg that answers -version like the real one (so the engine accepts it) and
 * otherwise hangs; exec, so its pid is the sleep's.
 */
export function hungFfmpeg(dir: string): string {
  const file = path.join(dir, 'hung-ffmpeg');
  fs.writeFileSync(
    file,
    '#!/bin/sh\nfor a in "$@"; do [ "$a" = "-version" ] && { echo "ffmpeg version 9.9-hung"; exit 0; }; done\nexec sleep 60\n',
    { mode: 0o755 },
  );
  return file;
}

/**
 * A real ffmpeg whose run lasts `seconds` longer, as on a large file: it does its work (and
 * reports its progress), then lingers before it exits. A browser journey then sees a job
 * mid-way, its bar neither empty nor full, and a click lands while jobs still run or wait,
 * however fast the machine. `-version` answers at once, so the engine finds it as usual.
 */
export function slowFfmpeg(dir: string, seconds: number): string {
  const file = path.join(dir, 'slow-ffmpeg');
  fs.writeFileSync(
    file,
    `#!/bin/sh\nfor a in "$@"; do [ "$a" = "-version" ] && exec ffmpeg -version; done\nffmpeg "$@"\nstatus=$?\nsleep ${seconds}\nexit $status\n`,
    { mode: 0o755 },
  );
  return file;
}

/** Collects spawned pids and resolves when the n-th has started. */
export function spawnWatch() {
  const pids: number[] = [];
  const waiters: Array<{ n: number; resolve: (pid: number) => void }> = [];
  return {
    pids,
    onToolSpawn: (pid: number) => {
      pids.push(pid);
      for (const waiter of waiters.filter((w) => pids.length >= w.n)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(pids[waiter.n - 1]!);
      }
    },
    nth(n: number): Promise<number> {
      if (pids.length >= n) return Promise.resolve(pids[n - 1]!);
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
  };
}
