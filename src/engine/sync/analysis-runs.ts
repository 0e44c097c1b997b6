/**
 * What a send asks of the analysis of its asset. A never-sent asset may be sent at its
 * analysis's early verdict (probe and integrity final, the stills still to come): its video
 * goes up meanwhile, and the send waits for the analysis to end before the thumbnail.
 */
export interface AnalysisRuns {
  /** Whether a run analysing this very content has its early verdict. */
  hasVerdict(assetId: number, sha256: string): boolean;
  /** Resolves once the asset's analysis is over (at once when none runs or waits). */
  settled(assetId: number, signal: AbortSignal): Promise<void>;
}
