import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { startFaultProxy } from '../../test/rig/fault-proxy';
import type { FaultProxyStats } from '../../test/rig/fault-proxy-stats';
import { startS3Server } from '../../test/rig/s3-server';
import type { Figure } from '../figure';
import type { SuiteContext } from '../suite';
import type { UploadWorkerInput } from '../upload-worker';
import { choosePartSize } from '../../src/engine/storage/upload/part-plan';
import { defaultUploadSettings } from '../../src/shared/contract';
import { median } from '../timing';

const MiB = 1024 * 1024;
/** Overridable for a quick trial run of the suite itself; the figures that count use the defaults. */
const BIG_BYTES = Number(process.env.DAILIES_BENCH_UPLOAD_MIB ?? 2048) * MiB;
const SMALL_FILES = Number(process.env.DAILIES_BENCH_UPLOAD_FILES ?? 200);
const SMALL_BYTES = 945 * 1024; // 200 x ~0.95 MB, as in BENCHMARKS.md (189 MB)
/** What each request of the far-store figures waits at the proxy first, as a round trip would. */
const FAR_MS = 25;
/** 'small' runs only the small-file half (a trial while iterating); the full run leaves it unset. */
const ONLY = process.env.DAILIES_BENCH_UPLOAD_ONLY;
/** Each contender runs this often, the contenders alternating; figures are medians. */
/** Uploader variants run beside the default while tuning (JSON list of worker trial options). */
const TRIALS = JSON.parse(process.env.DAILIES_BENCH_UPLOAD_TRIALS ?? '[]') as Array<
  Pick<UploadWorkerInput, 'filesAtOnce' | 'clientPerFile' | 'keptReadBuffers'>
>;
const RUNS = Math.max(1, Number(process.env.DAILIES_BENCH_UPLOAD_RUNS ?? 3));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const workerBundle = path.join(repoRoot, 'out', 'bench', 'upload-worker.mjs');

/**
 * The worker bundled as the app's Node hosts are (scripts/build-node.mjs), so its start-up is
 * a product's, not tsx compiling TypeScript (~2 s, which would swamp the small-file figure).
 */
async function bundleWorker(): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('../upload-worker.ts', import.meta.url))],
    outfile: workerBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'warning',
    banner: {
      js:
        "import { createRequire as __dailiesCreateRequire } from 'node:module';\n" +
        'const require = __dailiesCreateRequire(import.meta.url);',
    },
  });
  // createEngine's defaultMigrationsDir is ./catalog/migrations beside the bundle.
  fs.cpSync(
    path.join(repoRoot, 'src/engine/catalog/migrations'),
    path.join(path.dirname(workerBundle), 'catalog/migrations'),
    { recursive: true },
  );
}

interface Run {
  ms: number;
  /** Client CPU: the worker's own, or the peer's processes' (from the shell's `times`). */
  cpuMs?: number;
  checksums: string;
  rss?: number;
  lagP99?: number;
  lagMax?: number;
  /** The uploader's own time, without the process start-up (Node, bundle, catalog). */
  inProcessMs?: number;
}

/**
 * A 2 GiB file and 200 small files into one moto, through the checksum-validating fault
 * proxy, by the uploader (in a process of its own, uploading as sync does: a job per file,
 * a profile's default upload concurrency at once, default settings; both part-body modes),
 * `aws s3 cp` and `rclone copy` tuned as a skilled user would (larger parts, more requests at
 * once), each RUNS times with the contenders alternating, medians reported beside each one's
 * client CPU-seconds per GB. Throughput counts from spawn to exit for every contender alike. The proxy counts the
 * checksum headers each one sent, proving checksums were on.
 */
