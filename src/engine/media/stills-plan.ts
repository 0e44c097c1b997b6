import path from 'node:path';
import type { MediaInfo, VideoTrack } from '../../shared/contract/media';

export interface StillsOptions {
  /** Thumbnail width in px (settings.thumbnailWidth); never upscaled, always even. */
  thumbnailWidth: number;
  /** Filmstrip tiles (settings.filmstripFrames). */
  filmstripFrames: number;
  tileWidth: number;
  /** Tiles per sprite row. */
  columns: number;
  /** Decode the last second too, to catch a cut the container cannot show (mkv, ts). */
  checkTail: boolean;
}

export const defaultStillsOptions: StillsOptions = {
  thumbnailWidth: 640,
  filmstripFrames: 20,
  tileWidth: 160,
  columns: 10,
  checkTail: false,
};

export interface StillsFiles {
  thumbnail: string;
  filmstrip: string;
  tail: string;
}

export interface StillsPlan {
  args: string[];
  thumbnailAt: number;
  /** Times the filmstrip tiles stand for; empty when there is no duration to space them. */
  tileTimes: number[];
  rows: number;
  columns: number;
  mode: 'scan' | 'seek';
}

/** The platform's thumbnail point: 00:00:05, or the middle of a shorter clip. */
export function thumbnailTime(durationSeconds: number | null): number {
  if (durationSeconds === null || durationSeconds <= 0) return 0;
  return durationSeconds >= 5 ? 5 : durationSeconds / 2;
}

/*
 * How the filmstrip is made, measured here on 20 tiles (2 cores, ffmpeg 5.1, one run that
 * also writes the thumbnail; Python start-up subtracted):
 *                                   320x240 6 s   1080p 6 s   1080p 60 s
 *   seek: one input per tile,           0.33 s      0.65 s      0.72 s
 *         -noaccurate_seek -skip_frame nokey (decodes one keyframe per tile)
 *   scan: decode every frame + fps      0.06 s      0.38 s      3.4 s
 *   keyframes-only scan + fps           0.14 s      0.17 s      0.34 s  (drops tiles after
 *         the last keyframe on short clips: 17 of 20 on a 6 s clip, so not correct)
 *   accurate seek per tile              -           -           3.8 s  (decodes whole GOPs)
 * Seeking costs a roughly fixed ~12-30 ms per tile (opening the input and one keyframe),
 * scanning grows with the number of decoded pixels. So: scan while the whole clip costs
 * no more to decode than about ten 1080p frames per tile, seek beyond that. Both are one
 * ffmpeg run together with the thumbnail, which keeps a healthy file at two spawns.
 */
const scanBudgetPerTile = 10 * 1920 * 1080;

export function chooseMode(video: VideoTrack, durationSeconds: number, tiles: number) {
  const frames = durationSeconds * (video.frameRate ?? 30);
  return frames * video.width * video.height <= tiles * scanBudgetPerTile ? 'scan' : 'seek';
}

/** Scale to at most `width` display pixels wide, even sides, square pixels, aspect kept. */
export function scaleTo(width: number): string {
  return `scale=w='trunc(min(${width},iw*sar)/2)*2':h='trunc(ow/dar/2)*2',setsar=1`;
}

/**
 * The single ffmpeg command that writes the thumbnail and the filmstrip sprite (and, for
 * containers without a box structure to check, decodes the last second). ffmpeg rotates
 * by the display matrix on its own (autorotate), so both come out as displayed.
 */
export function planStills(
  input: string,
  info: MediaInfo & { video: VideoTrack },
  files: StillsFiles,
  options: StillsOptions,
): StillsPlan {
  const file = path.resolve(input);
  const duration = info.durationSeconds ?? 0;
  const thumbnailAt = thumbnailTime(info.durationSeconds);
  const frameSeconds = 1 / (info.video.frameRate ?? 25);
  const n = duration > 0 ? options.filmstripFrames : 0;
  const tileTimes = Array.from({ length: n }, (_, i) => round3((duration * (i + 0.5)) / n));
  const columns = Math.max(1, Math.min(options.columns, n));
  const rows = Math.max(1, Math.ceil(n / columns));
  const mode = n > 0 ? chooseMode(info.video, duration, n) : 'seek';

  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-y'];
  const graph: string[] = [];
  // Input 0, the thumbnail: accurate input-side seek (fast and exact); reading stops a few
  // frames later, since a finished output does not stop ffmpeg reading its input.
  args.push('-ss', String(thumbnailAt), '-t', String(round3(3 * frameSeconds)), '-i', file);
  graph.push(`[0:v]${scaleTo(options.thumbnailWidth)}[thumb]`);

  let next = 1;
  if (n > 0 && mode === 'scan') {
    args.push('-i', file);
    graph.push(
      `[${next}:v]fps=fps=${n}/${duration}:start_time=${round3(duration / (2 * n))},` +
        `${scaleTo(options.tileWidth)},tile=${columns}x${rows}[strip]`,
    );
    next += 1;
  } else if (n > 0) {
    // Each tile reads at most its own slot of the clip, so no input is read to the end.
    const slot = String(round3(Math.max(1, duration / n)));
    const labels: string[] = [];
    for (const t of tileTimes) {
      args.push('-noaccurate_seek', '-skip_frame', 'nokey', '-ss', String(t), '-t', slot);
      args.push('-i', file);
      graph.push(`[${next}:v]trim=end_frame=1,${scaleTo(options.tileWidth)},setpts=N[t${next}]`);
      labels.push(`[t${next}]`);
      next += 1;
    }
    graph.push(`${labels.join('')}concat=n=${n}:v=1:a=0,tile=${columns}x${rows}[strip]`);
  }
  if (options.checkTail) {
    args.push('-sseof', '-1', '-i', file);
    graph.push(`[${next}:v]scale=16:-2[tail]`);
  }

  args.push('-filter_complex', graph.join(';'));
  // -update 1: a plain file name, never an image2 pattern (a "%" in the data dir is safe).
  const image = ['-update', '1', '-f', 'image2'];
  args.push('-map', '[thumb]', '-frames:v', '1', '-q:v', '3', ...image, files.thumbnail);
  if (n > 0) args.push('-map', '[strip]', '-frames:v', '1', '-q:v', '5', ...image, files.filmstrip);
  // The tail keeps overwriting one tiny image: it exists only if the last second decodes.
  if (options.checkTail) args.push('-map', '[tail]', '-q:v', '31', ...image, files.tail);
  return { args, thumbnailAt, tileTimes, rows, columns, mode };
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
