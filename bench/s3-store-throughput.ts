/**
 * `npx tsx bench/s3-store-throughput.ts [MiB]`: one multipart upload (default 256 MiB in
 * 16 MiB parts, 4 at a time) through @aws-sdk/client-s3, against the local S3 store (in a
 * child process) and against moto, in the same run. Prints MiB/s for each and the peak RSS
 * (VmHWM) of each server process. A measurement, not a test: nothing here asserts a speed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { motoAvailable, motoMissingReason } from '../test/rig/moto-availability';
import { startS3Server } from '../test/rig/s3-server';
import { startStoreProcess } from '../test/stand-ins/store-process';

const MiB = 1024 * 1024;
const TOTAL = Number(process.argv[2] ?? 256) * MiB;
const PART = 16 * MiB;
const CONCURRENCY = 4;
const KEY = { accessKeyId: 'bench', secretAccessKey: 'bench-secret' };

function peakRss(pid: number): { now: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { now: field('VmRSS'), peak: field('VmHWM') };
}

async function upload(client: S3Client, bucket: string): Promise<number> {
  const part = crypto.randomBytes(PART);
  const count = Math.ceil(TOTAL / PART);
  const started = performance.now();
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'bench.bin' }),
  );
  const done: CompletedPart[] = [];
  let next = 1;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next <= count) {
        const PartNumber = next++;
        const Body = part.subarray(0, Math.min(PART, TOTAL - (PartNumber - 1) * PART));
        const answer = await client.send(
          new UploadPartCommand({ Bucket: bucket, Key: 'bench.bin', UploadId, PartNumber, Body }),
        );
        done.push({ PartNumber, ETag: answer.ETag });
      }
    }),
  );
  done.sort((a, b) => a.PartNumber! - b.PartNumber!);
  await client.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: 'bench.bin',
      UploadId,
      MultipartUpload: { Parts: done },
    }),
  );
  return (performance.now() - started) / 1000;
}

const mib = (bytes: number): string => `${(bytes / MiB).toFixed(0)} MiB`;
const rows: string[] = [];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dailies-s3-bench-'));
const local = await startStoreProcess(dataDir, KEY, 'bench');
try {
  const client = new S3Client({
    endpoint: local.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: KEY,
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const before = peakRss(local.pid);
  const seconds = await upload(client, 'bench');
  const after = peakRss(local.pid);
  rows.push(
    `local store: ${mib(TOTAL)} in ${seconds.toFixed(2)} s = ${(TOTAL / MiB / seconds).toFixed(0)} MiB/s; server RSS ${mib(before.now)} before, peak ${mib(after.peak)}`,
  );
  client.destroy();
} finally {
  await local.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

if (motoAvailable) {
  const moto = await startS3Server({ backend: 'moto', bucket: 'bench' });
  try {
    const before = peakRss(moto.pid);
    const seconds = await upload(moto.createClient(), 'bench');
    const after = peakRss(moto.pid);
    rows.push(
      `moto:        ${mib(TOTAL)} in ${seconds.toFixed(2)} s = ${(TOTAL / MiB / seconds).toFixed(0)} MiB/s; server RSS ${mib(before.now)} before, peak ${mib(after.peak)}`,
    );
  } finally {
    await moto.stop();
  }
} else {
  rows.push(`moto: skipped (${motoMissingReason})`);
}
console.log(rows.join('\n'));
