import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Every kind of file the analysis and ingest tests need, each with what it should be. */
export interface MediaFixtures {
  dir: string;
  /** Short H.264/AAC mp4 clips of varied length (2, 6, 8 seconds), 320x240. */
  shortClips: string[];
  /** 1920x1080, 6 s. */
  hd1080: string;
  /** 3 s: shorter than the platform's 5 s thumbnail point. */
  underFiveSeconds: string;
  /** Encoded 1280x720 with rotation metadata of 90 degrees: displayed as 720x1280. */
  rotatedPortrait: string;
  mov: string;
  mkv: string;
  /** AAC audio only, in an .m4a. */
  audioOnly: string;
  zeroBytes: string;
  /** An mp4 with its index (moov) at the front, cut to 60 % of its bytes. */
  truncated: string;
  /** Plain text with a video extension. */
  textAsMp4: string;
  /** Names editors really use. */
  withSpaces: string;
  nonAscii: string;
}

export interface FixtureOptions {
  ffmpeg?: string;
}

/**
 * Generates the fixture set with ffmpeg's lavfi sources into `dir`. Small on purpose: the
 * whole set takes a few seconds on two cores, so each test file can make its own.
 */
export async function generateMediaFixtures(
  dir: string,
  options: FixtureOptions = {},
): Promise<MediaFixtures> {
  const ffmpeg = options.ffmpeg ?? 'ffmpeg';
  fs.mkdirSync(dir, { recursive: true });
  const out = (name: string) => path.join(dir, name);
  // Each clip gets its own tone so that no two fixtures share bytes (and so a sha256):
  // de-duplication tests copy a file on purpose instead.
  let tone = 300;
  const clip = (file: string, seconds: number, size = '320x240') =>
    makeClip(ffmpeg, file, seconds, size, (tone += 40));

  const shortClips = [out('1_short-a.mp4'), out('2_short-b.mp4'), out('3_short-c.mp4')];
  await Promise.all([clip(shortClips[0]!, 2), clip(shortClips[1]!, 6), clip(shortClips[2]!, 8)]);

  const fixtures: MediaFixtures = {
    dir,
    shortClips,
    hd1080: out('10_hd-1080.mp4'),
    underFiveSeconds: out('11_under-five.mp4'),
    rotatedPortrait: out('12_rotated-portrait.mp4'),
    mov: out('13_quicktime.mov'),
    mkv: out('14_matroska.mkv'),
    audioOnly: out('15_audio-only.m4a'),
    zeroBytes: out('16_zero-bytes.mp4'),
    truncated: out('17_truncated.mp4'),
    textAsMp4: out('18_not-a-video.mp4'),
    withSpaces: out('19 my holiday clip.mp4'),
    nonAscii: out('20_기생충 Überraschung.mp4'),
  };

  await Promise.all([
    clip(fixtures.hd1080, 6, '1920x1080'),
    clip(fixtures.underFiveSeconds, 3),
    clip(fixtures.mov, 4),
    clip(fixtures.mkv, 4),
    clip(fixtures.withSpaces, 2),
    clip(fixtures.nonAscii, 2),
  ]);
  await makeRotated(ffmpeg, fixtures.rotatedPortrait, out('.rotated-source.mp4'));
  await run(ffmpeg, [
    ...quiet,
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=4',
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    fixtures.audioOnly,
  ]);
  fs.writeFileSync(fixtures.zeroBytes, '');
  fs.writeFileSync(fixtures.textAsMp4, 'This is a shot list, not a video.\n'.repeat(20));
  await makeTruncated(ffmpeg, fixtures.truncated, out('.truncated-source.mp4'));
  return fixtures;
}

const quiet = ['-hide_banner', '-loglevel', 'error', '-y'];

export async function makeClip(
  ffmpeg: string,
  file: string,
  seconds: number,
  size: string,
  toneHz: number,
): Promise<void> {
  const rate = 25;
  const container = path.extname(file) === '.mov' ? ['-f', 'mov'] : [];
  await run(ffmpeg, [
    ...quiet,
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${toneHz}:duration=${seconds}`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(rate),
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    '-shortest',
    ...(path.extname(file) === '.mkv' ? [] : ['-movflags', '+faststart']),
    ...container,
    file,
  ]);
}

/**
 * Rotation is metadata, not pixels. ffmpeg 5.1 has no -display_rotation, and its encoder
 * drops a rotate tag, but a stream-copy remux turns the tag into the display matrix that
 * phones write and that ffprobe reports as side data.
 */
async function makeRotated(ffmpeg: string, file: string, source: string): Promise<void> {
  await makeClip(ffmpeg, source, 4, '1280x720', 2000);
  await run(ffmpeg, [...quiet, '-i', source, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', file]);
  fs.rmSync(source);
}

async function makeTruncated(ffmpeg: string, file: string, source: string): Promise<void> {
  await makeClip(ffmpeg, source, 8, '320x240', 2500);
  const bytes = fs.readFileSync(source);
  fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  fs.rmSync(source);
}
