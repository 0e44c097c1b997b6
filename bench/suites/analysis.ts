import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { packageVersion } from '../../src/engine/app/app-version';
import { createEngine, type Engine } from '../../src/engine/create-engine';
import { inProcessApi } from '../../src/engine/rpc/in-process-api';
import { probeArgs } from '../../src/engine/media/probe';
import { defaultStillsOptions, scaleTo } from '../../src/engine/media/stills-plan';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/contract';
import { profiled } from '../cpu-profile';
import { writeBareAnalysisScripts } from '../bare-analysis';
import { engineToolPath } from '../engine-tool';
import type { Figure } from '../figure';
import type { SuiteContext } from '../suite';
import { compareInterleaved, median } from '../timing';
import { makeDistinctClips } from './probe';

const run = promisify(execFile);
const WORKERS = 2;
const RUNS = 5;
const SHORT_CLIPS = 200;
const HD_CLIPS = 20;

/**
 * Analysis through the engine (ingest untimed, then `analysis.start` with force for every
 * asset, timed until the queue is idle, 2 workers) against a bare `xargs -P 2` loop running,
 * per file, the very ffprobe and ffmpeg commands the engine ran (taken from its own plan).
 * Then a thumbnail of a 60 s 1080p file with input seeking (ours) against the platform's
 * output-seeking command, and the engine process's peak RSS.
 * ANALYSIS_CPU_PROFILE=dir writes the engine's CPU profile of each timed run there.
 */
export async function runAnalysisBench(context: SuiteContext): Promise<Figure[]> {
  const ffprobe = await engineToolPath('ffprobe');
  const ffmpeg = await engineToolPath('ffmpeg');
  if (!ffprobe || !ffmpeg) throw new Error('The engine finds no ffprobe/ffmpeg; install FFmpeg.');

  context.log('generating clips (not timed)');
  const media = path.join(context.workDir, 'media');
  const short = await makeDistinctClips(ffmpeg, media, SHORT_CLIPS);
  const hd = await makeDistinctClips(ffmpeg, media, HD_CLIPS, {
    size: '1920x1080',
    seconds: 6,
    prefix: 'hd',
  });
  const files = [...short, ...hd];

  const dataDir = path.join(context.workDir, 'data');
  const engine = createEngine({
    dataDir,
    host: 'cli',
    version: packageVersion(),
    env: { ...process.env, DAILIES_FFPROBE: ffprobe, DAILIES_FFMPEG: ffmpeg },
  });
  try {
    await invoke(engine, 'settings.set', { analysisConcurrency: WORKERS });
    context.log(`ingesting ${files.length} files (not timed; their first analysis is the warm-up)`);
    const report = await invoke(engine, 'assets.addPaths', { paths: [media] });
    const assetIds = report.assetIds;
    await idle(engine);
    const failed = (await invoke(engine, 'jobs.list', { state: 'failed' })).length;
    if (failed > 0) throw new Error(`${failed} analyses failed; the run is broken.`);

    context.log("writing the bare loop from the engine's own commands");
    const bareDir = path.join(context.workDir, 'bare');
    const scripts = await writeBareAnalysisScripts(
      inProcessApi(engine),
      assetIds,
      { ffprobe, ffmpeg, workers: WORKERS },
      bareDir,
    );
    const bareCommand = `xargs -0 -P ${WORKERS} -n 1 sh < scripts.list (per file: ffprobe ${probeArgs('F').slice(0, -1).join(' ')} F; ffmpeg <the engine's stills plan, with the decoder threads its rule gives for the scripts running then>)`;
    fs.writeFileSync(path.join(bareDir, 'scripts.list'), scripts.map((s) => `${s}\0`).join(''));

    context.log(`analysing ${files.length} files, ${RUNS} runs each, interleaved`);
    let profiledRuns = 0;
    /** The engine's own CPU per run (this process: the harness only starts it and waits). */
    const engineCpuMs: number[] = [];
    const samples = await compareInterleaved(
      {
        engine: () =>
          profiled(
            process.env.ANALYSIS_CPU_PROFILE,
            `analysis-${(profiledRuns += 1)}`,
            async () => {
              const cpu = process.cpuUsage();
              const ended = jobsEnded(engine, assetIds.length);
              await invoke(engine, 'analysis.start', { assetIds, force: true });
              await ended;
              await idle(engine);
              const used = process.cpuUsage(cpu);
              engineCpuMs.push((used.user + used.system) / 1000);
            },
          ),
        bare: () => shell(`xargs -0 -P ${WORKERS} -n 1 sh < scripts.list`, bareDir),
      },
      RUNS,
    );
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const engineMs = median(samples.engine) / files.length;
    const bareMs = median(samples.bare) / files.length;

    context.log('thumbnail of a 60 s 1080p file: input vs output seeking');
    const long = path.join(context.workDir, 'long-1080p.mp4');
    await run(ffmpeg, [
      ...['-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=25:duration=60'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '50'],
      ...['-movflags', '+faststart', long],
    ]);
    const out = (name: string) => path.join(context.workDir, name);
    const inputSeek = [
      ...['-hide_banner', '-nostdin', '-v', 'error', '-y', '-ss', '5', '-i', long],
      ...['-vf', scaleTo(defaultStillsOptions.thumbnailWidth), '-frames:v', '1', '-q:v', '3'],
      ...['-update', '1', out('input-seek.jpg')],
    ];
    const outputSeek = ['-y', '-v', 'error', '-i', long, '-ss', '00:00:05', '-vframes', '1'];
    const thumbs = await compareInterleaved(
      {
        input: () => run(ffmpeg, inputSeek),
        output: () => run(ffmpeg, [...outputSeek, out('output-seek.jpg')]),
      },
      3,
    );
    const inputMs = median(thumbs.input);
    const outputMs = median(thumbs.output);
    const round = (ms: number) => Math.round(ms * 10) / 10;

    return [
      {
        name: `analysis through the engine, ${WORKERS} workers, per file`,
        value: round(engineMs),
        unit: 'ms',
        baseline: { command: bareCommand, value: round(bareMs) },
        ratio: engineMs / bareMs,
        target: { op: '<=', value: 1.05, of: 'ratio' },
        note:
          `${SHORT_CLIPS} 2 s 320x240 clips + ${HD_CLIPS} 6 s 1080p clips; median of ${RUNS} ` +
          `forced re-analyses after a warm-up; engine per-run ` +
          `${samples.engine.map((ms) => Math.round(ms)).join('/')} ms, bare ` +
          `${samples.bare.map((ms) => Math.round(ms)).join('/')} ms. The engine also walks ` +
          'the MP4 boxes, writes the catalog and emits events; the bare loop adds one sh per file. ' +
          `Engine CPU per file (its tool spawner's not included): ` +
          `${(median(engineCpuMs) / files.length).toFixed(1)} ms.`,
      },
      {
        name: 'thumbnail at 5 s of a 60 s 1080p file, input seeking',
        value: round(inputMs),
        unit: 'ms',
        baseline: { command: `ffmpeg ${outputSeek.join(' ')} out.jpg`, value: round(outputMs) },
        ratio: inputMs / outputMs,
        target: { op: '<=', value: 1, of: 'ratio' },
        note: `median of 3, interleaved; the engine's command is ffmpeg -ss 5 -i f (scaled to ${defaultStillsOptions.thumbnailWidth} px).`,
      },
      {
        name: 'peak RSS of the engine process during the run',
        value: Math.round(peakRssMb),
        unit: 'MB',
        note: 'process.resourceUsage().maxRSS of the bench process, which hosts the engine (ffmpeg children not included).',
      },
    ];
  } finally {
    await engine.dispose();
  }
}

