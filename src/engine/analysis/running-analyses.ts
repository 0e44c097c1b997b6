/**
 * The assets being analysed now, with the content (sha256) each run describes. The analyse
 * runner writes it; the analysis service asks it whether a run already covers some content.
 */
export class RunningAnalyses {
  readonly #sha256ByAsset = new Map<number, string>();

  begin(assetId: number, sha256: string): void {
    this.#sha256ByAsset.set(assetId, sha256);
  }

  end(assetId: number): void {
    this.#sha256ByAsset.delete(assetId);
  }

  /** How many analyses run now. */
  get count(): number {
    return this.#sha256ByAsset.size;
  }

  /** Whether a run is analysing this very content of the asset. */
  covers(assetId: number, sha256: string): boolean {
    return this.#sha256ByAsset.get(assetId) === sha256;
  }
}

/** What the analyse runner does with it. */
export type RunningAnalysesWriter = Pick<RunningAnalyses, 'begin' | 'end'>;
/** What the analysis service asks of it. */
export type RunningAnalysesReader = Pick<RunningAnalyses, 'covers'>;
