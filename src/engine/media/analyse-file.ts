import type { ToolStarter } from './tool-launcher';
import fs from 'node:fs/promises';
import { isDailiesError, type DailiesError } from '../../shared/contract';
import type {
  AnalysisOutcome,
  AnalysisStage,
  AnalysisWarning,
  FilmstripIndex,
  MediaInfo,
  StillImage,
} from '../../shared/contract/media';
import {
  changedError,
  classifyFsError,
  notAFileError,
  noVideoError,
  toDailiesError,
  truncatedError,
  zeroBytesError,
} from './classify-error';
import type { ToolName } from './locate-tools';
import { probe } from './probe';
import { defaultStillsOptions, type StillsOptions } from './stills-plan';
import { renderStills } from './thumbnail';
import type { ToolSlots } from './tool-slots';
import { isCutShort, isIsoBmff, walkTopLevelBoxes, type BoxWalk } from './truncation';

export interface AnalyseDeps {
  /** MediaTools satisfies this; E_FFMPEG_MISSING comes from it. */
  tools: { require(name: ToolName): Promise<string> };
  /** Where this asset's thumbnail.jpg, filmstrip.jpg and filmstrip.json go. */
  outDir: string;
  stills?: Partial<Pick<StillsOptions, 'thumbnailWidth' | 'filmstripFrames' | 'tileWidth'>>;
  /** Asked as the stills start: threads per decoder (see decodeThreadsFor); none, ffmpeg's. */
  decodeThreads?: () => number | undefined;
  /**
   * Each tool run is killed after baseMs + msPerMegabyte per MB of the file: generous for
   * a slow network share, but a hung ffmpeg does not hold a worker forever.
   */
  timeouts?: { baseMs: number; msPerMegabyte: number };
  /** The probe, integrity check and stills run in one of these (files at once), waited for. */
  slots?: ToolSlots;
}

export const defaultTimeouts = { baseMs: 30_000, msPerMegabyte: 100 };

/** How long one tool run on a file of `sizeBytes` may take before it is killed. */
export function toolTimeoutMs(
  sizeBytes: number,
  timeouts: AnalyseDeps['timeouts'] = defaultTimeouts,
): number {
  return timeouts.baseMs + (sizeBytes / 1_048_576) * timeouts.msPerMegabyte;
}

export interface AnalyseProgress {
  stage: AnalysisStage;
  percent: number;
}

export interface AnalyseOptions {
  signal?: AbortSignal;
  onProgress?: (progress: AnalyseProgress) => void;
  /** Every child process started, by pid (logs; tests count spawns and check for strays). */
  onSpawn?: (pid: number) => void;
  /** How the engine starts its tools (its spawner); absent, directly. */
  launcher?: ToolStarter;
  /**
   * Called as the stills start, once the file has probed as video and passed the integrity
   * check: work that reads the whole file anyway (loudness) can run alongside them.
   */
  onStills?: () => void;
  /**
   * Called when the probe and the integrity check are final before the stills: an MP4 or
   * QuickTime file whose boxes are whole. (Other containers show a cut-short end only as a
   * last second that does not decode, which the stills find.) What can be judged of the file
   * is known then: its upload may start while the stills are made.
   */
  onVerdict?: (mediaInfo: MediaInfo) => void;
  /**
   * The file's size and modification time as the caller has just read them (the analysis
   * compares them with the catalog's), so the file is not asked again before the probe.
   */
  stat?: FileStamp;
}

/** What tells one state of a file's content from another, short of reading it. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export type AnalyseResult =
  | {
      kind: 'analysed';
      mediaInfo: MediaInfo;
      thumbnail: StillImage;
      filmstrip: FilmstripIndex | null;
      warnings: AnalysisWarning[];
    }
  | {
      kind: 'failed';
      error: DailiesError;
      /** Present when the probe worked: an audio-only file is catalogued and flagged. */
      mediaInfo: MediaInfo | null;
      warnings: AnalysisWarning[];
    };

/**
 * Analyses one file: stat, probe, integrity check, thumbnail + filmstrip, stat again.
 * Never throws: every failure comes back classified, so one bad file cannot stop a batch.
 * A healthy file costs two processes (ffprobe, then one ffmpeg run).
 */
