import { DailiesError, dailiesError } from '../../shared/contract';
import type { Clock } from '../time/clock';
import {
  fromSpawnerSchema,
  type OpenSpawnerChannel,
  type SpawnerChannel,
  type SpawnerClosed,
} from './spawner-channel';

/**
 * After a spawner that did not come up, or one that came up and died again before it proved
 * itself, the next start waits this long, doubling each time up to the max; runs start their
 * tools directly meanwhile.
 */
const RETRY_MS = 1_000;
const RETRY_MAX_MS = 60_000;
/** A spawner that has been up this long (or ended a run) has proved itself. */
const PROVEN_AFTER_MS = 30_000;

/**
 * A spawner answers a kill at once (the tool's 'done' follows its SIGKILL). One that has not
 * after this long is hung (stopped, its event loop stuck): its link is closed, which ends its
 * runs as a death would (retryable, their tools killed from here), so a run's time limit or
 * cancel always ends it.
 */
const KILL_ANSWER_MS = 5_000;

/** Marks the failure of a run whose spawner went away: the tool never got to say anything. */
const LAUNCH_FAILED = 'spawner stopped';

/**
 * Whether a tool run failed because the spawner that started it went away, not because of
 * what the tool said: nothing is known about the file, and another try starts a new spawner.
 */
export function isToolLaunchFailure(error: unknown): boolean {
  return (
    error instanceof DailiesError &&
    error.code === 'E_INTERNAL' &&
    error.details?.['launch'] === LAUNCH_FAILED
  );
}

function launchFailed(): DailiesError {
  // No promise of another try: whether one comes is the caller's (the queue's) to say.
  const message =
    'The helper process that starts ffmpeg and ffprobe stopped (it crashed or was killed) while the tool ran.';
  return dailiesError('E_INTERNAL', message, {
    retryable: true,
    details: { launch: LAUNCH_FAILED },
  });
}

/** A run refused because the engine is stopping: the next start does the work instead. */
export function stoppingError(): DailiesError {
  return dailiesError('E_DISPOSED', 'Dailies is shutting down.', { retryable: true });
}

/** Whether a tool run was refused because the engine is stopping. */
export function isStoppingRefusal(error: unknown): boolean {
  return error instanceof DailiesError && error.code === 'E_DISPOSED';
}

/**
 * Whether a run ended without the tool's answer (its spawner went away, or the engine is
 * stopping): it says nothing about the file or the build, so it is never kept as one.
 */
export function isWithoutAnswer(error: unknown): boolean {
  return isToolLaunchFailure(error) || isStoppingRefusal(error);
}

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
 * (retryable, their tools killed) and the next run opens a new channel. One that never came
 * up, or came up and died again before it proved itself (ended a run, or stayed up 30 s),
 * lets runs go direct for a while (1 s, doubling to a minute), then is started again, so one
 * that keeps dying is not restarted in a tight loop; only a host that has no spawner at all
 * makes every run go direct for good. Once stopping (the engine is closing) it refuses runs
 * rather than starting tools itself. It does not keep the engine's process alive while idle.
 */
export class ToolSpawner {
  readonly #open: OpenSpawnerChannel;
  readonly #clock: Pick<Clock, 'now'>;
  #channel: SpawnerChannel | null = null;
  #pid: number | null = null;
  /** The host has no spawner: every run goes direct. */
  #absent = false;
  #stopping = false;
  /** Starts in a row that closed before the spawner was ready, and when to try again. */
  #failedStarts = 0;
  #retryAt = 0;
  /** Spawners in a row that died after coming up, but before the last one proved itself. */
  #earlyDeaths = 0;
  /** When the spawner said it is ready, and whether it has ended a run since. */
  #readyAt = 0;
  #endedARun = false;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  /** The last channel was closed because its spawner stopped answering: ask for a new one. */
  #replaceNext = false;

  constructor(open: OpenSpawnerChannel, clock: Pick<Clock, 'now'>) {
    this.#open = open;
    this.#clock = clock;
  }

  /** Whether runs are refused (the engine is stopping). */
  get stopping(): boolean {
    return this.#stopping;
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
    if (this.#stopping) throw stoppingError();
    if (!this.#channel && (this.#absent || this.#clock.now() < this.#retryAt))
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
        if (!this.#pending.has(id) || this.#channel !== channel) return;
        channel.send({ t: 'kill', id });
        setTimeout(() => {
          if (!this.#pending.has(id) || this.#channel !== channel) return;
          this.#replaceNext = true;
          channel.close();
        }, KILL_ANSWER_MS).unref();
      },
      outcome,
    };
  }

  /** Stops the spawner (its tools with it) for good: later runs are refused. */
  close(): void {
    this.#stopping = true;
    this.#channel?.close();
  }

  #start(): SpawnerChannel {
    const channel = this.#open(this.#replaceNext ? { replace: true } : {});
    this.#replaceNext = false;
    this.#channel = channel;
    this.#pid = null;
    channel.onMessage((data) => this.#receive(data));
    channel.onClose((why) => this.#gone(channel, why));
    return channel;
  }

  #receive(data: unknown): void {
    const parsed = fromSpawnerSchema.safeParse(data);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.t === 'ready') {
      this.#pid = message.pid;
      this.#failedStarts = 0;
      this.#readyAt = this.#clock.now();
      this.#endedARun = false;
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
    this.#endedARun = true;
    if (message.t === 'error') {
      pending.resolve({ kind: 'error', code: message.code, message: message.message });
    } else {
      const { exitCode, stdout, stderr } = message;
      const signal = message.signal as NodeJS.Signals | null;
      pending.resolve({ kind: 'done', exitCode, signal, stdout, stderr });
    }
  }

  #gone(channel: SpawnerChannel, why: SpawnerClosed): void {
    if (this.#channel !== channel) return;
    this.#channel = null;
    const wasReady = this.#pid !== null;
    this.#pid = null;
    if (why === 'stopping') this.#stopping = true;
    else if (why === 'absent') this.#absent = true;
    else if (!wasReady) {
      // Did not come up (yet): tools start directly for a while, then it is tried again.
      this.#failedStarts += 1;
      this.#retryLater(this.#failedStarts);
    } else {
      // Came up, then died. One death (a crash, an OOM kill) is restarted at once; another
      // before its successor proved itself waits, growing, as a start that failed does.
      const proven = this.#endedARun || this.#clock.now() - this.#readyAt >= PROVEN_AFTER_MS;
      this.#earlyDeaths = proven ? 1 : this.#earlyDeaths + 1;
      if (this.#earlyDeaths > 1) this.#retryLater(this.#earlyDeaths - 1);
    }
    for (const [id, pending] of [...this.#pending]) {
      this.#settle(id);
      // Its tools may outlive it: stop them, as a kill of the run would.
      if (pending.pid !== null) killQuietly(pending.pid);
      if (this.#stopping) pending.reject(stoppingError());
      // The runs it held never started a tool: they start it directly.
      else if (!wasReady) pending.resolve({ kind: 'unavailable' });
      else pending.reject(launchFailed());
    }
  }

  /** The `failures`-th failure in a row: no spawner starts for 1 s, doubling to a minute. */
  #retryLater(failures: number): void {
    const wait = RETRY_MS * 2 ** Math.min(failures - 1, 16);
    this.#retryAt = this.#clock.now() + Math.min(wait, RETRY_MAX_MS);
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
