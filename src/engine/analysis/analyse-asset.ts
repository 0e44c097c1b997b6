import fs from 'node:fs/promises';
import path from 'node:path';
import {
  DailiesError,
  dailiesError,
  type AnalyseJobSpec,
  type AssetStatus,
  type DeliveryRuleSet,
  type MediaInfo,
} from '../../shared/contract';
import { STILLS_DIR } from '../../shared/media-urls';
import type { AnalysisRepository } from '../catalog/repositories/analysis-repository';
import type { AssetRepository, AssetRow } from '../catalog/repositories/asset-repository';
import type { LocationRepository, LocationRow } from '../catalog/repositories/location-repository';
import type { Transact } from '../catalog/transact';
import type { EventBus } from '../events/event-bus';
import type { JobContext } from '../jobs/job-runner';
import {
  analyseFile,
  type AnalyseDeps,
  type AnalyseResult,
  type FileStamp,
} from '../media/analyse-file';
import { changedError, missingError } from '../media/classify-error';
import { checkDelivery, checkDeliveryOfFailed, needsLoudness } from '../media/delivery-check';
import type { LoudnessMeasurement } from '../media/measure-loudness';
import type { ToolLauncher, ToolStarter } from '../media/tool-launcher';
import { isWithoutAnswer } from '../media/tool-spawner';
import { fromCatalog, openablePath } from '../ingest/raw-path';
import { storableLufs, type AnalysisExtras } from './analysis-extras';
import { LoudnessAlongside } from './loudness-alongside';
import type { RunningAnalysesWriter } from './running-analyses';
import { isoNow, type Clock } from '../time/clock';

export interface AnalyseAssetDeps {
  dataDir: string;
  assets: AssetRepository;
  locations: LocationRepository;
  results: AnalysisRepository;
  transact: Transact;
  events: EventBus;
  clock: Clock;
  tools: AnalyseDeps['tools'];
  stills: () => { thumbnailWidth: number; filmstripFrames: number };
  decodeThreads?: AnalyseDeps['decodeThreads'];
  timeouts?: AnalyseDeps['timeouts'];
  /** Files running their tools at once: the probe through the stills run in a slot. */
  slots?: AnalyseDeps['slots'];
  deliveryRules: () => DeliveryRuleSet | null;
  /** The attempts the queue allows; the last one records a transient failure for good. */
  maxAttempts: number;
  /** A file that changed under us is hashed again (its content is no longer the asset's). */
  onFileChanged: (file: string) => void;
  /** Assets being analysed now, with the content (sha256) each run describes. */
  running: RunningAnalysesWriter;
  /** Every child process (tests check none is left). */
  onSpawn?: (pid: number) => void;
  /** How the engine starts its tools (its own spawner); absent, directly. */
  launcher?: ToolLauncher;
  /**
   * The status of a send of the asset that is queued or under way (one may start at the
   * early verdict, before the stills are done), or null: an analysed asset being sent shows
   * that rather than 'ready'.
   */
  sendingStatus?: (assetId: number) => Extract<AssetStatus, 'queued' | 'uploading'> | null;
}

/** Failures that another try may cure by itself; every other one describes the file. */
const TRANSIENT = new Set(['E_TIMEOUT', 'E_FILE_CHANGED']);

/**
 * The `analyse` job: the asset's first readable file through probe, integrity check, stills
 * and the delivery check, written with the asset's media summary and status in one
 * transaction. A per-file failure (not media, truncated, audio only...) is recorded on the
 * asset and fails the job without retries; a transient one (and a tool whose spawner went
 * away) is retried by the queue.
 */
export function analyseAssetRunner(deps: AnalyseAssetDeps) {
  return async (spec: AnalyseJobSpec, context: JobContext): Promise<void> => {
    const asset = deps.assets.findById(spec.assetId);
    if (!asset || asset.deletedAt !== null) return; // gone or trashed: nothing to do
    const previous: AssetStatus = asset.status === 'analysing' ? 'new' : asset.status;
    setStatus(deps, asset.id, 'analysing');
    deps.running.begin(asset.id, asset.sha256);
    try {
      await analyse(deps, asset, context);
    } catch (error) {
      // Stopped (pause, cancel, shutdown) or to be retried, nothing recorded: the asset is
      // as it was before; a recorded failure has already set 'error'.
      if (deps.assets.findById(asset.id)?.status === 'analysing')
        setStatus(deps, asset.id, previous);
      throw error;
    } finally {
      deps.running.end(asset.id);
    }
  };
}

