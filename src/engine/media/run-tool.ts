import { spawn } from 'node:child_process';
import { dailiesError } from '../../shared/contract';
import { toolEnvironment } from './tool-environment';
import type { ToolStarter } from './tool-launcher';
import type { SpawnerOutcome } from './tool-spawner';

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
  /**
   * The engine's own way to start tools (its spawner, or `ToolLauncher.directly`; see
   * tool-launcher.ts); absent, the tool is a child of this process.
   */
  launcher?: ToolStarter | undefined;
}

/** What a caller hands down to each of its tool runs (the rest is per tool). */
export type ToolRunContext = Pick<RunToolOptions, 'timeoutMs' | 'signal' | 'onSpawn' | 'launcher'>;

/** A started tool: how to kill it, and how it ended. */
interface Launched {
  kill(): void;
  outcome: Promise<SpawnerOutcome>;
}

type Launch = (
  file: string,
  args: readonly string[],
  maxBytes: number,
  onSpawn: ((pid: number) => void) | undefined,
) => Launched;

/**
 * Runs ffmpeg/ffprobe (or any binary) without a shell, with a minimal environment, and
 * collects its output, through the engine's spawner when `options.launcher` has one.
 * Resolves with the exit status whatever it is; rejects only when the process could not start
 * (or its spawner went away, see isToolLaunchFailure), timed out or was cancelled, or the
 * engine is stopping (E_DISPOSED), each as a DailiesError.
 */
export async function runTool(
  file: string,
  args: readonly string[],
  options: RunToolOptions = {},
): Promise<ToolRun> {
  const maxBytes = options.maxOutputBytes ?? 16 * 1024 * 1024;
  let stopped: 'timeout' | 'cancelled' | null = null;
  let launched: Launched | null = null;
  const kill = (reason: 'timeout' | 'cancelled') => {
    stopped = reason;
    launched?.kill();
  };
  if (options.signal?.aborted)
    throw dailiesError('E_CANCELLED', 'Cancelled.', { details: { file } });
  const timer =
    options.timeoutMs === undefined ? null : setTimeout(() => kill('timeout'), options.timeoutMs);
  const onAbort = () => kill('cancelled');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let outcome: SpawnerOutcome = { kind: 'unavailable' };
    const spawner = options.launcher?.forRun() ?? null;
    if (spawner) {
      launched = spawner.run(file, args, maxBytes, options.onSpawn);
      outcome = await launched.outcome;
    }
    if (outcome.kind === 'unavailable') {
      launched = launchDirect(file, args, maxBytes, options.onSpawn);
      if (stopped) launched.kill();
      outcome = await launched.outcome;
    }
    if (outcome.kind === 'error') {
      throw outcome.code === 'ENOENT' || outcome.code === 'EACCES'
        ? dailiesError('E_FFMPEG_MISSING', `Could not run ${file}: ${outcome.code}.`, {
            details: { file },
          })
        : Object.assign(new Error(outcome.message), { code: outcome.code ?? undefined });
    }
    if (stopped === 'timeout') {
      throw dailiesError('E_TIMEOUT', `${baseName(file)} took too long and was stopped.`, {
        retryable: true,
        details: { file, args: [...args], timeoutMs: options.timeoutMs },
      });
    }
    if (stopped === 'cancelled')
      throw dailiesError('E_CANCELLED', 'Cancelled.', { details: { file } });
    const { exitCode, signal, stdout, stderr } = outcome as Extract<
      SpawnerOutcome,
      { kind: 'done' }
    >;
    return { exitCode, signal, stdout, stderr };
  } finally {
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The tool as a child of this process, as before the spawner. */
const launchDirect: Launch = (file, args, maxBytes, onSpawn) => {
  const child = spawn(file, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
    env: toolEnvironment(),
  });
  if (child.pid !== undefined) onSpawn?.(child.pid);
  const outcome = new Promise<SpawnerOutcome>((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdoutBytes < maxBytes) stdout.push(chunk);
      stdoutBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderrBytes < maxBytes) stderr.push(chunk);
      stderrBytes += chunk.length;
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ kind: 'error', code: error.code ?? null, message: error.message }),
    );
    child.on('close', (exitCode, signal) =>
      resolve({
        kind: 'done',
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
  });
  return { kill: () => child.kill('SIGKILL'), outcome };
};

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
