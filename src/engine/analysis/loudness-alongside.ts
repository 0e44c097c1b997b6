import fs from 'node:fs';
import { toolTimeoutMs, type AnalyseDeps } from '../media/analyse-file';
import type { ToolStarter } from '../media/tool-launcher';
import { measureLoudness, type LoudnessMeasurement } from '../media/measure-loudness';
import { isWithoutAnswer } from '../media/tool-spawner';

export interface LoudnessAlongsideDeps {
  tools: AnalyseDeps['tools'];
  onSpawn?: (pid: number) => void;
  launcher?: ToolStarter;
  /** The analysis's limits on one tool run (see analyse-file.ts); its defaults if absent. */
  timeouts?: AnalyseDeps['timeouts'];
}

/**
 * One file's loudness measurement, started when the stills start. Its figure is what
 * measureLoudness says; a failure reads "not measured" (a warning in the report, not a failed
 * analysis), but one that says nothing about the file (its spawner went away, the engine is
 * stopping) fails the attempt as the stills' would, so the next attempt measures it.
 * `stop()` ends a run whose figure is not wanted and waits for its process.
 */
export class LoudnessAlongside {
  readonly #stopped = new AbortController();
  #run: Promise<LoudnessMeasurement | null | undefined> | null = null;

  constructor(
    private readonly deps: LoudnessAlongsideDeps,
    private readonly file: string,
    private readonly jobSignal: AbortSignal,
  ) {}

  start(): void {
    if (this.#run) return;
    this.#run = this.#measure(AbortSignal.any([this.jobSignal, this.#stopped.signal]));
    // A run stopped while the stills still go is awaited only later, by stop().
    this.#run.catch(() => undefined);
  }

  /** The measurement (started now if the stills never asked for it). */
  result(): Promise<LoudnessMeasurement | null | undefined> {
    this.start();
    return this.#run!;
  }

  async stop(): Promise<void> {
    this.#stopped.abort();
    await this.#run?.catch(() => undefined);
  }

  async #measure(signal: AbortSignal) {
    try {
      // The same limit as the probe and the stills: a pass that hangs (a broken file, a
      // stalled share) reads "not measured" instead of holding the analysis for ever.
      const { size } = await fs.promises.stat(this.file);
      return await measureLoudness(await this.deps.tools.require('ffmpeg'), this.file, {
        signal,
        timeoutMs: toolTimeoutMs(size, this.deps.timeouts),
        ...(this.deps.onSpawn ? { onSpawn: this.deps.onSpawn } : {}),
        ...(this.deps.launcher ? { launcher: this.deps.launcher } : {}),
      });
    } catch (error) {
      if (signal.aborted || isWithoutAnswer(error)) throw error;
      return undefined; // "not measured": a warning in the report, not a failed analysis
    }
  }
}
