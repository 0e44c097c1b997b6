import { dailiesError } from '../../shared/contract';
import { fromSpawnerSchema, type OpenSpawnerChannel, type SpawnerChannel } from './spawner-channel';

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

interface Pending {
  resolve: (outcome: SpawnerOutcome) => void;
  reject: (error: unknown) => void;
  onSpawn: ((pid: number) => void) | undefined;
  pid: number | null;
}

/**
 * The engine's side of the tool spawner (spawner-script.ts): one long-lived process that
 * starts ffmpeg/ffprobe for it, reached over a SpawnerChannel (a Node child's IPC, or the
 * desktop app's MessagePort). A spawner that goes away mid-run fails the runs it held
 * (retryable, their tools killed) and the next run opens a new channel; one that never came
 * up makes every run go direct. It does not keep the engine's process alive while idle.
 */
export class ToolSpawner {
  readonly #open: OpenSpawnerChannel;
  #channel: SpawnerChannel | null = null;
  #pid: number | null = null;
  #unavailable = false;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(open: OpenSpawnerChannel) {
    this.#open = open;
  }

  /** The spawner's pid once it said it is ready (tests kill it to check it comes back). */
  get pid(): number | null {
    return this.#pid;
  }

  run(
    file: string,
    args: readonly string[],
    maxBytes: number,
    onSpawn?: (pid: number) => void,
  ): SpawnerRun {
    if (this.#unavailable)
      return { kill: () => {}, outcome: Promise.resolve({ kind: 'unavailable' }) };
    const channel = this.#channel ?? this.#start();
    const id = this.#nextId++;
    const outcome = new Promise<SpawnerOutcome>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onSpawn, pid: null });
    });
    this.#ref(true);
    channel.send({ t: 'run', id, file, args, max: maxBytes });
    return {
      kill: () => {
        if (this.#pending.has(id) && this.#channel === channel) channel.send({ t: 'kill', id });
      },
      outcome,
    };
  }

  /** Stops the spawner (its tools with it); a later run starts a new one. */
  close(): void {
    this.#channel?.close();
  }

  #start(): SpawnerChannel {
    const channel = this.#open();
    this.#channel = channel;
    this.#pid = null;
    channel.onMessage((data) => this.#receive(data));
    channel.onClose(() => this.#gone(channel));
    return channel;
  }

  #receive(data: unknown): void {
    const parsed = fromSpawnerSchema.safeParse(data);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.t === 'ready') {
      this.#pid = message.pid;
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
      const { exitCode, stdout, stderr } = message;
      const signal = message.signal as NodeJS.Signals | null;
      pending.resolve({ kind: 'done', exitCode, signal, stdout, stderr });
    }
  }

  #gone(channel: SpawnerChannel): void {
    if (this.#channel !== channel) return;
    this.#channel = null;
    const wasReady = this.#pid !== null;
    this.#pid = null;
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
    this.#channel?.hold(on);
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