async function analyse(deps: AnalyseAssetDeps, asset: AssetRow, context: JobContext) {
  const location = await firstReadable(deps.locations.findByAssetIds([asset.id]));
  try {
    await analyseLocated(deps, asset, context, location);
  } finally {
    if (location.kind === 'found') await location.release();
  }
}

async function analyseLocated(
  deps: AnalyseAssetDeps,
  asset: AssetRow,
  context: JobContext,
  location: Located,
) {
  const report = (stage: string, percent: number, file: string | null) =>
    context.progress({ stage, percent, file });
  const outDir = path.join(deps.dataDir, STILLS_DIR, String(asset.id));
  let result: AnalyseResult;
  let loudness: LoudnessMeasurement | null | undefined;
  const rules = deps.deliveryRules();
  if (location.kind === 'missing') {
    result = { kind: 'failed', error: location.error, mediaInfo: null, warnings: [] };
  } else {
    const file = location.file;
    report('stat', 0, location.source);
    if (location.changed) {
      deps.onFileChanged(location.source);
      throw changedError(file, { reason: 'size or modification time differ from the catalog' });
    }
    const launcher = launcherFor(deps, context);
    // Loudness decodes all the sound: it runs alongside the stills rather than after them,
    // and counts only if the analysis succeeds (as before); else it is stopped.
    const loudnessRun = new LoudnessAlongside({ ...deps, launcher }, file, context.signal);
    try {
      result = await analyseFile(
        file,
        {
          tools: deps.tools,
          outDir,
          stills: deps.stills(),
          timeouts: deps.timeouts,
          ...(deps.slots ? { slots: deps.slots } : {}),
          ...(deps.decodeThreads ? { decodeThreads: deps.decodeThreads } : {}),
        },
        {
          signal: context.signal,
          onProgress: (p) =>
            report(p.stage === 'done' ? 'delivery' : p.stage, p.percent * 0.9, location.source),
          ...(deps.onSpawn ? { onSpawn: deps.onSpawn } : {}),
          ...(launcher ? { launcher } : {}),
          stat: location.stat,
          ...(rules && needsLoudness(rules) ? { onStills: () => loudnessRun.start() } : {}),
          onVerdict: (mediaInfo) => {
            deps.running.recordVerdict(asset.id, { mediaInfo });
            deps.events.emit('analysis.verdict', { assetId: asset.id });
          },
        },
      );
      throwIfStopped(context.signal);
      if (result.kind === 'failed' && result.error.code === 'E_FILE_CHANGED')
        deps.onFileChanged(location.source);
      // The spawner went away under the tool, or the engine is stopping: nothing is known
      // about the file, so nothing is recorded and the queue tries again (a new spawner
      // starts; the last attempt of a retried job starts its tools directly).
      if (result.kind === 'failed' && isWithoutAnswer(result.error)) throw result.error;
      if (result.kind === 'failed' && TRANSIENT.has(result.error.code)) {
        if (!isFinal(result.error, context, deps.maxAttempts)) throw result.error;
      }
      if (result.kind === 'analysed' && rules && needsLoudness(rules)) {
        loudness = await loudnessRun.result();
        throwIfStopped(context.signal);
      }
    } finally {
      await loudnessRun.stop();
    }
  }

  const mediaInfo = result.mediaInfo;
  const extras: AnalysisExtras = {
    // A broken file never reads as meeting the rules (see checkDeliveryOfFailed).
    delivery:
      mediaInfo && rules
        ? result.kind === 'analysed'
          ? checkDelivery(mediaInfo, rules, loudness)
          : checkDeliveryOfFailed(mediaInfo, rules)
        : null,
    loudness: loudness
      ? { ...loudness, integratedLufs: storableLufs(loudness.integratedLufs) }
      : null,
    loudnessMeasured: loudness !== undefined,
    warnings: result.warnings,
    thumbnail: result.kind === 'analysed' ? result.thumbnail : null,
    filmstrip: result.kind === 'analysed' ? result.filmstrip : null,
  };
  if (result.kind === 'failed') await fs.rm(outDir, { recursive: true, force: true });

  const at = isoNow(deps.clock);
  deps.transact(() => {
    const current = deps.assets.findById(asset.id);
    if (!current) return;
    // The content changed while we looked at the old bytes: this result describes nothing.
    if (current.sha256 !== asset.sha256)
      throw changedError(asset.fileName, { reason: 'the catalog has newer content' });
    deps.results.upsert({
      assetId: asset.id,
      sha256: asset.sha256,
      mediaInfoJson: mediaInfo ? JSON.stringify(mediaInfo) : null,
      thumbnailPath: result.kind === 'analysed' ? result.thumbnail.file : null,
      filmstripPath: result.kind === 'analysed' ? (result.filmstrip?.image ?? null) : null,
      checksJson: JSON.stringify(extras),
      errorCode: result.kind === 'failed' ? result.error.code : null,
      errorMessage: result.kind === 'failed' ? result.error.message : null,
      analysedAt: at,
    });
    const status: AssetStatus =
      result.kind === 'analysed' ? (deps.sendingStatus?.(asset.id) ?? 'ready') : 'error';
    deps.assets.updateMediaSummary(asset.id, { ...summaryOf(mediaInfo), status }, at);
  });
  deps.events.emit('assets.changed', { reason: 'updated', ids: [asset.id] });
  report('done', 100, location.kind === 'found' ? location.source : null);
  // The job fails with the file's problem, shown in the queue; the queue does not retry it.
  if (result.kind === 'failed')
    throw new DailiesError({ ...result.error.toValue(), retryable: false });
}

