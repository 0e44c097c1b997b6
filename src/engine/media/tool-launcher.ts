import type { Clock } from '../time/clock';
import { childSpawnerChannel } from './child-spawner-channel';
import type { OpenSpawnerChannel } from './spawner-channel';
import { stoppingError, ToolSpawner } from './tool-spawner';

/**
 * How a tool run starts its tool (RunToolOptions.launcher): through the spawner it returns,
 * or directly when null. It throws once the engine is stopping.
 */
export interface ToolStarter {
  forRun(): ToolSpawner | null;
}

/**
 * How one engine starts its tools: through a spawner of its own (tool-spawner.ts), or
 * directly when it has none. Each engine makes one and hands it, with the other per-run
 * options, to the media modules that run tools (RunToolOptions.launcher); dispose closes it,
 * so one engine's spawner never stops another's tools.
 */
export class ToolLauncher implements ToolStarter {
  /** Null: tools start directly (a host without a spawner). */
  readonly spawner: ToolSpawner | null;
  #viaSpawner: boolean;
  #stopped = false;

  /**
   * The same engine's runs, with their tools started directly rather than through the
   * spawner (and refused alike once the engine is stopping): for work that must not depend
   * on a spawner that keeps dying, such as an analysis's last attempt.
   */
  readonly directly: ToolStarter = {
    forRun: () => {
      this.#refuseIfStopping();
      return null;
    },
  };

  constructor(open: OpenSpawnerChannel | null, clock: Pick<Clock, 'now'>) {
    this.spawner = open ? new ToolSpawner(open, clock) : null;
    this.#viaSpawner = this.spawner !== null;
  }

  /** Benchmarks compare both ways: false starts tools directly. */
  useSpawner(on: boolean): void {
    this.#viaSpawner = on && this.spawner !== null;
  }

  /** The spawner a run goes through (null: directly); throws once the engine is stopping. */
  forRun(): ToolSpawner | null {
    this.#refuseIfStopping();
    return this.#viaSpawner ? this.spawner : null;
  }

  #refuseIfStopping(): void {
    if (this.#stopped || this.spawner?.stopping) throw stoppingError();
  }

  /** The engine is stopping: no new tool starts; the runs under way finish or are killed. */
  stop(): void {
    this.#stopped = true;
  }

  /** Stops the spawner and the tools it still runs. */
  close(): void {
    this.#stopped = true;
    this.spawner?.close();
  }
}

/**
 * Where an engine's spawner comes from unless its host names one: a Node child of the
 * engine. Inside Electron the app's binary cannot run Node scripts (the runAsNode fuse is
 * off), so there the desktop host passes its own (EngineOptions.toolSpawner); without one,
 * tools start directly.
 */
export function defaultSpawnerChannel(): OpenSpawnerChannel | null {
  return process.versions.electron === undefined ? childSpawnerChannel : null;
}
