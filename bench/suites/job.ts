import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { packageVersion } from '../../src/engine/app/app-version';
import { createEngine } from '../../src/engine/create-engine';
import { SecretRedactor } from '../../src/engine/logging/redactor';
import { inProcessApi } from '../../src/engine/rpc/in-process-api';
import { SessionSecretStore } from '../../src/engine/secrets/session-secret-store';
import { ensureDemoProfile } from '../../src/demo/demo-profile';
import { sendBatch } from '../../src/demo/send-batch';
import type { DailiesApi } from '../../src/shared/contract';
import { profiled } from '../cpu-profile';
import { writeBareAnalysisScripts } from '../bare-analysis';
import { engineToolPath } from '../engine-tool';
import { startRemoteStandIns, type RemoteStandIns } from '../remote-stand-ins';
import type { Figure } from '../figure';
import type { SuiteContext } from '../suite';
import { median } from '../timing';

const run = promisify(execFile);
/** DAILIES_BENCH_JOB_LONG=1: ten-minute clips, 4K HEVC and a multi-GB file (slow to make). */
const LONG = process.env.DAILIES_BENCH_JOB_LONG === '1';
const RUNS = Number(process.env.DAILIES_BENCH_JOB_RUNS ?? 2);
const WORKERS = 2;
const cacheDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../bench-cache/job',
);

interface Media {
  file: string;
  /** ffmpeg arguments that make it from lavfi, once (cached in bench-cache/job). */
  make: string[];
}

const h264 = (seconds: number, size: string, tone: number, extra: string[] = []) => [
  ...['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25:duration=${seconds}`],
  ...['-f', 'lavfi', '-i', `sine=frequency=${tone}:duration=${seconds}`],
  ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '50'],
  ...extra,
  ...['-c:a', 'aac', '-b:a', '128k', '-shortest', '-movflags', '+faststart'],
];

/** Real-world media: one-minute 1080p clips (default), plus the long mode's heavy files. */
function mediaSet(): Media[] {
  const minute = Array.from({ length: 4 }, (_, i) => ({
    file: `h264-1080p-60s-${i}.mp4`,
    make: h264(60, '1920x1080', 300 + 50 * i),
  }));
  if (!LONG) return minute;
  return [
    ...minute,
    ...[0, 1].map((i) => ({
      file: `h264-1080p-600s-${i}.mp4`,
      make: h264(600, '1920x1080', 700 + 50 * i),
    })),
    {
      file: 'hevc-2160p-60s.mp4',
      make: [
        ...['-f', 'lavfi', '-i', 'testsrc2=size=3840x2160:rate=25:duration=60'],
        ...['-f', 'lavfi', '-i', 'sine=frequency=900:duration=60'],
        ...['-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-tag:v', 'hvc1'],
        ...['-c:a', 'aac', '-shortest', '-movflags', '+faststart'],
      ],
    },
    {
      file: 'h264-1080p-high-bitrate.mp4',
      make: h264(180, '1920x1080', 950, [
        '-b:v',
        '100M',
        '-minrate',
        '100M',
        '-maxrate',
        '100M',
        '-bufsize',
        '20M',
      ]),
    },
  ];
}

async function ensureMedia(ffmpeg: string, log: (m: string) => void): Promise<string[]> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const files: string[] = [];
  for (const media of mediaSet()) {
    const file = path.join(cacheDir, media.file);
    if (!fs.existsSync(file)) {
      log(`making ${media.file} (once; cached in bench-cache/job)`);
      const partial = `${file}.partial.mp4`;
      await run(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', ...media.make, partial], {
        maxBuffer: 1 << 24,
      });
      fs.renameSync(partial, file);
    }
    files.push(file);
  }
  return files;
}

/** What both contenders work on: the same files, store and tools. */
interface JobSetup {
  files: string[];
  standIns: RemoteStandIns;
  ffprobe: string;
  ffmpeg: string;
  workDir: string;
}

interface Phases {
  hashMs: number;
  analyseMs: number;
  uploadMs: number;
  totalMs: number;
  /** Client CPU (the engine's process, or the loop's processes), ms. */
  cpuMs: number;
  /** The stand-ins' CPU meanwhile (the store's hashing and writing; their own process), ms. */
  storeCpuMs: number;
}

/**
 * The whole job, Dailies against a skilled user's shell loop, on the same files and the same
 * local S3-compatible store. Dailies runs as in the product: one engine kept running, the
 * batch sent as the demo and `dailies ingest --upload` send it (each file hashed, analysed and
 * uploaded as soon as its previous step ends). The loop runs `openssl dgst -sha256`, `ffprobe`,
 * `ffmpeg -ss 5 -i f -frames:v 1` and `aws s3 cp`, each phase with `xargs -P 2`, one after
 * another. Dailies' phases overlap, so its "phase" figures are when each phase ended.
 * JOB_CPU_PROFILE=dir writes the engine's CPU profile of each Dailies run there.
 */
