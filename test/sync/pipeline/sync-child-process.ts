import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { UploaderOptions } from '../../../src/engine/sync/upload/upload-types';

export interface SyncChild {
  process: ChildProcess;
  /** The signal that ended it (null when it exited by itself). */
  exited: Promise<NodeJS.Signals | null>;
  output(): string;
  errors(): string;
}

/**
 * Runs fixtures/sync-child.ts: an engine on `dataDir` (prepared and released by the test)
 * that queues the sync of `assetIds`; the test kills it (see proxy-trigger.ts).
 */
export function spawnSyncChild(input: {
  dataDir: string;
  keychainService: string;
  assetIds: number[];
  uploaderOptions?: Partial<UploaderOptions>;
}): SyncChild {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'fixtures', 'sync-child.ts'),
      JSON.stringify(input),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return {
    process: child,
    exited: new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal))),
    output: () => output,
    errors: () => errors,
  };
}
