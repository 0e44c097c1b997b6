import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

export interface MemoryPeak {
  baseline: number;
  peak: number;
  buffersBaseline: number;
  buffersPeak: number;
}

export interface StoreProcess {
  endpoint: string;
  pid: number;
  /** Starts a new RSS peak (after a GC when the child has --expose-gc). */
  reset(): Promise<void>;
  /** RSS and Buffer memory at the last reset, and the highest sampled since (every 10 ms). */
  peak(): Promise<MemoryPeak>;
  stop(): Promise<void>;
}

function next<T>(child: ChildProcess, has: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (message: Record<string, unknown>): void => {
      if (has in message) {
        child.off('message', on);
        resolve(message as T);
      }
    };
    child.on('message', on);
  });
}

/** Runs the local store in a child process (see s3-store-child.ts). */
export async function startStoreProcess(
  dataDir: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
  bucket: string,
  sampling: 'rss' | 'live' = 'rss',
): Promise<StoreProcess> {
  const child = fork(
    path.join(import.meta.dirname, 's3-store-child.ts'),
    [dataDir, credentials.accessKeyId, credentials.secretAccessKey, bucket, sampling],
    {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const kill = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', kill);
  const { endpoint } = await next<{ endpoint: string }>(child, 'endpoint');
  return {
    endpoint,
    pid: child.pid!,
    async reset() {
      const answer = next(child, 'reset');
      child.send('reset');
      await answer;
    },
    async peak() {
      const answer = next<MemoryPeak>(child, 'peak');
      child.send('peak');
      return answer;
    },
    async stop() {
      process.off('exit', kill);
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
    },
  };
}
