import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { startS3Store, type S3Store } from '../../src/stand-ins/s3-store/start-s3-store';
import { tempDir } from '../helpers/temp-dir';
import { bytesOf, MiB, outcome, sha256 } from './s3-conformance-kit';
import { signer } from './sign-request';
import { startStoreProcess } from './store-process';

/** Restart, cut connections and memory: what the store promises beyond single answers. */

const KEY = { accessKeyId: 'AKIDDURABLE', secretAccessKey: 'durable-secret' };
const BUCKET = 'durable';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function clientFor(endpoint: string): S3Client {
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: KEY,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });
  cleanups.push(async () => client.destroy());
  return client;
}

async function start(dataDir: string): Promise<S3Store> {
  const store = await startS3Store({ dataDir, credentials: [KEY], buckets: [BUCKET] });
  cleanups.push(() => store.stop());
  return store;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('the local store across a restart', () => {
  it('keeps objects and an unfinished multipart upload, which then completes', async () => {
    const dataDir = tempDir('dailies-s3-restart-');
    const first = await start(dataDir);
    let client = clientFor(first.endpoint);
    const Key = 'restart/clip é.mov';
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'restart/kept.txt',
        Body: 'kept',
        Metadata: { a: '1' },
        ContentType: 'text/plain',
      }),
    );
    const parts = [bytesOf('restart-1', 5 * MiB), bytesOf('restart-2', 777)];
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key, Metadata: { title: 'x' } }),
    );
    const one = await client.send(
      new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, Body: parts[0] }),
    );
    const listedBefore = await client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    await first.stop();
    await first.stop(); // safe twice

    const second = await start(dataDir);
    client = clientFor(second.endpoint);
    const kept = await client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'restart/kept.txt' }),
    );
    expect([await kept.Body!.transformToString(), kept.Metadata, kept.ContentType]).toEqual([
      'kept',
      { a: '1' },
      'text/plain',
    ]);
    const listed = await client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    expect(listed.Uploads?.map((u) => [u.Key, u.UploadId, u.Initiated?.getTime()])).toEqual(
      listedBefore.Uploads?.map((u) => [u.Key, u.UploadId, u.Initiated?.getTime()]),
    );
    const listedParts = await client.send(new ListPartsCommand({ Bucket: BUCKET, Key, UploadId }));
    expect(listedParts.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([
      [1, one.ETag, 5 * MiB],
    ]);
    const two = await client.send(
      new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 2, Body: parts[1] }),
    );
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key,
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: one.ETag },
            { PartNumber: 2, ETag: two.ETag },
          ],
        },
      }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
    expect([sha256(await got.Body!.transformToByteArray()), got.Metadata]).toEqual([
      sha256(Buffer.concat(parts)),
      { title: 'x' },
    ]);
    expect(
      await outcome(client.send(new ListPartsCommand({ Bucket: BUCKET, Key, UploadId }))),
    ).toEqual({ error: 'NoSuchUpload', status: 404 });
  });
});

describe('a body cut mid-upload', () => {
  for (const kind of ['PutObject', 'UploadPart'] as const) {
    it(`stores nothing of a ${kind} whose connection drops mid-body`, async () => {
      const dataDir = tempDir('dailies-s3-cut-');
      const store = await start(dataDir);
      const client = clientFor(store.endpoint);
      const Key = `cut/${kind}.bin`;
      const query: Record<string, string> = {};
      if (kind === 'UploadPart') {
        const { UploadId } = await client.send(
          new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }),
        );
        Object.assign(query, { partNumber: '1', uploadId: UploadId! });
      }
      const signed = await signer(KEY).sign(store.endpoint, {
        method: 'PUT',
        path: `/${BUCKET}/${Key}`,
        query,
        headers: { 'content-length': String(8 * MiB), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      });
      const search = new URLSearchParams(query).toString();
      const request = http.request(`${store.endpoint}${signed.path}${search ? `?${search}` : ''}`, {
        method: 'PUT',
        headers: signed.headers,
      });
      request.on('error', () => undefined);
      request.write(bytesOf('cut', 2 * MiB));
      const tmp = path.join(dataDir, 'tmp');
      await until(() => filesUnder(tmp).some((file) => fs.statSync(file).size > 0));
      request.destroy();
      await until(() => filesUnder(tmp).length === 0);
      expect(
        filesUnder(path.join(dataDir, 'buckets', BUCKET)).filter((file) => file.endsWith('.bin')),
      ).toEqual([]);
      expect(await outcome(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key })))).toEqual({
        error: 'NotFound',
        status: 404,
      });
      if (kind === 'UploadPart') {
        const parts = await client.send(
          new ListPartsCommand({ Bucket: BUCKET, Key, UploadId: query.uploadId }),
        );
        expect(parts.Parts ?? []).toEqual([]);
      }
    });
  }
});

describe("the store's memory", () => {
  it('stays flat while it receives a 64 MiB multipart upload in 32 MiB parts (no part held in memory)', async () => {
    const dataDir = tempDir('dailies-s3-memory-');
    const store = await startStoreProcess(dataDir, KEY, BUCKET, 'live');
    cleanups.push(() => store.stop());
    const client = clientFor(store.endpoint);
    const Key = 'memory/64.bin';
    const partBytes = 32 * MiB;
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }),
    );
    await store.reset();
    const sent = [];
    for (const PartNumber of Array.from({ length: (64 * MiB) / partBytes }, (_, i) => i + 1)) {
      // Streamed from a generator, so the client side holds no part either.
      const Body = Readable.from(
        (function* () {
          for (let at = 0; at < partBytes; at += MiB) yield bytesOf(`m${PartNumber}-${at}`, MiB);
        })(),
      );
      const answer = await client.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key,
          UploadId,
          PartNumber,
          Body,
          ContentLength: partBytes,
        }),
      );
      sent.push({ PartNumber, ETag: answer.ETag });
    }
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key,
        UploadId,
        MultipartUpload: { Parts: sent },
      }),
    );
    const memory = await store.peak();
    const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;
    const buffers = memory.buffersPeak - memory.buffersBaseline;
    console.log(
      `store: RSS ${mib(memory.baseline)} -> peak ${mib(memory.peak)} (+${mib(memory.peak - memory.baseline)}), ` +
        `Buffers +${mib(buffers)} at most, for 64 MiB in 32 MiB parts (live memory)`,
    );
    // The child collects garbage before each sample ('live'), so these peaks are memory still
    // referenced: holding one part would add 32 MiB; streaming holds a few socket chunks.
    expect(buffers).toBeLessThan(partBytes / 4);
    expect(memory.peak - memory.baseline).toBeLessThan(partBytes / 2);
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key }));
    expect(head.ContentLength).toBe(64 * MiB);
  });
});