export async function analyseFile(
  file: string,
  deps: AnalyseDeps,
  options: AnalyseOptions = {},
): Promise<AnalyseResult> {
  let mediaInfo: MediaInfo | null = null;
  const warnings: AnalysisWarning[] = [];
  const progress = (stage: AnalysisStage, percent: number) =>
    options.onProgress?.({ stage, percent });
  let releaseSlot = () => {};
  try {
    progress('stat', 0);
    const before = options.stat ?? (await statFile(file));
    if (before.size === 0) throw zeroBytesError(file);
    const run = {
      timeoutMs: toolTimeoutMs(before.size, deps.timeouts),
      signal: options.signal,
      onSpawn: options.onSpawn,
      launcher: options.launcher,
    };

    // The boxes of an MP4 or QuickTime file are read now, while the file may still wait for
    // its slot: a few small reads, each a round trip through libuv's thread pool, that would
    // otherwise leave the slot's core idle between the probe and the stills. Another
    // container costs one read. A failure is met again, and classified, where it counts.
    const boxes = walkTopLevelBoxes(file, before.size).catch(() => null);

    // A core of its own from the probe to the stills' end, as a file would have in a plain
    // loop: the steps in between are short. A file waiting for one says so.
    if (deps.slots)
      releaseSlot = await deps.slots.acquire(options.signal, (waiting) => {
        if (waiting) progress('waiting', 0);
      });

    progress('probe', 5);
    const ffprobe = await deps.tools.require('ffprobe');
    mediaInfo = await probe(ffprobe, file, before.size, run).catch(async (error: unknown) => {
      // A cut mp4 whose index (moov) was to come at the end cannot be probed at all: the
      // boxes say whether it is cut short (retryable) rather than not media.
      throw (await cutShortError(file, error, await boxes)) ?? error;
    });
    if (!mediaInfo.video) throw noVideoError(file);

    progress('integrity', 40);
    const iso = isIsoBmff(mediaInfo.container);
    if (iso) {
      const walk = (await boxes) ?? (await walkTopLevelBoxes(file, before.size));
      // Read while the file waited: one that looks cut short may have been written since, and
      // is then a changed file (checked again, retried) rather than a cut one.
      if (walk.kind === 'truncated') {
        throwIfChanged(file, before, await statFile(file));
        throw truncatedError(file, walkDetails(walk));
      }
      options.onVerdict?.(mediaInfo);
    }

    progress('stills', 50);
    options.onStills?.();
    const decodeThreads = deps.decodeThreads?.();
    const stills = await renderStills(
      await deps.tools.require('ffmpeg'),
      file,
      mediaInfo,
      deps.outDir,
      {
        ...defaultStillsOptions,
        ...deps.stills,
        checkTail: !iso,
        ...(decodeThreads ? { decodeThreads } : {}),
      },
      run,
      // The tools are done: the next file's may start while this one's stills are put in
      // place (a rename over an old thumbnail makes ext4 start writing it out) and checked.
      releaseSlot,
    );
    warnings.push(...stills.warnings);
    // Matroska says so when its data stops before its declared end; other containers
    // show it as a last second that does not decode.
    if (stills.tailDecoded === false || /ended prematurely/i.test(stills.errorOutput))
      throw truncatedError(file, { reason: 'the last second does not decode' });

    throwIfChanged(file, before, await statFile(file));

    progress('done', 100);
    return {
      kind: 'analysed',
      mediaInfo,
      thumbnail: stills.thumbnail,
      filmstrip: stills.filmstrip,
      warnings,
    };
  } catch (error) {
    return { kind: 'failed', error: toDailiesError(error, file), mediaInfo, warnings };
  } finally {
    releaseSlot(); // given back once, whichever way the analysis ended
  }
}

async function cutShortError(
  file: string,
  probeError: unknown,
  boxes: BoxWalk | null,
): Promise<DailiesError | null> {
  if (!isDailiesError(probeError) || probeError.code !== 'E_NOT_MEDIA') return null;
  const walk = boxes ?? (await walkTopLevelBoxes(file).catch(() => null));
  return walk && isCutShort(walk) ? truncatedError(file, walkDetails(walk)) : null;
}

function walkDetails(walk: Exclude<BoxWalk, { kind: 'not-iso' }>): Record<string, unknown> {
  return walk.kind === 'truncated'
    ? { expectedBytes: walk.expectedBytes, actualBytes: walk.actualBytes, lastBox: walk.lastBox }
    : { reason: 'the index (moov) is missing' };
}

/** E_FILE_CHANGED when the file's size or modification time moved since `before`. */
function throwIfChanged(file: string, before: FileStamp, after: FileStamp): void {
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs)
    throw changedError(file, {
      sizeBefore: before.size,
      sizeAfter: after.size,
      mtimeBefore: before.mtimeMs,
      mtimeAfter: after.mtimeMs,
    });
}

async function statFile(file: string) {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    throw classifyFsError(error, file);
  }
  if (!stat.isFile()) throw notAFileError(file);
  return stat;
}

/** The contract's shape of a result, for events and the catalog. */
export function toOutcome(result: AnalyseResult): AnalysisOutcome {
  return result.kind === 'analysed' ? result : { ...result, error: result.error.toValue() };
}