export async function runUploadBench(context: SuiteContext): Promise<Figure[]> {
  context.log(
    'bundling the upload worker, generating a 2 GiB file and 200 small files (not timed)',
  );
  await bundleWorker();
  const big = path.join(context.workDir, 'big', 'reel.mp4');
  const bigSha = ONLY === 'small' ? '' : writeFile(big, BIG_BYTES, 1);
  const smallDir = path.join(context.workDir, 'small');
  const small = Array.from({ length: SMALL_FILES }, (_, index) => {
    const file = path.join(smallDir, `clip-${String(index).padStart(3, '0')}.mp4`);
    return { path: file, sha256: writeFile(file, SMALL_BYTES, index + 10) };
  });

  const s3 = await startS3Server({ bucket: 'bench' });
  const proxy = await startFaultProxy({ target: s3.endpoint, mode: 's3' });
  const admin = s3.createClient();
  try {
    const port = new URL(proxy.url).port;
    // Tuned as a skilled user would: more requests at once and larger parts than the defaults.
    const awsConfig = path.join(context.workDir, 'aws-config');
    fs.writeFileSync(
      awsConfig,
      '[default]\ns3 =\n  max_concurrent_requests = 16\n  multipart_chunksize = 64MB\n',
    );
    const awsEnv = {
      ...process.env,
      AWS_CONFIG_FILE: awsConfig,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
    };
    const rcloneEnv = {
      ...process.env,
      RCLONE_CONFIG_NAME_TYPE: 's3',
      RCLONE_CONFIG_NAME_PROVIDER: 'Other',
      RCLONE_CONFIG_NAME_ENDPOINT: proxy.url,
      RCLONE_CONFIG_NAME_ACCESS_KEY_ID: 'test',
      RCLONE_CONFIG_NAME_SECRET_ACCESS_KEY: 'test',
      RCLONE_CONFIG_NAME_REGION: 'us-east-1',
    };
    const ours = (
      files: Array<{ path: string; sha256: string }>,
      prefix: string,
      mode: 'reread' | 'buffer',
      trial: Pick<UploadWorkerInput, 'filesAtOnce' | 'clientPerFile' | 'keptReadBuffers'> = {},
    ) =>
      runWorker({
        ...trial,
        dataDir: path.join(context.workDir, `data-${prefix}-${mode}-${Date.now()}`),
        endpoint: proxy.url,
        region: s3.region,
        bucket: s3.bucket,
        credentials: s3.credentials,
        partBody: mode,
        files: files.map((file) => ({ ...file, key: `${prefix}/${path.basename(file.path)}` })),
      });
    const awsBig = `aws --endpoint-url http://127.0.0.1:${port} s3 cp ${big} s3://bench/aws/reel.mp4`;
    const rcloneBig = `env -u AWS_CA_BUNDLE rclone copy --s3-no-head --s3-chunk-size 64M --s3-upload-concurrency 8 ${big} NAME:bench/rclone`;
    const awsSmall = `aws --endpoint-url http://127.0.0.1:${port} s3 cp --recursive ${smallDir} s3://bench/aws-small`;
    const rcloneSmall = `env -u AWS_CA_BUNDLE rclone copy --s3-no-head --transfers 16 --checkers 16 ${smallDir} NAME:bench/rclone-small`;

    const measure = async (
      name: string,
      work: () => Promise<Run | { ms: number; cpuMs: number }>,
    ): Promise<Run> => {
      await emptyBucket(admin, s3.bucket); // moto keeps objects in memory
      proxy.resetStats();
      context.log(`${name}...`);
      const result = await work();
      const run = 'checksums' in result ? result : { ...result, checksums: '' };
      run.checksums = describeChecksums(proxy.stats());
      const cpu = run.cpuMs === undefined ? '' : `, CPU ${(run.cpuMs / 1000).toFixed(2)} s`;
      const inProcess = run.inProcessMs
        ? ` (${(run.inProcessMs / 1000).toFixed(1)} s in process)`
        : '';
      context.log(`${name}: ${(run.ms / 1000).toFixed(1)} s${inProcess}${cpu}, ${run.checksums}`);
      return run;
    };

    const mbps = (bytes: number, run: Run) => bytes / 1e6 / (run.ms / 1000);
    const cpuPerGb = (bytes: number, run: Run) =>
      run.cpuMs === undefined ? '?' : (run.cpuMs / 1000 / (bytes / 1e9)).toFixed(2);
    /** Runs each contender RUNS times, alternating, and keeps its median run (by time). */
    const alternating = async <K extends string>(
      contenders: Record<K, () => Promise<Run>>,
    ): Promise<Record<K, Run>> => {
      const names = Object.keys(contenders) as K[];
      const runs = Object.fromEntries(names.map((n) => [n, [] as Run[]])) as Record<K, Run[]>;
      for (let i = 0; i < RUNS; i += 1)
        for (const name of names) runs[name].push(await contenders[name]());
      return Object.fromEntries(
        names.map((name) => {
          const middle = median(runs[name].map((r) => r.ms));
          const closest = [...runs[name]].sort(
            (a, b) => Math.abs(a.ms - middle) - Math.abs(b.ms - middle),
          )[0]!;
          return [name, { ...closest, ms: middle }];
        }),
      ) as Record<K, Run>;
    };
    const smallTotal = SMALL_FILES * SMALL_BYTES;
    const through = (
      name: string,
      bytes: number,
      run: Run,
      peer: Run,
      command: string,
    ): Figure => ({
      name,
      value: mbps(bytes, run),
      unit: 'MB/s',
      baseline: { command, value: mbps(bytes, peer) },
      ratio: mbps(bytes, run) / mbps(bytes, peer),
      target: { op: '>=', value: 1.0, of: 'ratio' },
      note:
        `client CPU ${cpuPerGb(bytes, run)} CPU-s/GB, peer ${cpuPerGb(bytes, peer)} CPU-s/GB; ` +
        `median of ${RUNS}, contenders alternating; ` +
        `ours: ${run.checksums}; peer: ${peer.checksums}` +
        (run.inProcessMs
          ? `; ours without its process start-up: ${mbps(bytes, { ...run, ms: run.inProcessMs }).toFixed(1)} MB/s`
          : ''),
    });
    const measureSmall = () =>
      alternating({
        ours: () => measure('200 files, uploader', () => ours(small, 'ours-small', 'reread')),
        ...Object.fromEntries(
          TRIALS.map((trial, index) => [
            `trial${index}`,
            () =>
              measure(`200 files, uploader ${JSON.stringify(trial)}`, () =>
                ours(small, `trial${index}-small`, 'reread', trial),
              ),
          ]),
        ),
        aws: () => measure('200 files, aws s3 cp', () => shell(awsSmall, awsEnv)),
        rclone: () => measure('200 files, rclone', () => shell(rcloneSmall, rcloneEnv)),
      });
    const smallFigures = (runs: Awaited<ReturnType<typeof measureSmall>>): Figure[] => [
      through('200 small files vs aws s3 cp', smallTotal, runs.ours, runs.aws, awsSmall),
      through('200 small files vs rclone copy', smallTotal, runs.ours, runs.rclone, rcloneSmall),
    ];

    /**
     * The same 200 files to a far store: every request waits FAR_MS at the proxy first, as a
     * round trip to a store across the internet would. Loopback hides what a send of small
     * files is bound by there; a profile with one place (four small files at once) shows
     * what sharing places gives.
     */
    const measureSmallFar = async () => {
      const far = proxy.addRule({ fault: { kind: 'delay', ms: FAR_MS } });
      try {
        return await alternating({
          ours: () =>
            measure(`200 files, ${FAR_MS} ms away, uploader`, () =>
              ours(small, 'ours-far', 'reread'),
            ),
          onePlace: () =>
            measure(`200 files, ${FAR_MS} ms away, uploader with one place`, () =>
              ours(small, 'ours-far-one', 'reread', { filesAtOnce: 1 }),
            ),
          aws: () =>
            measure(`200 files, ${FAR_MS} ms away, aws s3 cp`, () => shell(awsSmall, awsEnv)),
          rclone: () =>
            measure(`200 files, ${FAR_MS} ms away, rclone`, () => shell(rcloneSmall, rcloneEnv)),
        });
      } finally {
        far.remove();
      }
    };
    const farFigures = (runs: Awaited<ReturnType<typeof measureSmallFar>>): Figure[] => {
      const onePlace = `; a profile with one place (4 small files at once): ${mbps(smallTotal, runs.onePlace).toFixed(1)} MB/s`;
      const vsAws = through(
        `200 small files ${FAR_MS} ms away vs aws s3 cp`,
        smallTotal,
        runs.ours,
        runs.aws,
        awsSmall,
      );
      const vsRclone = through(
        `200 small files ${FAR_MS} ms away vs rclone copy`,
        smallTotal,
        runs.ours,
        runs.rclone,
        rcloneSmall,
      );
      return [
        { ...vsAws, note: `${vsAws.note ?? ''}${onePlace}` },
        { ...vsRclone, note: `${vsRclone.note ?? ''}${onePlace}` },
      ];
    };

    if (ONLY === 'small')
      return [...smallFigures(await measureSmall()), ...farFigures(await measureSmallFar())];
    // An idle Node process watching its own event loop beside the uploader: on 2 shared cores
    // with moto and the proxy busy, part of any process's lag is the scheduler's, not ours.
    const control = startLagControl();
    const lagRun = await measure('2 GiB, uploader (reread), lag watched', () =>
      ours([{ path: big, sha256: bigSha }], 'ours', 'reread'),
    );
    const controlLag = await control.stop();
    const bigRuns = await alternating({
      ours: () =>
        measure('2 GiB, uploader (reread)', () =>
          ours([{ path: big, sha256: bigSha }], 'ours', 'reread'),
        ),
      aws: () => measure('2 GiB, aws s3 cp', () => shell(awsBig, awsEnv)),
      rclone: () => measure('2 GiB, rclone', () => shell(rcloneBig, rcloneEnv)),
    });
    const bigOurs = {
      ...bigRuns.ours,
      lagP99: lagRun.lagP99,
      lagMax: lagRun.lagMax,
      rss: lagRun.rss,
    };
    const bigAws = bigRuns.aws;
    const bigRclone = bigRuns.rclone;
    const partMiB =
      choosePartSize(BIG_BYTES, { minPartBytes: defaultUploadSettings.partSizeBytes }) / MiB;
    const bigBuffer = await measure('2 GiB, uploader (buffer)', () =>
      ours([{ path: big, sha256: bigSha }], 'ours-b', 'buffer'),
    );
    const idle = await ours([], 'idle', 'reread');
    const smallRuns = await measureSmall();
    const farRuns = await measureSmallFar();
    return [
      {
        ...through('2 GiB file vs aws s3 cp', BIG_BYTES, bigOurs, bigAws, awsBig),
        note: `${through('', BIG_BYTES, bigOurs, bigAws, awsBig).note}; our part size ${partMiB} MiB (a profile's default), aws 64 MB parts, 16 requests at once`,
      },
      through('2 GiB file vs rclone copy', BIG_BYTES, bigOurs, bigRclone, rcloneBig),
      ...smallFigures(smallRuns),
      ...farFigures(farRuns),
      {
        name: 'uploader peak RSS, 2 GiB file',
        value: (bigOurs.rss ?? 0) / MiB,
        unit: 'MiB',
        target: { op: '<=', value: 300, of: 'value' },
        note:
          `'buffer' part bodies: ${((bigBuffer.rss ?? 0) / MiB).toFixed(0)} MiB; the same ` +
          `process uploading nothing (Node + SDK + SQLite): ${((idle.rss ?? 0) / MiB).toFixed(0)} MiB`,
      },
      {
        name: 'uploader event-loop lag p99, 2 GiB file',
        value: bigOurs.lagP99 ?? 0,
        unit: 'ms',
        target: { op: '<=', value: 50, of: 'value' },
        note:
          `max ${(bigOurs.lagMax ?? 0).toFixed(0)} ms; an idle Node process beside it at the ` +
          `same time: p99 ${controlLag.p99.toFixed(1)} ms, max ${controlLag.max.toFixed(0)} ms`,
      },
      {
        name: "2 GiB file, 'buffer' vs 'reread' part bodies",
        value: mbps(BIG_BYTES, bigBuffer),
        unit: 'MB/s',
        baseline: {
          command: "uploader with partBody 'reread' (default)",
          value: mbps(BIG_BYTES, bigOurs),
        },
        note: `buffer: peak RSS ${((bigBuffer.rss ?? 0) / MiB).toFixed(0)} MiB, lag p99 ${(bigBuffer.lagP99 ?? 0).toFixed(1)} ms`,
      },
    ];
  } finally {
    admin.destroy();
    await proxy.close();
    await s3.stop();
  }
}

