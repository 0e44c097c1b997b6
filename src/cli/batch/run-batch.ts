import type {
  Asset,
  AssetId,
  AssetSyncStatus,
  DailiesApi,
  IngestReport,
  Profile,
  SyncHold,
} from '../../shared/contract';
import { isDailiesError } from '../../shared/contract';
import type { ProgressView } from '../progress/progress-view';
import type { BatchRow } from './batch-row';
import { followProgress } from './follow-progress';
import { waitFor } from './wait-for';

export interface BatchOptions {
  api: DailiesApi;
  report: IngestReport;
  /** Queue every ready asset for upload under `profile`. */
  upload: boolean;
  /** Send assets that fail the delivery check anyway (their history records it). */
  overrideDelivery?: boolean;
  /** Stay until every queued upload is synced, failed or held. */
  wait: boolean;
  profile: Profile | null;
  view: ProgressView;
  signal: AbortSignal;
  /** Told each file's final row as soon as it is known (JSON lines, plain lines). */
  onRow: (row: BatchRow) => void;
}

const analysing = new Set<Asset['status']>(['new', 'analysing']);
const unfinishedJob = new Set(['queued', 'running']);

/**
 * After an ingest: follows the analysis of the batch, queues each file for upload (with
 * `upload`) the moment its analysis ends, and with `wait` follows the uploads to the end. The engine does the work;
 * this only asks it, through the contract, and says where each file ended up.
 */
export async function runBatch(options: BatchOptions): Promise<BatchRow[]> {
  const { api, report, view, signal } = options;
  const ids = [...new Set(report.assetIds)];
  const assets = new Map<AssetId, Asset>();
  for (const id of ids) assets.set(id, await api.invoke('assets.get', { id }));
  const rows: BatchRow[] = report.problems.map((problem) => ({
    ...emptyRow(problem.path),
    result: 'failed',
    error: { code: problem.code, message: problem.message },
  }));
  rows.forEach(options.onRow);
  const stopFollowing = followProgress(api, view, (id) => assets.get(id)?.fileName ?? `#${id}`);
  // Files whose analysis has its early verdict: their video may go already. Only when the
  // command stays for the uploads: without --wait it leaves once every file is queued, and
  // leaving stops the analyses still under way.
  const verdicts = new Set<AssetId>();
  const stopVerdicts =
    options.upload && options.wait
      ? api.subscribe('analysis.verdict', ({ assetId }) => verdicts.add(assetId))
      : () => {};
  try {
    // Each file goes on (queued for upload, or its row written) as soon as its own analysis
    // ends, or with upload its early verdict: the first file uploads while the last is still
    // being analysed.
    const pending: AssetId[] = [];
    const waiting = new Set(ids);
    await waitFor(api, signal, async () => {
      for (const id of [...waiting]) {
        const asset = await api.invoke('assets.get', { id });
        assets.set(id, asset);
        if (analysing.has(asset.status)) {
          if (verdicts.delete(id) && (await queuedAtVerdict(options, asset))) {
            waiting.delete(id);
            pending.push(id);
          }
          continue;
        }
        waiting.delete(id);
        const row = await afterAnalysis(options, asset);
        if (row) {
          rows.push(row);
          options.onRow(row);
        } else {
          pending.push(asset.id);
        }
      }
      return waiting.size === 0;
    });
    if (pending.length === 0) return rows;
    if (!options.wait) {
      for (const id of pending) {
        const row = { ...assetRow(assets.get(id)!), result: 'queued' as const };
        rows.push(row);
        options.onRow(row);
      }
      return rows;
    }
    const left = new Set(pending);
    await waitFor(api, signal, async () => {
      const [statuses, overview] = await Promise.all([
        api.invoke('sync.status', { assetIds: [...left] }),
        api.invoke('sync.overview', {}),
      ]);
      for (const status of statuses) {
        const row = syncRow(assets.get(status.assetId)!, status, overview.holds, options.profile);
        if (!row) continue;
        left.delete(status.assetId);
        rows.push(row);
        options.onRow(row);
      }
      return left.size === 0;
    });
    return rows;
  } finally {
    stopVerdicts();
    stopFollowing();
  }
}

/**
 * Queues the upload of a file still being analysed, at its early verdict; false when the
 * engine would rather wait for the end (rules that need the loudness) or refused it now: the
 * end of its analysis queues it then, or says why not.
 */
