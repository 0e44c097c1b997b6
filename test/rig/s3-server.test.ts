import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { describeWithMoto } from './moto-availability';
import { MotoMissingError, startS3Server, type S3Backend, type S3TestServer } from './s3-server';

const MiB = 1024 * 1024;

// Compare digests, not Buffers: deep equality over megabytes is slow and its diff unreadable.
function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function describeBackend(backend: S3Backend, body: () => void): void {
  const name = `the S3 test server (${backend})`;
  if (backend === 'moto') describeWithMoto(name, body);
  else describe(name, body);
}

for (const backend of ['moto', 'local'] as const) {
  describeBackend(backend, () => {
    let s3: S3TestServer;

    beforeAll(async () => {
      s3 = await startS3Server({ backend });
    });
    afterAll(async () => {
      await s3?.stop();
    });

    it('serves a bucket on a loopback port and round-trips an object', async () => {
      expect(s3.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = s3.createClient();
      const body = crypto.randomBytes(4096);
      await client.send(
        new PutObjectCommand({ Bucket: s3.bucket, Key: 'clips/a b é.mp4', Body: body }),
      );
      const got = await client.send(
        new GetObjectCommand({ Bucket: s3.bucket, Key: 'clips/a b é.mp4' }),
      );
      expect(sha256(await got.Body!.transformToByteArray())).toBe(sha256(body));
    });

    it('runs a multipart upload with ListParts and per-part SHA-256 checksums', async () => {
      const client = s3.createClient();
      const key = 'videos/multipart.bin';
      const parts = [crypto.randomBytes(5 * MiB), crypto.randomBytes(1000)];
      const created = await client.send(
        new CreateMultipartUploadCommand({
          Bucket: s3.bucket,
          Key: key,
          ChecksumAlgorithm: 'SHA256',
        }),
      );
      const uploadId = created.UploadId!;
      const sent = [];
      for (const [index, bytes] of parts.entries()) {
        const checksum = crypto.createHash('sha256').update(bytes).digest('base64');
        const answer = await client.send(
          new UploadPartCommand({
            Bucket: s3.bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: index + 1,
            Body: bytes,
            ChecksumSHA256: checksum,
          }),
        );
        sent.push({ PartNumber: index + 1, ETag: answer.ETag!, ChecksumSHA256: checksum });
      }
      const listed = await client.send(
        new ListPartsCommand({ Bucket: s3.bucket, Key: key, UploadId: uploadId }),
      );
      expect(listed.Parts?.map((part) => [part.PartNumber, part.Size])).toEqual([
        [1, 5 * MiB],
        [2, 1000],
      ]);
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: s3.bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: sent },
        }),
      );
      const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      expect(sha256(await got.Body!.transformToByteArray())).toBe(sha256(Buffer.concat(parts)));
    });

    it('works with AWS_CA_BUNDLE pointing at a missing file (the SDK must not depend on it)', async () => {
      const saved = process.env.AWS_CA_BUNDLE;
      process.env.AWS_CA_BUNDLE = '/nonexistent/ca-bundle.pem';
      try {
        const answer = await s3.createClient().send(new HeadBucketCommand({ Bucket: s3.bucket }));
        expect(answer.$metadata.httpStatusCode).toBe(200);
      } finally {
        if (saved === undefined) delete process.env.AWS_CA_BUNDLE;
        else process.env.AWS_CA_BUNDLE = saved;
      }
    });
  });
}

describeWithMoto('starting and stopping moto', () => {
  it('stop() kills the server process itself and waits for it to exit', async () => {
    const s3 = await startS3Server({ bucket: 'stop-check', region: 'eu-west-1', backend: 'moto' });
    expect(isRunning(s3.pid)).toBe(true);
    await s3.createClient().send(new HeadBucketCommand({ Bucket: 'stop-check' }));
    await s3.stop();
    expect(isRunning(s3.pid)).toBe(false);
    await s3.stop(); // a second stop is harmless
  });
});

describe('a missing moto', () => {
  it('names the pip command when Python is missing', async () => {
    const start = startS3Server({ python: '/nonexistent/python3' });
    await expect(start).rejects.toBeInstanceOf(MotoMissingError);
    await expect(start).rejects.toThrow("pip install 'moto[server]'");
  });

  it('names the pip command when Python has no moto', async () => {
    // A stand-in interpreter that behaves like a Python without moto installed.
    const fake = path.join(tempDir('dailies-fake-python-'), 'python3');
    fs.writeFileSync(
      fake,
      '#!/bin/sh\nif [ "$1" = "-c" ]; then echo "$0"; exit 0; fi\n' +
        "echo \"/usr/bin/python3: Error while finding module specification for 'moto.server' " +
        "(ModuleNotFoundError: No module named 'moto')\" >&2\nexit 1\n",
      { mode: 0o755 },
    );
    const start = startS3Server({ python: fake });
    await expect(start).rejects.toBeInstanceOf(MotoMissingError);
    await expect(start).rejects.toThrow("pip install 'moto[server]'");
  });
});