export async function runJobBench(context: SuiteContext): Promise<Figure[]> {
  const ffprobe = await engineToolPath('ffprobe');
  const ffmpeg = await engineToolPath('ffmpeg');
  if (!ffprobe || !ffmpeg) throw new Error('The engine finds no ffprobe/ffmpeg; install FFmpeg.');
  const files = await ensureMedia(ffmpeg, context.log);
  const totalBytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  // In a process of their own, as a store is in the product (see stand-ins-process.ts).
  const standIns = await startRemoteStandIns(path.join(context.workDir, 'stand-ins'));
  const setup: JobSetup = { files, standIns, ffprobe, ffmpeg, workDir: context.workDir };
  try {
    const loopRuns: Phases[] = [];
    const ourRuns: Phases[] = [];
    const analysisOnly: number[] = [];
    const bareAnalysis: number[] = [];
    const cpuPerFile: Array<{ spawner: number; direct: number }> = [];
    for (let i = 0; i < RUNS; i += 1) {
      context.log(`run ${i + 1}/${RUNS}: shell loop`);
      loopRuns.push(await shellLoop(setup, i));
      context.log(`run ${i + 1}/${RUNS}: Dailies`);
      const ours = await dailiesJob(setup, i);
      ourRuns.push(ours.phases);
      analysisOnly.push(ours.analysisOnlyMs);
      bareAnalysis.push(ours.bareAnalysisMs);
      cpuPerFile.push(ours.cpuPerFile);
    }
    const med = (runs: Phases[], key: keyof Phases) => median(runs.map((r) => r[key]));
    const s = (ms: number) => Math.round(ms / 10) / 100;
    const each = (runs: Phases[], key: keyof Phases) => runs.map((r) => s(r[key])).join('/');
    const what = `${files.length} files, ${(totalBytes / 1e9).toFixed(2)} GB (${LONG ? 'long' : 'default'} mode: ${mediaSet()
      .map((m) => m.file)
      .join(', ')}); median of ${RUNS}`;
    const loopCommand =
      'xargs -P 2: openssl dgst -sha256; then ffprobe + ffmpeg -ss 5 -i f -frames:v 1; then aws s3 cp';
    return [
      {
        name: 'whole job: hash + analyse + upload',
        value: s(med(ourRuns, 'totalMs')),
        unit: 's',
        baseline: { command: loopCommand, value: s(med(loopRuns, 'totalMs')) },
        target: { op: '<=', value: 0.8, of: 'ratio' },
        note: `${what}; Dailies ${each(ourRuns, 'totalMs')} s, loop ${each(loopRuns, 'totalMs')} s`,
      },
      {
        name: 'hashing (Dailies: when the last file was read)',
        value: s(med(ourRuns, 'hashMs')),
        unit: 's',
        baseline: { command: 'xargs -P 2 openssl dgst -sha256', value: s(med(loopRuns, 'hashMs')) },
        note: 'Dailies analyses and uploads the first files meanwhile',
      },
      {
        name: 'analysis (Dailies: when the last analysis ended)',
        value: s(med(ourRuns, 'analyseMs')),
        unit: 's',
        baseline: {
          command: 'loop: hash, then xargs -P 2 ffprobe + ffmpeg -ss 5 (end of its analysis phase)',
          value: s(med(loopRuns, 'hashMs') + med(loopRuns, 'analyseMs')),
        },
        note: 'both from the start of the job',
      },
      {
        name: 'analysis alone: forced re-analysis of the batch, 2 workers',
        value: s(median(analysisOnly)),
        unit: 's',
        baseline: {
          command:
            "the engine's own commands bare: xargs -P 2 sh (its ffprobe, then its stills command)",
          value: s(median(bareAnalysis)),
        },
        target: { op: '<=', value: 1.05, of: 'ratio' },
        note: `the engine's cost over its tools (walking the MP4 boxes, the catalog, the queue, events); runs ${analysisOnly.map(s).join('/')} s, bare ${bareAnalysis.map(s).join('/')} s`,
      },
      {
        name: "analysis alone against the loop's analysis (no filmstrip)",
        value: s(median(analysisOnly)),
        unit: 's',
        baseline: {
          command: 'xargs -P 2 ffprobe + ffmpeg -ss 5 -i f -frames:v 1',
          value: s(med(loopRuns, 'analyseMs')),
        },
        note: 'Dailies also makes the 20-tile filmstrip (its CPU: npm run bench stills) and checks the delivery rules (the default set has no loudness window: no loudness is measured here)',
      },
      {
        name: 'engine CPU per analysed file (tools started by the spawner)',
        value: Math.round(median(cpuPerFile.map((c) => c.spawner)) * 10) / 10,
        unit: 'ms',
        baseline: {
          command: 'the same engine forking ffprobe/ffmpeg from its own process',
          value: Math.round(median(cpuPerFile.map((c) => c.direct)) * 10) / 10,
        },
        note: 'forced re-analyses of the batch; the engine process only, its tools not counted',
      },
      {
        name: 'upload (Dailies: from the last analysis to the last upload)',
        value: s(med(ourRuns, 'uploadMs')),
        unit: 's',
        baseline: { command: 'xargs -P 2 aws s3 cp', value: s(med(loopRuns, 'uploadMs')) },
      },
      {
        name: 'client CPU per file, whole job',
        value: Math.round(med(ourRuns, 'cpuMs') / files.length),
        unit: 'ms',
        baseline: {
          command: 'the loop’s processes (openssl, ffprobe, ffmpeg, aws)',
          value: Math.round(med(loopRuns, 'cpuMs') / files.length),
        },
        note: 'Dailies: the engine process alone (its ffmpeg children not counted)',
      },
      {
        name: 'store CPU per file, whole job (the stand-in, a process of its own)',
        value: Math.round(med(ourRuns, 'storeCpuMs') / files.length),
        unit: 'ms',
        baseline: {
          command: 'the same store serving the loop’s aws s3 cp',
          value: Math.round(med(loopRuns, 'storeCpuMs') / files.length),
        },
        note: 'the local S3-compatible store and platform stand-in: MD5 and checksums of each part, writing it',
      },
    ];
  } finally {
    await standIns.stop();
  }
}

