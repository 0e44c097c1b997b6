import type { ErrorValue } from '../../shared/contract';
import {
  enginePortChannel,
  engineStatusChannel,
  type EngineStatus,
} from '../../shared/desktop-ipc';
import { fromEngineProcessSchema, type ToEngineProcess } from './engine-process-protocol';
import type { MessagePortMainLike } from './message-port-main';
import { createRestartBackoff, type RestartBackoff } from './restart-backoff';

/** Electron's UtilityProcess, as far as the supervisor uses it. */
export interface UtilityProcessLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: ToEngineProcess, transfer?: MessagePortMainLike[]): void;
  kill(): boolean;
}

/** A renderer page (Electron's WebContents), as far as the supervisor uses it. */
export interface RendererTarget {
  readonly id: number;
  postMessage(channel: string, message: unknown, transfer?: MessagePortMainLike[]): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface EngineSupervisorDeps {
  /** utilityProcess.fork(engine-process.js, [configArg(...)], ...) */
  fork(): UtilityProcessLike;
  /** new MessageChannelMain() */
  createChannel(): { port1: MessagePortMainLike; port2: MessagePortMainLike };
  now(): number;
  schedule(run: () => void, delayMs: number): () => void;
  log(message: string, fields?: Record<string, unknown>): void;
  /** The tool spawner's utility process (tool-spawner-host.ts); without it tools start directly. */
  toolSpawner?: {
    connect(options?: { replace?: boolean }): MessagePortMainLike | null;
    stop(): void;
  };
  backoff?: RestartBackoff;
  /** Crashes in a row (without a stable run in between) before giving up. */
  maxAttempts?: number;
  /** How long a stopping engine may take to close the catalog before it is killed. */
  stopTimeoutMs?: number;
}

type State =
  | { kind: 'idle' }
  | { kind: 'starting'; child: UtilityProcessLike; failure: ErrorValue | null }
  | { kind: 'ready'; child: UtilityProcessLike }
  | { kind: 'waiting'; cancel: () => void }
  | { kind: 'failed'; error: ErrorValue }
  | { kind: 'stopping'; child: UtilityProcessLike | null }
  | { kind: 'stopped' };

/**
 * Keeps the engine's utility process alive and every renderer connected to it. Each
 * renderer page gets its own MessageChannel: one end goes to the engine process, the other
 * to the page, so contract calls never pass through main. When the process dies it is
 * restarted with backoff, the pages are told (engine.status), and they get fresh ports.
 */
export class EngineSupervisor {
  readonly #deps: EngineSupervisorDeps;
  readonly #backoff: RestartBackoff;
  readonly #renderers = new Map<number, RendererTarget>();
  #state: State = { kind: 'idle' };
  #stopped: Promise<void> | null = null;
  #resolveStopped: (() => void) | null = null;

  constructor(deps: EngineSupervisorDeps) {
    this.#deps = deps;
    this.#backoff = deps.backoff ?? createRestartBackoff();
  }

  get state(): State['kind'] {
    return this.#state.kind;
  }

  start(): void {
    if (this.#state.kind !== 'idle') return;
    this.#fork();
  }

  /** A page asked for the engine (at start or after a reload): give it a port when ready. */
  connect(renderer: RendererTarget): void {
    this.#renderers.set(renderer.id, renderer);
    const state = this.#state;
    if (state.kind === 'ready') this.#wire(state.child, renderer);
    else if (state.kind === 'failed') this.#tell(renderer, { state: 'failed', error: state.error });
  }

  disconnect(rendererId: number): void {
    this.#renderers.delete(rendererId);
  }

  /** Asks the engine to close its catalog and exit; kills it if it does not in time. */
  stop(): Promise<void> {
    if (this.#stopped) return this.#stopped;
    const state = this.#state;
    if (state.kind === 'waiting') state.cancel();
    const child = state.kind === 'starting' || state.kind === 'ready' ? state.child : null;
    this.#state = { kind: 'stopping', child };
    if (!child) {
      this.#state = { kind: 'stopped' };
      this.#deps.toolSpawner?.stop();
      this.#stopped = Promise.resolve();
      return this.#stopped;
    }
    this.#stopped = new Promise((resolve) => {
      this.#resolveStopped = resolve;
    });
    // The engine's tools end with it; then the spawner that started them goes too.
    void this.#stopped.then(() => this.#deps.toolSpawner?.stop());
    child.postMessage({ kind: 'stop' });
    const cancelKill = this.#deps.schedule(() => {
      this.#deps.log('engine did not stop in time; killing it');
      child.kill();
    }, this.#deps.stopTimeoutMs ?? 5_000);
    void this.#stopped.then(cancelKill);
    return this.#stopped;
  }

