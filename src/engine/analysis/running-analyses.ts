import { dailiesError } from '../../shared/contract/errors';
import type { MediaInfo } from '../../shared/contract/media';

/**
 * What a running analysis already knows for good before its stills are made: the probe of a
 * file whose integrity is checked. The delivery verdict follows from it, so the video's upload
 * may start while the stills are still being made.
 */
export interface EarlyVerdict {
  mediaInfo: MediaInfo;
}

interface Run {
  sha256: string;
  verdict: EarlyVerdict | null;
  ended: Promise<void>;
  end: () => void;
}

/**
 * The assets being analysed now, with the content (sha256) each run describes and, once it is
 * known, its early verdict. The analyse runner writes it; the analysis service asks it whether
 * a run already covers some content; a sync that started at the verdict waits here for the
 * analysis to end before it sends the thumbnail.
 */
export class RunningAnalyses {
  readonly #runs = new Map<number, Run>();

  begin(assetId: number, sha256: string): void {
    this.#runs.get(assetId)?.end();
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.#runs.set(assetId, { sha256, verdict: null, ended, end });
  }

  /** The run has probed and checked the file: what follows is only the stills. */
  recordVerdict(assetId: number, verdict: EarlyVerdict): void {
    const run = this.#runs.get(assetId);
    if (run) run.verdict = verdict;
  }

  end(assetId: number): void {
    this.#runs.get(assetId)?.end();
    this.#runs.delete(assetId);
  }

  /** How many analyses run now. */
  get count(): number {
    return this.#runs.size;
  }

  /** Whether a run is analysing the asset, whatever content. */
  isRunning(assetId: number): boolean {
    return this.#runs.has(assetId);
  }

  /** Whether a run is analysing this very content of the asset. */
  covers(assetId: number, sha256: string): boolean {
    return this.#runs.get(assetId)?.sha256 === sha256;
  }

  /** The early verdict of the run analysing this very content of the asset, if it has one. */
  verdictOf(assetId: number, sha256: string): EarlyVerdict | null {
    const run = this.#runs.get(assetId);
    return run?.sha256 === sha256 ? run.verdict : null;
  }

  /**
   * Resolves once no analysis of the asset runs (at once when none does); rejects with
   * E_CANCELLED when the signal aborts first.
   */
  async ended(assetId: number, signal: AbortSignal): Promise<void> {
    const run = this.#runs.get(assetId);
    if (!run) return;
    const cancelled = () => dailiesError('E_CANCELLED', 'Stopped while waiting for the analysis.');
    if (signal.aborted) throw cancelled();
    let onAbort!: () => void;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(cancelled());
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([run.ended, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}

/** What the analyse runner does with it. */
export type RunningAnalysesWriter = Pick<RunningAnalyses, 'begin' | 'end' | 'recordVerdict'>;
/** What the analysis service asks of it. */
export type RunningAnalysesReader = Pick<RunningAnalyses, 'covers' | 'isRunning' | 'verdictOf'>;
