import path from 'node:path';
import type { AssetId, DailiesApi, IngestReport, Job } from '../shared/contract';
import { formatBytes } from '../shared/format-units';

export interface SendBatchOptions {
  api: DailiesApi;
  /** Files and folders to ingest. */
  paths: string[];
  /** One line per thing that happened, for a person watching. */
  log: (line: string) => void;
}

const unfinished = new Set<Job['state']>(['queued', 'running']);
const ALREADY_SYNCED = 'already on the platform, nothing to send';

/**
 * The whole job for a batch, as an editor would run it: ingest, analyse, and send each asset
 * as soon as its analysis finishes (phases overlap instead of waiting for the whole batch).
 * Resolves once nothing is queued or running. An asset that fails stays failed with its
 * reason; the rest of the batch goes on.
 */
export async function sendBatch(options: SendBatchOptions): Promise<IngestReport> {
  const { api, log } = options;
  const names = new Map<AssetId, string>();
  const nameOf = async (assetId: AssetId) => {
    if (!names.has(assetId)) {
      const asset = await api.invoke('assets.get', { id: assetId });
      names.set(assetId, asset.fileName);
    }
    return names.get(assetId)!;
  };
  const sending = new Set<Promise<void>>();
  /** `early`: at the analysis's verdict, where a refusal only means "at its end". */
  const queuedEarly = new Set<AssetId>();
  const send = (assetId: AssetId, early = false) => {
    if (queuedEarly.has(assetId)) return;
    const sent = enqueue(api, assetId, nameOf, early ? null : log)
      .then((queued) => {
        if (queued && early) queuedEarly.add(assetId);
      })
      .finally(() => sending.delete(sent));
    sending.add(sent);
  };
  const progress = new UploadProgressLog(log, nameOf);

  const stopJobs = api.subscribe('job.changed', (job) => {
    void describeJob(job, nameOf).then((line) => line && log(line));
    if (job.spec.kind === 'analyse' && job.state === 'done') send(job.spec.assetId);
  });
  // The video goes up while the stills are made; the send waits for them before the thumbnail.
  const stopVerdicts = api.subscribe('analysis.verdict', ({ assetId }) => send(assetId, true));
  const stopProgress = api.subscribe('sync.progress', (event) => progress.record(event));
  try {
    const report = await api.invoke('assets.addPaths', { paths: options.paths });
    log(describeIngest(report));
    for (const problem of report.problems)
      log(`  ✗ ${path.basename(problem.path)}: ${problem.message}`);
    // Assets analysed on an earlier run get no analysis event now: send those that are ready.
    for (const assetId of report.assetIds) {
      const asset = await api.invoke('assets.get', { id: assetId });
      if (asset.status === 'ready' || asset.status === 'dirty') send(assetId);
      if (asset.status === 'synced') log(`  = ${asset.fileName}: ${ALREADY_SYNCED}`);
    }
    await settled(api, sending);
    return report;
  } finally {
    stopJobs();
    stopVerdicts();
    stopProgress();
  }
}

/**
 * Queues one asset's sync (true when it did); a refusal is logged with its reason (unless
 * `log` is null: a send at the early verdict, tried again when the analysis ends), never
 * thrown.
 */
async function enqueue(
  api: DailiesApi,
  assetId: AssetId,
  nameOf: (id: AssetId) => Promise<string>,
  log: ((line: string) => void) | null,
): Promise<boolean> {
  try {
    const result = await api.invoke('sync.enqueue', { assetIds: [assetId] });
    if (result.alreadySynced > 0) log?.(`  = ${await nameOf(assetId)}: ${ALREADY_SYNCED}`);
    return result.queued > 0;
  } catch (error) {
    log?.(`  ✗ ${await nameOf(assetId)}: not sent: ${(error as Error).message}`);
    return false;
  }
}

/** Waits, event by event, until no job is queued or running and no send is on its way. */
async function settled(api: DailiesApi, sending: Set<Promise<void>>): Promise<void> {
  for (;;) {
    const changed = new Promise<void>((resolve) => {
      const stops = (['job.changed', 'jobs.changed'] as const).map((name) =>
        api.subscribe(name, () => {
          stops.forEach((stop) => stop());
          resolve();
        }),
      );
    });
    if (sending.size > 0) {
      await Promise.all(sending);
      continue;
    }
    const jobs = await api.invoke('jobs.list', {});
    if (sending.size === 0 && !jobs.some((job) => unfinished.has(job.state))) return;
    await changed;
  }
}

function describeIngest(report: IngestReport): string {
  const parts = [`${report.filesFound} video files found`, `${report.added} new`];
  if (report.unchanged > 0) parts.push(`${report.unchanged} already in the catalog`);
  if (report.changed > 0) parts.push(`${report.changed} changed`);
  if (report.problems.length > 0) parts.push(`${report.problems.length} could not be read`);
  return `Ingest: ${parts.join(', ')}.`;
}

async function describeJob(
  job: Job,
  nameOf: (id: AssetId) => Promise<string>,
): Promise<string | null> {
  const name = await nameOf(job.spec.assetId);
  const what = job.spec.kind === 'analyse' ? 'analysed' : 'sent and registered';
  switch (job.state) {
    case 'done':
      return `  ✓ ${name}: ${what}`;
    case 'failed':
      return `  ✗ ${name}: ${job.error?.message ?? 'failed'}`;
    case 'paused':
      return job.error ? `  ‖ ${name}: held: ${job.error.message}` : null;
    default:
      return null;
  }
}

/** A line at each quarter of a file's upload: enough to see the large one move. */
class UploadProgressLog {
  readonly #quarters = new Map<string, number>();

  constructor(
    private readonly log: (line: string) => void,
    private readonly nameOf: (id: AssetId) => Promise<string>,
  ) {}

  record(event: {
    assetId: AssetId;
    upload: { key: string; bytesSent: number; bytesTotal: number; bytesPerSecond: number } | null;
  }): void {
    const upload = event.upload;
    if (!upload || upload.bytesTotal < 16 * 1024 * 1024) return;
    const quarter = Math.floor((upload.bytesSent / upload.bytesTotal) * 4);
    if (quarter === 0 || quarter >= 4 || (this.#quarters.get(upload.key) ?? 0) >= quarter) return;
    this.#quarters.set(upload.key, quarter);
    const rate = upload.bytesPerSecond > 0 ? `, ${formatBytes(upload.bytesPerSecond)}/s` : '';
    void this.nameOf(event.assetId).then((name) =>
      this.log(
        `  … ${name}: ${formatBytes(upload.bytesSent)} of ${formatBytes(upload.bytesTotal)}${rate}`,
      ),
    );
  }
}
