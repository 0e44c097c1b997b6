import { spawn, type ChildProcess } from 'node:child_process';
import { dailiesError } from '../../shared/contract';
import { SPAWNER_SOURCE } from './spawner-script';
import { toolEnvironment } from './tool-environment';

/** How one tool run ended, as the spawner reports it. */
export type SpawnerOutcome =
  | {
      kind: 'done';
      exitCode: number | null;
      signal: NodeJS.Signals | null;
      stdout: string;
      stderr: string;
    }
  | { kind: 'error'; code: string | null; message: string }
  /** The spawner never came up (a host that cannot run Node scripts): run the tool directly. */
  | { kind: 'unavailable' };

export interface SpawnerRun {
  /** SIGKILLs the tool (a no-op once it ended). */
  kill(): void;
  outcome: Promise<SpawnerOutcome>;
}

type Message =
  | { t: 'ready' }
  | { t: 'pid'; id: number; pid: number }
  | { t: 'error'; id: number; code: string | null; message: string }
  | {
      t: 'done';
      id: number;
      exitCode: number | null;
      signal: NodeJS.Signals | null;
      stdout: string;
      stderr: string;
    };

interface Pending {
  resolve: (outcome: SpawnerOutcome) => void;
  reject: (error: unknown) => void;
  onSpawn: ((pid: number) => void) | undefined;
  pid: number | null;
}

/**
 * The engine's side of the tool spawner (spawner-script.ts): one long-lived child that starts
 * ffmpeg/ffprobe for it. A spawner that dies mid-run fails the runs it held (retryable, their
 * tools killed) and the next run starts a new one; one that never came up makes every run go
 * direct. It does not keep the engine's process alive while idle.
 */
export class ToolSpawner {
  #child: ChildProcess | null = null;
  #ready = false;
  #unavailable = false;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  /** The spawner's pid while one runs (tests kill it to check it comes back). */
  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  run(
    file: string,
    args: readonly string[],
    maxBytes: number,
    onSpawn?: (pid: number) => void,
  ): SpawnerRun {
    if (this.#unavailable)
      return { kill: () => {}, outcome: Promise.resolve({ kind: 'unavailable' }) };
    const child = this.#child ?? this.#start();
    const id = this.#nextId++;
    const outcome = new Promise<SpawnerOutcome>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onSpawn, pid: null });
    });
    this.#ref(true);
    child.send({ t: 'run', id, file, args, max: maxBytes });
    return {
      kill: () => {
        if (this.#pending.has(id) && this.#child === child) child.send({ t: 'kill', id });
      },
      outcome,
    };
  }

  /** Stops the spawner (its tools with it); a later run starts a new one. */
  close(): void {
    this.#child?.kill('SIGKILL');
  }

  #start(): ChildProcess {
    const child = spawn(process.execPath, ['-e', SPAWNER_SOURCE], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      windowsHide: true,
      env: { ...toolEnvironment(), ELECTRON_RUN_AS_NODE: '1' },
    });
    this.#child = child;
    this.#ready = false;
    child.unref();
    child.on('message', (message: Message) => this.#receive(message));
    child.on('error', () => this.#gone(child));
    child.on('exit', () => this.#gone(child));
    return child;
  }

  #receive(message: Message): void {
    if (message.t === 'ready') {
      this.#ready = true;
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    if (message.t === 'pid') {
      pending.pid = message.pid;
      pending.onSpawn?.(message.pid);
      return;
    }
    this.#settle(message.id);
    if (message.t === 'error') {
      pending.resolve({ kind: 'error', code: message.code, message: message.message });
    } else {
      const { exitCode, signal, stdout, stderr } = message;
      pending.resolve({ kind: 'done', exitCode, signal, stdout, stderr });
    }
  }

  #gone(child: ChildProcess): void {
    if (this.#child !== child) return;
    this.#child = null;
    const wasReady = this.#ready;
    // Never came up: this host cannot run it; the runs it held never started a tool.
    if (!wasReady) this.#unavailable = true;
    for (const [id, pending] of [...this.#pending]) {
      this.#settle(id);
      if (!wasReady) {
        pending.resolve({ kind: 'unavailable' });
        continue;
      }
      // Its tools may outlive it: stop them, as a kill of the run would.
      if (pending.pid !== null) killQuietly(pending.pid);
      pending.reject(
        dailiesError('E_INTERNAL', 'The helper that starts ffmpeg stopped; trying again.', {
          retryable: true,
        }),
      );
    }
  }

  #settle(id: number): void {
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#ref(false);
  }

  /** The channel holds the engine's process open only while a tool runs. */
  #ref(on: boolean): void {
    const channel = this.#child?.channel;
    if (!channel) return;
    if (on) channel.ref();
    else channel.unref();
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
