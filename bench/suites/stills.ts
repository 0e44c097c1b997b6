import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { probe } from '../../src/engine/media/probe';
import { defaultStillsOptions, planStills } from '../../src/engine/media/stills-plan';
import { engineToolPath } from '../engine-tool';
import type { Figure } from '../figure';
import type { SuiteContext } from '../suite';
import { median } from '../timing';

const run = promisify(execFile);
const RUNS = 3;
const cacheDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench-cache');

interface Clip {
  name: string;
  file: string;
  /** ffmpeg arguments that make it from lavfi, once. */
  make: string[];
}

/*
 * Clips long enough that the filmstrip leaves the cheap "scan" mode (the analysis suite's
 * 6 s clips never do). Generated once into bench-cache/ (gitignored) and reused by later runs;
 * the ten-minute one is about 1 GB and takes a minute or two to make.
 */
const clips: Clip[] = [
  {
    name: '60 s 1080p H.264 (2 s GOP)',
    file: 'h264-1080p-60s.mp4',
    make: [
      ...['-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=25:duration=60'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '50'],
      ...['-movflags', '+faststart'],
    ],
  },
  {
    // Past the crossover where one seek per tile beats the keyframe pass (stills-strategy.ts).
    name: '10 min 1080p H.264 (2 s GOP)',
    file: 'h264-1080p-10min.mp4',
    make: [
      ...['-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=25:duration=600'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '50'],
      ...['-movflags', '+faststart'],
    ],
  },
  {
    name: '20 s 1080p ProRes 422 (intra-only)',
    file: 'prores-1080p-20s.mov',
    make: [
      ...['-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=25:duration=20'],
      ...['-c:v', 'prores_ks', '-profile:v', '2', '-pix_fmt', 'yuv422p10le'],
    ],
  },
];

/**
 * CPU-seconds (user + system) of the one ffmpeg run that writes a file's thumbnail and
 * 20-tile filmstrip (the engine's own plan), against the bare thumbnail a skilled user runs,
 * `ffmpeg -ss 5 -i f -frames:v 1 out.jpg`, on the same file in the same run. CPU rather than
 * wall time: on a shared machine it is what the stills take from the other workers.
 */
export async function runStillsBench(context: SuiteContext): Promise<Figure[]> {
  const ffmpeg = await engineToolPath('ffmpeg');
  const ffprobe = await engineToolPath('ffprobe');
  if (!ffmpeg || !ffprobe) throw new Error('The engine finds no ffprobe/ffmpeg; install FFmpeg.');
  fs.mkdirSync(cacheDir, { recursive: true });
  const figures: Figure[] = [];
  for (const clip of clips) {
    const file = path.join(cacheDir, clip.file);
    if (!fs.existsSync(file)) {
      context.log(`generating ${clip.file} into bench-cache/ (once, not timed)`);
      const partial = `${file}.partial${path.extname(file)}`;
      await run(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', ...clip.make, partial]);
      fs.renameSync(partial, file);
    }
    const info = await probe(ffprobe, file, fs.statSync(file).size);
    if (!info.video) throw new Error(`${file} has no video`);
    const out = (name: string) => path.join(context.workDir, name);
    const plan = planStills(
      file,
      { ...info, video: info.video },
      { thumbnail: out('thumbnail.jpg'), filmstrip: out('filmstrip.jpg'), tail: out('tail.jpg') },
      { ...defaultStillsOptions, checkTail: false },
    );
    const bare = ['-v', 'error', '-y', '-ss', '5', '-i', file, '-frames:v', '1', out('bare.jpg')];

    context.log(`${clip.name}: ${plan.strategy}, ${RUNS} runs each, interleaved`);
    await cpuSeconds(ffmpeg, plan.args); // warm-up: page cache for both
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      ours.push(await cpuSeconds(ffmpeg, plan.args));
      theirs.push(await cpuSeconds(ffmpeg, bare));
    }
    const value = median(ours);
    const baseline = median(theirs);
    figures.push({
      name: `stills CPU per file, ${clip.name}`,
      value: round(value),
      unit: 'CPU-s',
      baseline: {
        command: `ffmpeg ${bare.slice(0, -1).join(' ')} out.jpg`,
        value: round(baseline),
      },
      ratio: value / baseline,
      note:
        `thumbnail + ${defaultStillsOptions.filmstripFrames}-tile filmstrip in one run ` +
        `("${plan.strategy}"); median of ${RUNS}, ours ${ours.map(round).join('/')}, ` +
        `bare ${theirs.map(round).join('/')} CPU-s.`,
    });
  }
  return figures;
}

/** User + system CPU of one ffmpeg run, from the shell's `times` (children's line). */
function cpuSeconds(ffmpeg: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const script = '"$@" >/dev/null 2>&1 || exit 1; times';
    const child = spawn('/bin/sh', ['-c', script, 'sh', ffmpeg, ...args], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const children = text.trim().split('\n').at(-1) ?? '';
      const parts = [...children.matchAll(/(\d+)m([\d.]+)s/g)];
      if (code !== 0 || parts.length < 2) {
        reject(new Error(`ffmpeg ${args.join(' ')} failed (exit ${code})`));
        return;
      }
      resolve(parts.reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0));
    });
  });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