function summaryOf(info: MediaInfo | null) {
  return {
    codec: info?.video?.codec ?? null,
    width: info?.video?.width ?? null,
    height: info?.video?.height ?? null,
    resolutionClass: info?.resolutionClass ?? null,
    durationSeconds: info?.durationSeconds ?? null,
  };
}

type Located =
  | {
      kind: 'found';
      /** What ffmpeg opens: the path, or a string alias of a name that is not UTF-8. */
      file: string;
      /** The catalog's path, to show and to hash again. */
      source: string;
      changed: boolean;
      /** Its size and modification time, read as it was found. */
      stat: FileStamp;
      release: () => Promise<void>;
    }
  | { kind: 'missing'; error: DailiesError };

/** The first location that can be read, and whether it still looks like what was hashed. */
async function firstReadable(locations: readonly LocationRow[]): Promise<Located> {
  for (const location of locations) {
    const raw = fromCatalog(location.path, location.pathBytes);
    try {
      const stat = await fs.stat(raw);
      if (!stat.isFile()) continue;
      await fs.access(raw, fs.constants.R_OK);
      const changed = stat.size !== location.sizeBytes || stat.mtimeMs !== location.mtimeMs;
      // ffmpeg takes string arguments: a name that is not UTF-8 goes as an alias of its bytes.
      const openable = await openablePath(raw);
      return {
        kind: 'found',
        file: openable.path,
        source: location.path,
        changed,
        stat: { size: stat.size, mtimeMs: stat.mtimeMs },
        release: openable.release,
      };
    } catch {
      // Try the next copy.
    }
  }
  return {
    kind: 'missing',
    error: missingError(locations[0]?.path ?? 'The file'),
  };
}

function setStatus(deps: AnalyseAssetDeps, assetId: number, status: AssetStatus) {
  deps.assets.setStatus(assetId, status, isoNow(deps.clock));
  deps.events.emit('assets.changed', { reason: 'updated', ids: [assetId] });
}

function throwIfStopped(signal: AbortSignal) {
  if (signal.aborted) throw dailiesError('E_CANCELLED', 'Cancelled.');
}

/**
 * How this attempt starts its tools: the last attempt of a job that has been tried before
 * starts them directly, so an analysis whose spawner died under every earlier attempt still
 * gets done (and fails, if it does, with what the tools said). A single allowed attempt keeps
 * the spawner: nothing has gone wrong yet.
 */
function launcherFor(deps: AnalyseAssetDeps, context: JobContext): ToolStarter | undefined {
  const lastRetry = context.attempt > 1 && context.attempt >= deps.maxAttempts;
  return lastRetry ? deps.launcher?.directly : deps.launcher;
}

/** Whether this failure is the job's last word (so the asset should show it). */
function isFinal(error: unknown, context: JobContext, maxAttempts: number): boolean {
  if (context.signal.aborted) return false;
  if (!(error instanceof DailiesError)) return true;
  if (error.code === 'E_CANCELLED') return false;
  return !(error.retryable && context.attempt < maxAttempts);
}
