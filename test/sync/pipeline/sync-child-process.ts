import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { UploaderOptions } from '../../../src/engine/sync/upload/upload-types';
import type { FaultProxy, FaultRuleHandle, ProxiedRequest } from '../../rig/fault-proxy';

export interface SyncChild {
  process: ChildProcess;
  /** The signal that ended it (null when it exited by itself). */
  exited: Promise<NodeJS.Signals | null>;
  output(): string;
  errors(): string;
}

/**
 * Runs fixtures/sync-child.ts: an engine on `dataDir` (prepared and released by the test)
 * that queues the sync of `assetIds`; the test kills it (see atRequest).
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

/**
 * Calls `action` the moment `proxy` receives the `nth` request that `matches`, before it is
 * forwarded. With `drop`, that request and every later matching one are dropped unforwarded
 * (for a kill: nothing the dying process sent gets through). Remove the handle once done.
 */
export function atRequest(
  proxy: FaultProxy,
  matches: (request: ProxiedRequest) => boolean,
  nth: number,
  action: () => void,
  options: { drop?: boolean } = {},
): FaultRuleHandle {
  let seen = 0;
  return proxy.addRule({
    when: (request) => {
      if (!matches(request)) return false;
      seen += 1;
      if (seen === nth) action();
      return (options.drop ?? false) && seen >= nth;
    },
    fault: { kind: 'drop' },
  });
}