async function queuedAtVerdict(options: BatchOptions, asset: Asset): Promise<boolean> {
  try {
    const queued = await options.api.invoke('sync.enqueue', {
      assetIds: [asset.id],
      partial: true,
      ...(options.overrideDelivery ? { overrideDelivery: true } : {}),
      ...(options.profile ? { profileId: options.profile.id } : {}),
    });
    for (const warning of queued.warnings) options.view.note(`  ! ${warning.message}`);
    return queued.queued > 0;
  } catch (error) {
    // Said when the analysis ends, where the file is queued the usual way (or its row failed).
    if (isDailiesError(error)) return false;
    throw error;
  }
}

/** The row of an analysed asset, or null when it was queued for upload (and is followed). */
async function afterAnalysis(options: BatchOptions, asset: Asset): Promise<BatchRow | null> {
  const row = assetRow(asset);
  if (asset.status === 'error') {
    const analysis = await options.api.invoke('analysis.get', { assetId: asset.id });
    const error = analysis?.error ?? {
      code: 'E_INTERNAL' as const,
      message: 'The analysis failed; `dailies show` has the details.',
    };
    return { ...row, result: 'failed', error: { code: error.code, message: error.message } };
  }
  if (!options.upload) return { ...row, result: asset.status === 'synced' ? 'synced' : 'analysed' };
  if (asset.status === 'synced') return { ...row, result: 'already-synced' };
  try {
    const queued = await options.api.invoke('sync.enqueue', {
      assetIds: [asset.id],
      ...(options.overrideDelivery ? { overrideDelivery: true } : {}),
      ...(options.profile ? { profileId: options.profile.id } : {}),
    });
    if (queued.alreadySynced > 0) return { ...row, result: 'already-synced' };
    // "sent anyway: it does not meet...", "meets ... with warnings": said, never silent.
    for (const warning of queued.warnings) options.view.note(`  ! ${warning.message}`);
    return null;
  } catch (error) {
    if (!isDailiesError(error)) throw error;
    return { ...row, result: 'failed', error: { code: error.code, message: error.message } };
  }
}

/** The final row of a queued upload, or null while it is still on its way. */
function syncRow(
  asset: Asset,
  status: AssetSyncStatus,
  holds: readonly SyncHold[],
  profile: Profile | null,
): BatchRow | null {
  const row = assetRow(asset);
  const bucket = profile?.bucket;
  const s3 = (key: string | null) => (key && bucket ? `s3://${bucket}/${key}` : key);
  const withKeys = {
    ...row,
    contentId: status.contentId ?? row.contentId,
    video: s3(status.videoKey),
    thumbnail: s3(status.thumbnailKey),
    remoteAssetId: status.remoteAssetId,
  };
  const error = status.lastError
    ? { code: status.lastError.code, message: status.lastError.message }
    : null;
  switch (status.jobState) {
    case 'done':
      return { ...withKeys, result: 'synced' };
    case 'failed':
    case 'cancelled':
      return { ...withKeys, result: 'failed', error: error ?? cancelledError };
    case 'paused':
      return { ...withKeys, result: 'held', error: error ?? pausedError };
    case 'queued': {
      // Outside the profile's upload window the job waits for it: say so instead of waiting.
      const hold = holds.find((candidate) => candidate.profileId === status.profileId);
      if (hold?.reason !== 'window') return null;
      return { ...withKeys, result: 'held', error: { code: 'E_CANCELLED', message: hold.message } };
    }
    default:
      return status.jobState === null || !unfinishedJob.has(status.jobState)
        ? { ...withKeys, result: 'failed', error: cancelledError }
        : null;
  }
}

const cancelledError = { code: 'E_CANCELLED' as const, message: 'The upload was cancelled.' };
const pausedError = {
  code: 'E_CANCELLED' as const,
  message: 'The upload is paused: `dailies queue resume` sends it.',
};

function assetRow(asset: Asset): BatchRow {
  return {
    ...emptyRow(asset.locations[0]?.path ?? asset.fileName),
    assetId: asset.id,
    file: asset.fileName,
    contentId: asset.contentId,
    title: asset.title,
  };
}

function emptyRow(file: string): BatchRow {
  return {
    assetId: null,
    file: file.split(/[\\/]/).pop() ?? file,
    path: file,
    result: 'failed',
    contentId: null,
    title: null,
    video: null,
    thumbnail: null,
    remoteAssetId: null,
    error: null,
  };
}