async function dailiesJob(
  { files, standIns, ffprobe, ffmpeg, workDir }: JobSetup,
  index: number,
): Promise<{
  phases: Phases;
  analysisOnlyMs: number;
  /** The engine's own ffprobe and stills commands for the same files, run bare. */
  bareAnalysisMs: number;
  cpuPerFile: { spawner: number; direct: number };
}> {
  const redactor = new SecretRedactor();
  const engine = createEngine({
    dataDir: path.join(workDir, `dailies-${index}`),
    host: 'cli',
    version: packageVersion(),
    redactor,
    secrets: new SessionSecretStore({ redactor, description: 'the benchmark (this run only)' }),
    headless: false,
    env: { ...process.env, DAILIES_FFPROBE: ffprobe, DAILIES_FFMPEG: ffmpeg },
  });
  engine.toolLauncher.useSpawner(process.env.DAILIES_BENCH_DIRECT_SPAWN !== '1');
  const api = inProcessApi(engine);
  try {
    await api.invoke('settings.set', { analysisConcurrency: WORKERS });
    const profile = await ensureDemoProfile(api, standIns);
    await api.invoke('profiles.update', {
      id: profile.id,
      patch: { keyPrefix: `dailies-${index}-${Date.now()}/` },
    });
    let analysedAt = 0;
    const stop = api.subscribe('job.changed', (job) => {
      if (job.kind === 'analyse' && job.state !== 'queued' && job.state !== 'running')
        analysedAt = performance.now();
    });
    const storeBefore = await standIns.cpuMs();
    const cpu = process.cpuUsage();
    const started = performance.now();
    let readAt = 0;
    const stopProgress = api.subscribe('ingest.progress', (progress) => {
      if (progress.phase === 'done') readAt = performance.now();
    });
    const report = await profiled(process.env.JOB_CPU_PROFILE, `dailies-job-${index}`, () =>
      sendBatch({ api, paths: files, log: () => {} }),
    );
    const ended = performance.now();
    const used = process.cpuUsage(cpu);
    const storeCpuMs = (await standIns.cpuMs()) - storeBefore;
    stop();
    stopProgress();
    const jobs = await api.invoke('jobs.list', { limit: 100 });
    const bad = jobs.filter((job) => job.state !== 'done');
    if (bad.length > 0 || report.added !== files.length)
      throw new Error(
        `Dailies did not finish the job: ${JSON.stringify(bad.map((j) => [j.kind, j.state, j.error?.message]))}`,
      );
    const analysisOnlyMs = await forcedAnalysis(api, report.assetIds);
    // The very commands the engine ran, bare (`xargs -P 2`), right after it on warm files.
    const bareDir = path.join(workDir, `bare-${index}`);
    const scripts = await writeBareAnalysisScripts(
      api,
      report.assetIds,
      { ffprobe, ffmpeg, workers: WORKERS },
      bareDir,
    );
    const list = path.join(bareDir, 'scripts.list');
    fs.writeFileSync(list, scripts.map((script) => `${script}\0`).join(''));
    const bareAnalysisMs = (await shell(`xargs -0 -P ${WORKERS} -n 1 sh < '${list}'`, process.env))
      .ms;
    // The engine's own CPU per analysed file, tools started by the spawner and, in the same
    // run, forked from the engine itself as before.
    const cpuPerFile = { spawner: 0, direct: 0 };
    for (const way of ['direct', 'spawner'] as const) {
      engine.toolLauncher.useSpawner(way === 'spawner');
      const before = process.cpuUsage();
      await forcedAnalysis(api, report.assetIds);
      const spent = process.cpuUsage(before);
      cpuPerFile[way] = (spent.user + spent.system) / 1000 / report.assetIds.length;
    }
    return {
      cpuPerFile,
      phases: {
        hashMs: readAt - started,
        analyseMs: analysedAt - started,
        uploadMs: ended - analysedAt,
        totalMs: ended - started,
        cpuMs: (used.user + used.system) / 1000,
        storeCpuMs,
      },
      analysisOnlyMs,
      bareAnalysisMs,
    };
  } finally {
    await engine.dispose();
  }
}

