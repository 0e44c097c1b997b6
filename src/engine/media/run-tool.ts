import { spawn } from 'node:child_process';
import { dailiesError } from '../../shared/contract';
import { toolEnvironment } from './tool-environment';

export interface ToolRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunToolOptions {
  /** Kill the child after this long; a hung ffmpeg must not hold a worker forever. */
  timeoutMs?: number;
  /** Cancelling kills the child. */
  signal?: AbortSignal;
  /** Cap on captured stdout/stderr each, so a chatty tool cannot fill memory. */
  maxOutputBytes?: number;
  /** Told the child's pid once it runs: for logs, and for tests that check it is gone. */
  onSpawn?: (pid: number) => void;
}

/**
 * Runs ffmpeg/ffprobe (or any binary) without a shell, with a minimal environment, and
 * collects its output. Resolves with the exit status whatever it is; rejects only when the
 * process could not start, timed out or was cancelled, each as a DailiesError.
 */
export function runTool(file: string, args: readonly string[], options: RunToolOptions = {}) {
  const maxBytes = options.maxOutputBytes ?? 16 * 1024 * 1024;
  return new Promise<ToolRun>((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      env: toolEnvironment(),
    });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let stopped: 'timeout' | 'cancelled' | null = null;

    const kill = (reason: 'timeout' | 'cancelled') => {
      stopped = reason;
      child.kill('SIGKILL');
    };
    const timer =
      options.timeoutMs === undefined ? null : setTimeout(() => kill('timeout'), options.timeoutMs);
    const onAbort = () => kill('cancelled');
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (stdoutBytes < maxBytes) stdout.push(chunk);
      stdoutBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderrBytes < maxBytes) stderr.push(chunk);
      stderrBytes += chunk.length;
    });
    const cleanup = () => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      cleanup();
      reject(
        error.code === 'ENOENT' || error.code === 'EACCES'
          ? dailiesError('E_FFMPEG_MISSING', `Could not run ${file}: ${error.code}.`, {
              details: { file },
            })
          : error,
      );
    });
    child.on('close', (exitCode, signal) => {
      cleanup();
      if (stopped === 'timeout') {
        reject(
          dailiesError('E_TIMEOUT', `${baseName(file)} took too long and was stopped.`, {
            retryable: true,
            details: { file, args: [...args], timeoutMs: options.timeoutMs },
          }),
        );
        return;
      }
      if (stopped === 'cancelled') {
        reject(dailiesError('E_CANCELLED', 'Cancelled.', { details: { file } }));
        return;
      }
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
