import path from 'node:path';
import type { MediaInfo, VideoTrack } from '../../shared/contract/media';
import { chooseStrategy, toneMapChain, type StillsStrategy } from './stills-strategy';

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
  /** Tone-map an HDR source to SDR (only when ffmpeg has zscale; see filter-support.ts). */
  toneMap?: boolean;
  /**
   * Threads for each picture decoder, or ffmpeg's own choice (one per core) when absent.
   * Several analyses at once already fill the cores: a frame-threaded decoder then only adds
   * its hand-over work (see decodeThreadsFor). The pictures are the same either way.
   */
  decodeThreads?: number;
  /** How the tiles are decoded, instead of the per-file choice (to compare strategies). */
  strategy?: StillsStrategy;
}

/**
 * Decoder threads for one analysis while `running` analyses share `cores`: ffmpeg's own
 * choice when it runs alone, else the cores shared out. Two one-minute 1080p H.264 stills
 * runs at once on 2 cores took 1.01 CPU-s per 4 files with one thread each against 1.24
 * with ffmpeg's default (2 shared cores, ffmpeg 5.1), byte-identical images.
 */
export function decodeThreadsFor(running: number, cores: number): number | undefined {
  return running <= 1 ? undefined : Math.max(1, Math.floor(cores / running));
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
  /** 'scan' decodes every frame; 'seek' only frames at the tile points, as `strategy` says. */
  mode: 'scan' | 'seek';
  strategy: StillsStrategy;
}

/** The platform's thumbnail point: 00:00:05, or the middle of a shorter clip. */
export function thumbnailTime(durationSeconds: number | null): number {
  if (durationSeconds === null || durationSeconds <= 0) return 0;
  return durationSeconds >= 5 ? 5 : durationSeconds / 2;
}

/** Scale to at most `width` display pixels wide, even sides, square pixels, aspect kept. */
export function scaleTo(width: number): string {
  return `scale=w='trunc(min(${width},iw*sar)/2)*2':h='trunc(ow/dar/2)*2',setsar=1`;
}

/** Scaled, and tone-mapped after scaling so the float maths runs on small frames only. */
export function stillLook(width: number, toneMap: boolean): string {
  return scaleTo(width) + (toneMap ? `,${toneMapChain}` : '');
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
  const strategy = n > 0 ? (options.strategy ?? chooseStrategy(info, duration, n)) : 'seek';
  const look = (width: number) => stillLook(width, options.toneMap === true);
  const threads = options.decodeThreads ? ['-threads', String(options.decodeThreads)] : [];

  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-y'];
  const graph: string[] = [];
  // Input 0, the thumbnail: accurate input-side seek (fast and exact); reading stops a few
  // frames later, since a finished output does not stop ffmpeg reading its input.
  args.push('-ss', String(thumbnailAt), '-t', String(round3(3 * frameSeconds)));
  args.push(...threads, '-i', file);
  graph.push(`[0:v]${look(options.thumbnailWidth)}[thumb]`);

  let next = 1;
  const tiles = `${look(options.tileWidth)},tile=${columns}x${rows}[strip]`;
  // round=up: a tile takes the last frame at or before its time, as an input seek lands; the
  // default (near) took the last frame of the tile's slot, up to half a slot after its time.
  const pick = `fps=fps=${n}/${duration}:start_time=${round3(duration / (2 * n))}:round=up`;
  const hold = (seconds: number) => `tpad=stop_mode=clone:stop_duration=${round3(seconds)}`;
  if (n > 0 && strategy === 'scan') {
    // The last tile's time can round past the last frame: that frame is held for one slot.
    args.push(...threads, '-i', file);
    graph.push(`[${next}:v]${hold(duration / n)},${pick},${tiles}`);
    next += 1;
  } else if (n > 0 && strategy === 'keyframes') {
    // Tiles after the last keyframe would get no frame (the stream ends first): the last
    // keyframe is held to the end, as a per-tile seek would have picked it too.
    args.push(...threads, '-skip_frame', 'nokey', '-i', file);
    graph.push(
      `[${next}:v]tpad=stop_mode=clone:stop_duration=${round3(duration)},${pick},${tiles}`,
    );
    next += 1;
  } else if (n > 0) {
    // Each tile lands on the keyframe at or before its time and stops at the next frame its
    // decoder gives (the next keyframe of an inter-coded file: one GOP read), or at its slot's
    // end, so no input is read to the end; one decoder thread each, since a frame-threaded
    // decoder spends its start-up on one frame.
    const slot = String(round3(Math.max(1, duration / n)));
    const labels: string[] = [];
    for (const t of tileTimes) {
      args.push('-threads', '1', '-noaccurate_seek', '-skip_frame', 'nokey');
      args.push('-ss', String(t), '-t', slot, '-i', file);
      graph.push(`[${next}:v]trim=end_frame=1,setpts=N[t${next}]`);
      labels.push(`[t${next}]`);
      next += 1;
    }
    graph.push(`${labels.join('')}concat=n=${n}:v=1:a=0,${tiles}`);
  }
  if (options.checkTail) {
    args.push(...threads, '-sseof', '-1', '-i', file);
    graph.push(`[${next}:v]scale=16:-2[tail]`);
  }

  args.push('-filter_complex', graph.join(';'));
  // -update 1: a plain file name, never an image2 pattern (a "%" in the data dir is safe).
  const image = ['-update', '1', '-f', 'image2'];
  args.push('-map', '[thumb]', '-frames:v', '1', '-q:v', '3', ...image, files.thumbnail);
  if (n > 0) args.push('-map', '[strip]', '-frames:v', '1', '-q:v', '5', ...image, files.filmstrip);
  // The tail keeps overwriting one tiny image: it exists only if the last second decodes.
  if (options.checkTail) args.push('-map', '[tail]', '-q:v', '31', ...image, files.tail);
  const mode = strategy === 'scan' ? 'scan' : 'seek';
  return { args, thumbnailAt, tileTimes, rows, columns, mode, strategy };
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
