import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { dailiesError } from '../shared/contract';

const run = promisify(execFile);

/** `full` for people (a few hundred MB, so multipart and live progress show); `quick` for tests. */
export type SampleSize = 'full' | 'quick';

/** One sample file: what it shows an editor, and how ffmpeg makes it. */
export interface DemoSample {
  fileName: string;
  /** Why it is in the set, printed when the set is made. */
  shows: string;
  /** ffmpeg arguments after the global ones, the output path last (added by the caller). */
  args(size: SampleSize): string[];
  /** Cut the written file to this share of its bytes (a broken export). */
  truncateTo?: number;
}

/** A picture and a tone; each sample gets its own tone so no two share bytes (or a sha256). */
function clip(options: {
  size: string;
  seconds: number;
  tone?: number | null;
  bitrate?: string;
}): string[] {
  const { size, seconds, tone, bitrate } = options;
  const args = ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25:duration=${seconds}`];
  if (tone != null) args.push('-f', 'lavfi', '-i', `sine=frequency=${tone}:duration=${seconds}`);
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
  if (bitrate) {
    // Constant bitrate with filler: a large file quickly, whatever the picture's complexity.
    const rate = bitrate;
    args.push('-b:v', rate, '-minrate', rate, '-maxrate', rate, '-bufsize', rate);
    args.push('-x264-params', 'nal-hrd=cbr');
  }
  if (tone != null) args.push('-c:a', 'aac', '-shortest');
  return args;
}

/**
 * About eight clips, as an editor's day might bring: named the platform's way
 * (`{content_id}_{slug}.ext`) and not, 720p, 1080p and portrait, one without sound, one
 * broken, and one large enough to go up in parts with visible progress.
 */
export const demoSamples: readonly DemoSample[] = [
  {
    fileName: '101_harbour-lights.mp4',
    shows: '1080p, named the platform way: content id 101',
    args: (s) => clip({ size: '1920x1080', seconds: s === 'full' ? 12 : 3, tone: 330 }),
  },
  {
    fileName: '102_night-market.mov',
    shows: '720p QuickTime',
    args: (s) => clip({ size: '1280x720', seconds: s === 'full' ? 9 : 3, tone: 370 }),
  },
  {
    fileName: '103_street-interview.mp4',
    shows: 'portrait phone footage (1080x1920)',
    args: (s) => clip({ size: '1080x1920', seconds: s === 'full' ? 7 : 2, tone: 410 }),
  },
  {
    fileName: '104_silent-b-roll.mp4',
    shows: 'no audio track',
    args: (s) => clip({ size: '1280x720', seconds: s === 'full' ? 10 : 2, tone: null }),
  },
  {
    fileName: '105_feature-master.mp4',
    shows: 'large: uploaded in parts, with live progress',
    args: (s) =>
      s === 'full'
        ? clip({ size: '1920x1080', seconds: 40, tone: 450, bitrate: '48M' })
        : clip({ size: '1280x720', seconds: 8, tone: 450, bitrate: '24M' }),
  },
  {
    fileName: '106_camera-b.mkv',
    shows: 'Matroska from a second camera',
    args: (s) => clip({ size: '1920x1080', seconds: s === 'full' ? 6 : 2, tone: 490 }),
  },
  {
    fileName: 'Rooftop Timelapse (final).mp4',
    shows: 'not named the platform way: the platform gives it a content id',
    args: (s) => clip({ size: '1280x720', seconds: s === 'full' ? 6 : 2, tone: 530 }),
  },
  {
    fileName: '120_broken-export.mp4',
    shows: 'cut short: analysis says why, the rest goes on',
    args: (s) => [
      ...clip({ size: '1280x720', seconds: s === 'full' ? 8 : 3, tone: 570 }),
      // Index at the front, as a camera or an export that was stopped part-way leaves it.
      '-movflags',
      '+faststart',
    ],
    truncateTo: 0.6,
  },
];

/** Written last, so a set whose making was interrupted is made again, not half-used. */
const COMPLETE_MARKER = '.complete';

export interface SampleSetOptions {
  dir: string;
  ffmpeg: string;
  size: SampleSize;
  /** One line per sample as it is made. */
  log?: (line: string) => void;
  /** Stops the ffmpeg that is running; the set is then made again next time. */
  signal?: AbortSignal;
}

/**
 * Makes the sample set in `dir` once; later runs reuse it untouched, so the catalog sees the
 * same files (same size and time) and nothing is read, analysed or sent twice.
 */
export async function ensureSampleSet(options: SampleSetOptions): Promise<string[]> {
  const { dir, ffmpeg, size } = options;
  const files = demoSamples.map((sample) => path.join(dir, sample.fileName));
  const marker = path.join(dir, COMPLETE_MARKER);
  const made = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : null;
  if (made === size) return files;
  if (made !== null) {
    // Making the other set would change every file the catalog, the bucket and the platform
    // already hold under the same names: that is a start-over, which --fresh says plainly.
    throw dailiesError(
      'E_VALIDATION',
      `This demo folder holds the ${made} sample set. Run the demo with --fresh to start over ` +
        `with the ${size} one, or with${made === 'quick' ? '' : 'out'} --quick to go on.`,
    );
  }

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [index, sample] of demoSamples.entries()) {
    const file = files[index]!;
    options.log?.(`  ${sample.fileName}: ${sample.shows}`);
    const args = ['-v', 'error', '-nostdin', '-y', ...sample.args(size), file];
    await run(ffmpeg, args, options.signal ? { signal: options.signal } : {});
    if (sample.truncateTo !== undefined) {
      const { size: bytes } = fs.statSync(file);
      fs.truncateSync(file, Math.floor(bytes * sample.truncateTo));
    }
  }
  fs.writeFileSync(marker, `${size}\n`);
  return files;
}