async function forcedAnalysis(api: DailiesApi, assetIds: number[]): Promise<number> {
  const started = performance.now();
  const idle = new Promise<void>((resolve) => {
    const stop = api.subscribe('job.changed', () => {
      void api.invoke('jobs.list', { limit: 100 }).then((jobs) => {
        if (jobs.some((job) => job.state === 'queued' || job.state === 'running')) return;
        stop();
        resolve();
      });
    });
  });
  await api.invoke('analysis.start', { assetIds, force: true });
  await idle;
  return performance.now() - started;
}

async function shellLoop(
  { files, standIns, ffprobe, ffmpeg, workDir }: JobSetup,
  index: number,
): Promise<Phases> {
  const out = path.join(workDir, `loop-${index}`);
  fs.mkdirSync(out, { recursive: true });
  const list = path.join(out, 'files.list');
  fs.writeFileSync(list, files.map((file) => `${file}\0`).join(''));
  const { credentials } = standIns;
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: standIns.s3.region,
    FFPROBE: ffprobe,
    FFMPEG: ffmpeg,
    OUT: out,
  };
  const xargs = `xargs -0 -P ${WORKERS} -n 1 < '${list}'`;
  const storeBefore = await standIns.cpuMs();
  const hash = await shell(`${xargs} openssl dgst -sha256 > /dev/null`, env);
  const analyse = await shell(
    `${xargs} sh -c '"$FFPROBE" -v error -show_format -show_streams -of json "$0" > /dev/null && ` +
      `"$FFMPEG" -v error -y -ss 5 -i "$0" -frames:v 1 "$OUT/$(basename "$0").jpg"'`,
    env,
  );
  const prefix = `loop-${index}-${Date.now()}`;
  const upload = await shell(
    `${xargs} sh -c 'aws --endpoint-url ${standIns.s3.endpoint} s3 cp --only-show-errors "$0" ` +
      `"s3://${standIns.bucket}/${prefix}/$(basename "$0")"'`,
    env,
  );
  return {
    hashMs: hash.ms,
    analyseMs: analyse.ms,
    uploadMs: upload.ms,
    totalMs: hash.ms + analyse.ms + upload.ms,
    cpuMs: hash.cpuMs + analyse.cpuMs + upload.cpuMs,
    storeCpuMs: (await standIns.cpuMs()) - storeBefore,
  };
}

/** Runs a command under sh; its wall time and its children's CPU time (from `times`). */
function shell(command: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; cpuMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', `${command}\nstatus=$?\ntimes >&2\nexit $status`], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) {
        reject(new Error(`"${command}" exited ${code}: ${errors}`));
        return;
      }
      resolve({ ms, cpuMs: childCpuMs(errors) });
    });
  });
}

/** The second line of `times`: the children's user and system time, as "0m1.234s 0m0.567s". */
function childCpuMs(timesOutput: string): number {
  const lines = timesOutput.trim().split('\n');
  const children = lines[lines.length - 1] ?? '';
  let total = 0;
  for (const match of children.matchAll(/(\d+)m([\d.]+)s/g))
    total += Number(match[1]) * 60_000 + Number(match[2]) * 1000;
  return total;
}