async function invoke<M extends MethodName>(
  engine: Engine,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await engine.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

/**
 * Until `count` analyses have ended, counted from their events alone: the harness shares the
 * engine's process, and a query per finished job would be charged to the engine's figure.
 */
function jobsEnded(engine: Engine, count: number): Promise<void> {
  let ended = 0;
  return new Promise((resolve) => {
    const stop = engine.subscribe((event) => {
      if (event.name !== 'job.changed' || event.payload.kind !== 'analyse') return;
      if (event.payload.state !== 'done' && event.payload.state !== 'failed') return;
      ended += 1;
      if (ended < count) return;
      stop();
      resolve();
    });
  });
}

/** Until no job is queued or running, woken by job events. */
async function idle(engine: Engine): Promise<void> {
  for (;;) {
    const changed = new Promise<void>((resolve) => {
      const stop = engine.subscribe((event) => {
        if (
          event.name === 'job.changed' &&
          (event.payload.state === 'done' || event.payload.state === 'failed')
        ) {
          stop();
          resolve();
        }
      });
    });
    // Two one-row queries, so the waiting costs the engine next to nothing.
    const queued = await invoke(engine, 'jobs.list', { state: 'queued', limit: 1 });
    const running = await invoke(engine, 'jobs.list', { state: 'running', limit: 1 });
    if (queued.length === 0 && running.length === 0) return;
    await changed;
  }
}

function shell(script: string, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', script], { cwd, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`"${script}" exited ${code}`)),
    );
  });
}