  #fork(): void {
    const child = this.#deps.fork();
    this.#state = { kind: 'starting', child, failure: null };
    child.on('message', (raw) => this.#onMessage(child, raw));
    child.on('exit', (code) => this.#onExit(child, code));
  }

  #onMessage(child: UtilityProcessLike, raw: unknown): void {
    const parsed = fromEngineProcessSchema.safeParse(raw);
    const state = this.#state;
    if (!parsed.success || !('child' in state) || state.child !== child) return;
    const message = parsed.data;
    switch (message.kind) {
      case 'ready':
        if (state.kind !== 'starting') return;
        this.#state = { kind: 'ready', child };
        this.#backoff.started(this.#deps.now());
        this.#deps.log('engine ready', { dataDir: message.dataDir });
        for (const renderer of this.#liveRenderers()) this.#wire(child, renderer);
        return;
      case 'failed':
        if (state.kind === 'starting') state.failure = message.error;
        return;
      case 'spawner': {
        const port = this.#deps.toolSpawner?.connect({ replace: message.replace === true }) ?? null;
        child.postMessage({ kind: 'spawner-port' }, port ? [port] : []);
        return;
      }
      case 'stopped':
        return;
    }
  }

  #onExit(child: UtilityProcessLike, code: number): void {
    const state = this.#state;
    if (!('child' in state) || state.child !== child) return;
    if (state.kind === 'stopping') {
      this.#state = { kind: 'stopped' };
      this.#resolveStopped?.();
      return;
    }
    const failure = state.kind === 'starting' ? state.failure : null;
    if (failure && !failure.retryable) {
      this.#fail(failure);
      return;
    }
    const { attempt, delayMs } = this.#backoff.next(this.#deps.now());
    if (attempt > (this.#deps.maxAttempts ?? 8)) {
      this.#fail({
        code: 'E_INTERNAL',
        message:
          'The Dailies engine keeps stopping. Quit and reopen Dailies; if it happens again, ' +
          'send the log file from the data folder to support.',
        retryable: false,
        ...(failure ? { details: { lastError: failure } } : {}),
      });
      return;
    }
    const reason = failure?.message ?? `The engine process stopped (exit code ${code}).`;
    this.#deps.log('engine stopped; restarting', { code, attempt, delayMs });
    const cancel = this.#deps.schedule(() => {
      if (this.#state.kind === 'waiting') this.#fork();
    }, delayMs);
    this.#state = { kind: 'waiting', cancel };
    this.#broadcast({ state: 'restarting', reason, attempt, delayMs });
  }

  #fail(error: ErrorValue): void {
    this.#deps.log('engine cannot start', { code: error.code, message: error.message });
    this.#state = { kind: 'failed', error };
    this.#broadcast({ state: 'failed', error });
  }

  #wire(child: UtilityProcessLike, renderer: RendererTarget): void {
    const { port1, port2 } = this.#deps.createChannel();
    child.postMessage({ kind: 'connect', rendererId: renderer.id }, [port1]);
    renderer.postMessage(enginePortChannel, null, [port2]);
  }

  #broadcast(status: EngineStatus): void {
    for (const renderer of this.#liveRenderers()) this.#tell(renderer, status);
  }

  #tell(renderer: RendererTarget, status: EngineStatus): void {
    renderer.send(engineStatusChannel, status);
  }

  #liveRenderers(): RendererTarget[] {
    for (const [id, renderer] of this.#renderers) {
      if (renderer.isDestroyed()) this.#renderers.delete(id);
    }
    return [...this.#renderers.values()];
  }
}
