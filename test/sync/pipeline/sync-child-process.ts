import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { UploaderOptions } from '../../../src/engine/storage/upload/upload-types';
import { SYNC_CHILD_SECRETS } from './sync-engine-options';

export interface SyncChild {
  process: ChildProcess;
  /** The signal that ended it (null when it exited by itself). */
  exited: Promise<NodeJS.Signals | null>;
  output(): string;
  errors(): string;
}

/**
 * Runs fixtures/sync-child.ts: an engine on `dataDir` (prepared and released by the test)
 * that queues the sync of `assetIds`; the test kills it (see proxy-trigger.ts). `secrets`
 * (see secretsOf) start its session store: they go through its environment, not its
 * command line.
 */
export function spawnSyncChild(input: {
  dataDir: string;
  secrets: Record<string, string>;
  assetIds: number[];
  uploaderOptions?: Partial<UploaderOptions>;
}): SyncChild {
  const { secrets, ...rest } = input;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'fixtures', 'sync-child.ts'),
      JSON.stringify(rest),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, [SYNC_CHILD_SECRETS]: JSON.stringify(secrets) },
    },
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
