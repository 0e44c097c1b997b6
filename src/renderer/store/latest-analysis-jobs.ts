import type { Job, JobsChanged } from '../../shared/contract';

/**
 * Each asset's newest analysis job the window knows of (the analysis slice's
 * `latestAnalysisJobs`), by asset id: where a failed row's reason comes from.
 */
export type LatestAnalysisJobs = Record<number, Job>;

/**
 * `latest` with the jobs newer than what it holds for their asset (null: unchanged). Of the
 * events, only jobs of assets it holds already, or that failed, are taken: a pause of 100,000
 * jobs must not fill it with every asset.
 */
export function withNewer(
  latest: LatestAnalysisJobs,
  jobs: readonly Job[],
  /** The engine's answer for assets asked about: taken whatever their state. */
  asked = false,
): LatestAnalysisJobs | null {
  let next: LatestAnalysisJobs | null = null;
  for (const job of jobs) {
    const known = (next ?? latest)[job.spec.assetId];
    if (known ? known.id > job.id : !asked && job.state !== 'failed') continue;
    next ??= { ...latest };
    next[job.spec.assetId] = job;
  }
  return next;
}

/** `latest` with the steps applied to the jobs it holds (null: none of them changed). */
export function withSteps(
  latest: LatestAnalysisJobs,
  steps: readonly JobsChanged[],
): LatestAnalysisJobs | null {
  let next: LatestAnalysisJobs | null = null;
  for (const { kind, ids, assetIds, changes } of steps) {
    if (kind !== 'analyse') continue;
    ids.forEach((id, index) => {
      const known = (next ?? latest)[assetIds[index]!];
      if (known?.id !== id) return;
      next ??= { ...latest };
      next[known.spec.assetId] = { ...known, ...changes };
    });
  }
  return next;
}