const LAG_SCRIPT = `
const { monitorEventLoopDelay } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
process.stdin.resume();
process.stdin.on('end', () => {
  h.disable();
  process.stdout.write(JSON.stringify({ p99: h.percentile(99) / 1e6, max: h.max / 1e6 }));
  process.exit(0);
});`;

/** An idle process measuring its own event-loop lag until stopped. */
function startLagControl(): { stop(): Promise<{ p99: number; max: number }> } {
  const child = spawn(process.execPath, ['-e', LAG_SCRIPT], { stdio: ['pipe', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    async stop() {
      child.stdin.end();
      await closed;
      return JSON.parse(out) as { p99: number; max: number };
    },
  };
}

function describeChecksums(stats: FaultProxyStats): string {
  const headers = Object.entries(stats.checksumHeaders).map(
    ([name, count]) => `${name} headers ${count}`,
  );
  const trailers = Object.entries(stats.checksumTrailers).map(
    ([name, count]) => `${name} trailers ${count}`,
  );
  const rejected = Object.entries(stats.rejected).map(([name, count]) => `${name} ${count}`);
  const requests = Object.entries(stats.byOperation).map(([name, count]) => `${name} ${count}`);
  const checksums = [...headers, ...trailers, ...rejected].join(', ') || 'no checksums';
  return `${checksums} (requests: ${requests.join(', ')})`;
}

/** Random-looking bytes (a 4 MiB random block, varied per MiB); returns the sha256. */
function writeFile(file: string, size: number, seed: number): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const block = crypto.randomBytes(Math.min(4 * MiB, size));
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'w');
  try {
    for (let at = 0, n = 0; at < size; at += block.length, n++) {
      const chunk = block.subarray(0, Math.min(block.length, size - at));
      chunk.writeUInt32BE((seed * 100_003 + n) >>> 0, 0);
      hash.update(chunk);
      fs.writeSync(fd, chunk);
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

async function emptyBucket(client: S3Client, bucket: string): Promise<void> {
  for (;;) {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (page.Contents ?? []).map((object) => ({ Key: object.Key! }));
    if (keys.length === 0) return;
    await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
  }
}

/** Runs a command under sh: its wall time, and its processes' CPU from the shell's `times`. */
function shell(command: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; cpuMs: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const script = `${command}\nstatus=$?\ntimes >&2\nexit $status`;
    const child = spawn('/bin/sh', ['-c', script], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`"${command}" exited ${code}: ${errors}`));
        return;
      }
      // The last line of `times` is the children's user and system time ("0m1.234s 0m0.5s").
      const children = errors.trim().split('\n').pop() ?? '';
      let cpuMs = 0;
      for (const [, min, sec] of children.matchAll(/(\d+)m([\d.]+)s/g))
        cpuMs += Number(min) * 60_000 + Number(sec) * 1000;
      resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, cpuMs });
    });
  });
}

function runWorker(input: UploadWorkerInput): Promise<Run> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [workerBundle, JSON.stringify(input)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`the upload worker exited ${code}: ${errors}`));
        return;
      }
      const result = JSON.parse(out.trim().split('\n').pop()!) as {
        ms: number;
        cpuMs: number;
        maxRssBytes: number;
        lagP99Ms: number;
        lagMaxMs: number;
        outcomes: string[];
      };
      if (result.outcomes.some((outcome) => outcome !== 'uploaded')) {
        reject(new Error(`the worker did not upload everything: ${result.outcomes.join(', ')}`));
        return;
      }
      resolve({
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        checksums: '',
        cpuMs: result.cpuMs,
        rss: result.maxRssBytes,
        lagP99: result.lagP99Ms,
        lagMax: result.lagMaxMs,
        inProcessMs: result.ms,
      });
    });
  });
}
