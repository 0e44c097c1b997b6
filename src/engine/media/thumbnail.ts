import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {
  AnalysisWarning,
  FilmstripIndex,
  MediaInfo,
  StillImage,
  VideoTrack,
} from '../../shared/contract/media';
import { classifyFfmpegFailure, truncatedError } from './classify-error';
import { filmstripIndex } from './filmstrip';
import { jpegSize } from './jpeg-size';
import { runTool, type ToolRunContext } from './run-tool';
import { hasFilter } from './filter-support';
import { planStills, stillLook, type StillsOptions } from './stills-plan';
import { needsToneMap } from './stills-strategy';

export const stillNames = {
  thumbnail: 'thumbnail.jpg',
  filmstrip: 'filmstrip.jpg',
  index: 'filmstrip.json',
} as const;

export interface StillsResult {
  thumbnail: StillImage;
  filmstrip: FilmstripIndex | null;
  warnings: AnalysisWarning[];
  /** Whether the last second decoded; null when not checked (ISO-BMFF is checked by boxes). */
  tailDecoded: boolean | null;
  /** ffmpeg's error lines (decode errors and the like), empty when clean. */
  errorOutput: string;
  spawns: number;
}

/**
 * Writes thumbnail.jpg, filmstrip.jpg and filmstrip.json into `outDir` with one ffmpeg run
 * (see stills-plan.ts). Files appear under their final names only when complete, so an old
 * thumbnail is never replaced by a half-written one.
 *
 * The stills' own files (in the data folder, beside the catalog SQLite writes synchronously)
 * are read, renamed and cleared synchronously: a handful of small local operations per file,
 * each a round trip through libuv's thread pool otherwise.
 *
 * Traps handled: a seek past the last frame (a duration that lies, a clip cut short) makes
 * ffmpeg exit 0 and write nothing, so the output is checked, and the first frame is taken
 * instead with a warning; a file without a picture makes ffmpeg exit 1 -> E_NO_VIDEO.
 */
export async function renderStills(
  ffmpeg: string,
  file: string,
  info: MediaInfo,
  outDir: string,
  options: StillsOptions,
  run: ToolRunContext = {},
  /** Called once no tool of these stills runs any more, before their files are put in place. */
  onToolsEnded: () => void = () => {},
): Promise<StillsResult> {
  fs.mkdirSync(outDir, { recursive: true });
  const id = randomBytes(4).toString('hex');
  const temp = {
    thumbnail: path.join(outDir, `.${id}-${stillNames.thumbnail}`),
    filmstrip: path.join(outDir, `.${id}-${stillNames.filmstrip}`),
    tail: path.join(outDir, `.${id}-tail.jpg`),
  };
  // What may be left to clear at the end: every name ffmpeg may write, less those renamed.
  const leftovers = new Set([temp.thumbnail, temp.filmstrip]);
  if (options.checkTail) leftovers.add(temp.tail);
  try {
    const video = withVideo(info);
    // HDR is tone-mapped where this ffmpeg can (zscale); elsewhere the stills stay as before.
    const toneMap = needsToneMap(video.video) && (await hasFilter(ffmpeg, 'zscale', run));
    const plan = planStills(file, video, temp, { ...options, toneMap });
    const result = await runTool(ffmpeg, plan.args, run);
    if (result.exitCode !== 0) throw classifyFfmpegFailure(result, file);
    let spawns = 1;
    const warnings: AnalysisWarning[] = [];

    let thumbnailAt = plan.thumbnailAt;
    let size = jpegSize(temp.thumbnail);
    if (size) onToolsEnded();
    else {
      // Nothing at the thumbnail point: take the first frame, which any decodable clip has.
      spawns += 1;
      thumbnailAt = 0;
      const retry = await runTool(
        ffmpeg,
        firstFrameArgs(file, temp.thumbnail, { ...options, toneMap }),
        run,
      );
      onToolsEnded();
      if (retry.exitCode !== 0) throw classifyFfmpegFailure(retry, file);
      size = jpegSize(temp.thumbnail);
      if (!size)
        throw truncatedError(file, { reason: 'no frame could be decoded', stderr: result.stderr });
      warnings.push({
        code: 'thumbnail-fallback',
        message: `There was no picture at ${plan.thumbnailAt.toFixed(1)} s, so the first frame is the thumbnail.`,
      });
    }
    const thumbnail = path.join(outDir, stillNames.thumbnail);
    fs.renameSync(temp.thumbnail, thumbnail);
    leftovers.delete(temp.thumbnail);

    let filmstrip: FilmstripIndex | null = null;
    const stripSize = plan.tileTimes.length > 0 ? jpegSize(temp.filmstrip) : null;
    if (stripSize) {
      const image = path.join(outDir, stillNames.filmstrip);
      fs.renameSync(temp.filmstrip, image);
      leftovers.delete(temp.filmstrip);
      filmstrip = filmstripIndex(image, stripSize, plan);
      const onDisk = { ...filmstrip, image: stillNames.filmstrip };
      fs.writeFileSync(path.join(outDir, stillNames.index), JSON.stringify(onDisk, null, 1));
    } else {
      warnings.push({
        code: 'filmstrip-missing',
        message: 'No filmstrip could be made for this clip.',
      });
    }

    const errorOutput = result.stderr.trim();
    if (errorOutput !== '')
      warnings.push({
        code: 'decode-errors',
        message: 'Some frames could not be decoded: the file may be damaged in places.',
      });
    return {
      thumbnail: { file: thumbnail, ...size, atSeconds: thumbnailAt },
      filmstrip,
      warnings,
      tailDecoded: options.checkTail ? jpegSize(temp.tail) !== null : null,
      errorOutput,
      spawns,
    };
  } finally {
    for (const leftover of leftovers) fs.rmSync(leftover, { force: true });
  }
}

/** ffmpeg is still asked for a picture when the probe found none; it answers E_NO_VIDEO. */
function withVideo(info: MediaInfo): MediaInfo & { video: VideoTrack } {
  if (info.video) return info as MediaInfo & { video: VideoTrack };
  return {
    ...info,
    video: {
      index: 0,
      codec: 'none',
      profile: null,
      pixelFormat: null,
      storedWidth: 0,
      storedHeight: 0,
      width: 0,
      height: 0,
      rotation: 0,
      frameRate: null,
      bitRate: null,
      colorTransfer: null,
      colorPrimaries: null,
      colorSpace: null,
      dynamicRange: 'SDR',
    },
  };
}

function firstFrameArgs(file: string, out: string, options: StillsOptions): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-y',
    '-i',
    path.resolve(file),
    '-map',
    '0:v:0',
    '-vf',
    stillLook(options.thumbnailWidth, options.toneMap === true),
    '-frames:v',
    '1',
    '-q:v',
    '3',
    '-update',
    '1',
    '-f',
    'image2',
    out,
  ];
}
