import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runTool } from '../../src/engine/media/run-tool';
import { defaultSpawnerChannel, ToolLauncher } from '../../src/engine/media/tool-launcher';
import { systemClock } from '../../src/engine/time/clock';
import { generateMediaFixtures } from '../../test/rig/media-fixtures';
import { engineToolPath } from '../engine-tool';
import type { Figure } from '../figure';
import type { SuiteContext } from '../suite';
import { compareInterleaved, median } from '../timing';

const run = promisify(execFile);

const WORKERS = 2;
const RUNS = 3;
const SMALL_CLIPS = 200;
/** What the engine asks ffprobe for a MediaInfo. */
const PROBE_ARGS = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams'];

/**
 * ffprobe over the test rig's fixtures plus 200 small clips: through the engine's runTool
 * wrapper with 2 workers (parsing each JSON answer, as the engine will), against a bare
 * `xargs -P 2` loop running the same binary over the same files, measured in the same run.
 */
export async function runProbeBench(context: SuiteContext): Promise<Figure[]> {
  const ffprobe = await engineToolPath('ffprobe');
  if (!ffprobe) throw new Error('The engine finds no ffprobe; install FFmpeg first.');
  const ffmpeg = (await engineToolPath('ffmpeg')) ?? 'ffmpeg';

  context.log('generating fixtures (not timed)');
  const fixtures = await generateMediaFixtures(path.join(context.workDir, 'fixtures'), { ffmpeg });
  const clips = await makeDistinctClips(ffmpeg, path.join(context.workDir, 'clips'), SMALL_CLIPS);
  const rigFiles = fs
    .readdirSync(fixtures.dir)
    .filter((name) => !name.startsWith('.'))
    .map((name) => path.join(fixtures.dir, name));
  const files = [...rigFiles, ...clips];
  const list = path.join(context.workDir, 'files.list');
  fs.writeFileSync(list, files.map((file) => `${file}\0`).join(''));
  const bareCommand = `xargs -0 -P ${WORKERS} -n 1 -a files.list ${ffprobe} ${PROBE_ARGS.join(' ')} >/dev/null 2>&1`;

  context.log(`probing ${files.length} files, ${RUNS} runs each after a warm-up`);
  let parsed = 0;
  // Through a spawner, as an engine starts its tools (started in the warm-up).
  const launcher = new ToolLauncher(defaultSpawnerChannel(), systemClock);
  const samples = await compareInterleaved(
    {
      engine: async () => {
        parsed = await probeThroughEngine(ffprobe, files, WORKERS, launcher);
      },
      bare: () => runShell(bareCommand, context.workDir),
      spawn: () => probeWithPlainSpawn(ffprobe, files, WORKERS),
    },
    RUNS,
  ).finally(() => launcher.close());
  if (parsed < clips.length) {
    throw new Error(`Only ${parsed} of ${files.length} files probed cleanly; the run is broken.`);
  }
  const perFile = (ms: number) => ms / files.length;
  const engineMs = perFile(median(samples.engine));
  const bareMs = perFile(median(samples.bare));
  const spawnMs = perFile(median(samples.spawn));
  const round = (values: number[]) => values.map((ms) => Math.round(perFile(ms) * 10) / 10);
  return [
    {
      name: `ffprobe, ${WORKERS} workers, per file`,
      value: engineMs,
      unit: 'ms',
      baseline: { command: bareCommand, value: bareMs },
      ratio: engineMs / bareMs,
      target: { op: '<=', value: 1.15, of: 'ratio' },
      note:
        `${files.length} files (${rigFiles.length} rig fixtures, ${clips.length} small clips), ` +
        `${parsed} with a JSON answer; median of ${RUNS} warm runs; per-file samples ` +
        `engine ${round(samples.engine).join('/')} ms, bare ${round(samples.bare).join('/')} ms.`,
    },
    {
      // Attributes the gap above: what runTool adds over Node's own spawn, versus what any
      // Node process pays to start children (fork of a large process on the event loop).
      name: 'runTool over plain Node spawn',
      value: engineMs,
      unit: 'ms',
      baseline: {
        command: `child_process.spawn(ffprobe ...), stdout+stderr piped, JSON.parse, ${WORKERS} at a time, same process`,
        value: spawnMs,
      },
      ratio: engineMs / spawnMs,
      target: { op: '<=', value: 1.1, of: 'ratio' },
      note: `per-file samples plain spawn ${round(samples.spawn).join('/')} ms.`,
    },
  ];
}

/** Up to `workers` ffprobe processes at once via runTool; returns how many answered JSON. */
async function probeThroughEngine(
  ffprobe: string,
  files: readonly string[],
  workers: number,
  launcher: ToolLauncher,
): Promise<number> {
  let next = 0;
  let answered = 0;
  const worker = async () => {
    for (let index = next++; index < files.length; index = next++) {
      const result = await runTool(ffprobe, [...PROBE_ARGS, files[index]!], {
        timeoutMs: 60_000,
        launcher,
      });
      if (result.exitCode === 0) {
        JSON.parse(result.stdout);
        answered += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return answered;
}

/** The same work with nothing of ours in between, for attributing overhead. */
async function probeWithPlainSpawn(
  ffprobe: string,
  files: readonly string[],
  workers: number,
): Promise<void> {
  let next = 0;
  const probe = (file: string) =>
    new Promise<string>((resolve, reject) => {
      // stderr piped like runTool's, which must keep it to explain failures.
      const child = spawn(ffprobe, [...PROBE_ARGS, file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      child.stderr.resume();
      child.on('error', reject);
      child.on('close', (code) => resolve(code === 0 ? out : '{}'));
    });
  const worker = async () => {
    for (let index = next++; index < files.length; index = next++) {
      JSON.parse(await probe(files[index]!));
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
}

function runShell(script: string, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', script], { cwd, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => {
      // xargs exits 123 when some ffprobe failed, as it does on the rig's broken files.
      if (code === 0 || code === 123) resolve();
      else reject(new Error(`"${script}" exited ${code}`));
    });
  });
}

/**
 * `count` small clips, each a distinct file: one 2 s 320x240 H.264/AAC clip, copied with an
 * MP4 `free` box carrying its number appended (a box every reader skips), so no two share a
 * sha256 and no page-cache page is shared, at the cost of a copy rather than an encode.
 */
export async function makeDistinctClips(
  ffmpeg: string,
  dir: string,
  count: number,
  clip: { size: string; seconds: number; prefix: string } = {
    size: '320x240',
    seconds: 2,
    prefix: 'clip',
  },
): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `.base-${clip.prefix}.mp4`);
  await run(ffmpeg, [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${clip.size}:rate=25:duration=${clip.seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=500:duration=${clip.seconds}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25'],
    ...['-c:a', 'aac', '-b:a', '64k', '-shortest', '-movflags', '+faststart', base],
  ]);
  const bytes = fs.readFileSync(base);
  fs.rmSync(base);
  return Array.from({ length: count }, (_, index) => {
    const free = Buffer.alloc(16);
    free.writeUInt32BE(16, 0);
    free.write('free', 4, 'latin1');
    free.writeUInt32BE(index, 12);
    const file = path.join(dir, `${clip.prefix}-${String(index).padStart(3, '0')}.mp4`);
    fs.writeFileSync(file, Buffer.concat([bytes, free]));
    return file;
  });
}
