import type { MessagePortMainLike } from './message-port-main';

/** Electron's UtilityProcess running out/main/tool-spawner.cjs, as far as the host uses it. */
export interface SpawnerProcessLike {
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: { kind: 'connect' }, transfer?: MessagePortMainLike[]): void;
  kill(): boolean;
}

export interface ToolSpawnerHostDeps {
  /** utilityProcess.fork(tool-spawner.cjs, [], { env: toolEnvironment(), ... }) */
  fork(): SpawnerProcessLike;
  /** new MessageChannelMain() */
  createChannel(): { port1: MessagePortMainLike; port2: MessagePortMainLike };
  log(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The desktop app's tool spawner: a small utility process of its own that starts ffmpeg and
 * ffprobe for the engine, so the engine's large process is not forked for every tool run.
 * Started when the engine first asks for it, again after it stopped; each ask gets a fresh
 * MessagePort to it (a restarted engine asks again). The engine talks to it directly over
 * that port; when the spawner dies the port closes, and the engine fails the runs it held.
 */
export class ToolSpawnerHost {
  readonly #deps: ToolSpawnerHostDeps;
  #child: SpawnerProcessLike | null = null;
  #stopped = false;

  constructor(deps: ToolSpawnerHostDeps) {
    this.#deps = deps;
  }

  /**
   * The engine's end of a channel to a running spawner, or null when none can start. With
   * `replace` the engine found the running one hung (it did not answer a kill): that process
   * is killed and a new one started, since closing the engine's port does not end it.
   */
  connect(options: { replace?: boolean } = {}): MessagePortMainLike | null {
    if (options.replace && this.#child) {
      this.#deps.log('tool spawner stopped answering; starting a new one');
      const hung = this.#child;
      this.#child = null;
      hung.kill();
    }
    // A spawner that died a moment ago may not have reported its exit yet: one fresh try.
    for (let attempt = 0; attempt < 2 && !this.#stopped; attempt += 1) {
      const child = this.#child ?? this.#start();
      if (!child) return null;
      const { port1, port2 } = this.#deps.createChannel();
      try {
        child.postMessage({ kind: 'connect' }, [port1]);
        return port2;
      } catch (error) {
        this.#deps.log('tool spawner did not take a port', { error: String(error) });
        if (this.#child === child) this.#child = null;
        port2.close();
      }
    }
    return null;
  }

  /** On quit, after the engine stopped: no tool of ours outlives the app. */
  stop(): void {
    this.#stopped = true;
    const child = this.#child;
    this.#child = null;
    child?.kill();
  }

  #start(): SpawnerProcessLike | null {
    let child: SpawnerProcessLike;
    try {
      child = this.#deps.fork();
    } catch (error) {
      // The engine then starts its tools directly, as before there was a spawner.
      this.#deps.log('tool spawner could not start', { error: String(error) });
      return null;
    }
    this.#child = child;
    child.on('exit', (code) => {
      if (this.#child === child) this.#child = null;
      if (!this.#stopped) this.#deps.log('tool spawner stopped', { code });
    });
    return child;
  }
}
