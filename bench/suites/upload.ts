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

const MiB = 1024 * 1024;
/** Overridable for a quick trial run of the suite itself; the figures that count use the defaults. */
const BIG_BYTES = Number(process.env.DAILIES_BENCH_UPLOAD_MIB ?? 2048) * MiB;
const SMALL_FILES = Number(process.env.DAILIES_BENCH_UPLOAD_FILES ?? 200);
const SMALL_BYTES = 945 * 1024; // 200 x ~0.95 MB, as in BENCHMARKS.md (189 MB)
/** 'small' runs only the small-file half (a trial while iterating); the full run leaves it unset. */
const ONLY = process.env.DAILIES_BENCH_UPLOAD_ONLY;
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
  checksums: string;
  rss?: number;
  lagP99?: number;
  lagMax?: number;
  /** The uploader's own time, without the process start-up (Node, bundle, catalog). */
  inProcessMs?: number;
}

/**
 * A 2 GiB file and 200 small files into one moto, through the checksum-validating fault
 * proxy, by the uploader (in a process of its own, default settings; both part-body modes),
 * `aws s3 cp` and `rclone copy` with the peer commands of docs/BENCHMARKS.md, in one
 * run. Throughput counts from spawn to exit for every contender alike. The proxy counts the
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
    const awsEnv = {
      ...process.env,
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
    ) =>
      runWorker({
        dataDir: path.join(context.workDir, `data-${prefix}-${mode}-${Date.now()}`),
        endpoint: proxy.url,
        region: s3.region,
        bucket: s3.bucket,
        credentials: s3.credentials,
        partBody: mode,
        files: files.map((file) => ({ ...file, key: `${prefix}/${path.basename(file.path)}` })),
      });
    const awsBig = `aws --endpoint-url http://127.0.0.1:${port} s3 cp ${big} s3://bench/aws/reel.mp4`;
    const rcloneBig = `env -u AWS_CA_BUNDLE rclone copy --s3-no-head ${big} NAME:bench/rclone`;
    const awsSmall = `aws --endpoint-url http://127.0.0.1:${port} s3 cp --recursive ${smallDir} s3://bench/aws-small`;
    const rcloneSmall = `env -u AWS_CA_BUNDLE rclone copy --s3-no-head ${smallDir} NAME:bench/rclone-small`;

    const measure = async (name: string, work: () => Promise<Run | number>): Promise<Run> => {
      await emptyBucket(admin, s3.bucket); // moto keeps objects in memory
      proxy.resetStats();
      context.log(`${name}...`);
      const result = await work();
      const run = typeof result === 'number' ? { ms: result, checksums: '' } : result;
      run.checksums = describeChecksums(proxy.stats());
      context.log(`${name}: ${(run.ms / 1000).toFixed(1)} s, ${run.checksums}`);
      return run;
    };

    const mbps = (bytes: number, run: Run) => bytes / 1e6 / (run.ms / 1000);
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
        `ours: ${run.checksums}; peer: ${peer.checksums}` +
        (run.inProcessMs
          ? `; ours without its process start-up: ${mbps(bytes, { ...run, ms: run.inProcessMs }).toFixed(1)} MB/s`
          : ''),
    });
    const measureSmall = async () => ({
      ours: await measure('200 files, uploader', () => ours(small, 'ours-small', 'reread')),
      aws: await measure('200 files, aws s3 cp', () => shell(awsSmall, awsEnv)),
      rclone: await measure('200 files, rclone', () => shell(rcloneSmall, rcloneEnv)),
    });
    const smallFigures = (runs: Awaited<ReturnType<typeof measureSmall>>): Figure[] => [
      through('200 small files vs aws s3 cp', smallTotal, runs.ours, runs.aws, awsSmall),
      through('200 small files vs rclone copy', smallTotal, runs.ours, runs.rclone, rcloneSmall),
    ];

    if (ONLY === 'small') return smallFigures(await measureSmall());
    // An idle Node process watching its own event loop beside the uploader: on 2 shared cores
    // with moto and the proxy busy, part of any process's lag is the scheduler's, not ours.
    const control = startLagControl();
    const bigOurs = await measure('2 GiB, uploader (reread)', () =>
      ours([{ path: big, sha256: bigSha }], 'ours', 'reread'),
    );
    const controlLag = await control.stop();
    const bigAws = await measure('2 GiB, aws s3 cp', () => shell(awsBig, awsEnv));
    const bigRclone = await measure('2 GiB, rclone', () => shell(rcloneBig, rcloneEnv));
    const bigBuffer = await measure('2 GiB, uploader (buffer)', () =>
      ours([{ path: big, sha256: bigSha }], 'ours-b', 'buffer'),
    );
    const idle = await ours([], 'idle', 'reread');
    const smallRuns = await measureSmall();
    return [
      through('2 GiB file vs aws s3 cp', BIG_BYTES, bigOurs, bigAws, awsBig),
      through('2 GiB file vs rclone copy', BIG_BYTES, bigOurs, bigRclone, rcloneBig),
      ...smallFigures(smallRuns),
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
  return [...headers, ...trailers, ...rejected].join(', ') || 'no checksums';
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

function shell(command: string, env: NodeJS.ProcessEnv): Promise<number> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Number(process.hrtime.bigint() - started) / 1e6);
      else reject(new Error(`"${command}" exited ${code}: ${errors}`));
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
        rss: result.maxRssBytes,
        lagP99: result.lagP99Ms,
        lagMax: result.lagMaxMs,
        inProcessMs: result.ms,
      });
    });
  });
}
