import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { startFaultProxy, type FaultProxy, type FaultProxyOptions } from './fault-proxy';
import { startS3Server, type S3TestServer } from './s3-server';

const MiB = 1024 * 1024;

function sha256(bytes: Uint8Array, encoding: 'hex' | 'base64' = 'hex'): string {
  return crypto.createHash('sha256').update(bytes).digest(encoding);
}

function md5(bytes: Uint8Array): string {
  return crypto.createHash('md5').update(bytes).digest('base64');
}

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** False when the connection ended before the announced body did. */
  complete: boolean;
}

/** One plain HTTP request, so tests see exactly what the proxy sent, with no SDK retries. */
function raw(url: string, method = 'GET', body?: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('close', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
          complete: response.complete,
        }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The error a rejected SDK call carries (the SDK rejects with its service exceptions). */
async function failure(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

describe('the fault proxy in front of moto', () => {
  let s3: S3TestServer;
  let direct: S3Client;
  const proxies: FaultProxy[] = [];

  async function proxy(options: Partial<FaultProxyOptions> = {}): Promise<FaultProxy> {
    const started = await startFaultProxy({ target: s3.endpoint, mode: 's3', seed: 1, ...options });
    proxies.push(started);
    return started;
  }

  async function exists(key: string): Promise<boolean> {
    try {
      await direct.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
      return true;
    } catch {
      return false;
    }
  }

  beforeAll(async () => {
    s3 = await startS3Server();
    direct = s3.createClient();
  });
  afterEach(async () => {
    for (const started of proxies.splice(0)) await started.close();
  });
  afterAll(async () => {
    await s3?.stop();
  });

  it('forwards objects both ways and counts operations and bytes', async () => {
    const p = await proxy();
    const client = s3.createClient(p.url);
    const body = crypto.randomBytes(10_000);
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'plain.bin', Body: body }));
    const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'plain.bin' }));
    expect(sha256(await got.Body!.transformToByteArray())).toBe(sha256(body));
    const stats = p.stats();
    expect(stats.byOperation).toEqual({ PutObject: 1, GetObject: 1 });
    expect(stats.bytesForwarded).toBe(10_000);
    expect(stats.bytesReturned).toBe(10_000);
    expect(stats.faults).toEqual({});
  });

  it('rejects a wrong x-amz-checksum-sha256 with BadDigest and stores nothing, accepts the right one', async () => {
    const p = await proxy();
    const client = s3.createClient(p.url, { maxAttempts: 1 });
    const body = crypto.randomBytes(2000);
    const wrong = sha256(crypto.randomBytes(8), 'base64');
    const put = (ChecksumSHA256: string) =>
      client.send(
        new PutObjectCommand({ Bucket: s3.bucket, Key: 'sha.bin', Body: body, ChecksumSHA256 }),
      );

    expect(await failure(put(wrong))).toEqual({ name: 'BadDigest', status: 400 });
    expect(await exists('sha.bin')).toBe(false);
    await put(sha256(body, 'base64'));
    expect(await exists('sha.bin')).toBe(true);
    expect(p.stats().rejected).toEqual({ BadDigest: 1 });
    expect(p.stats().checksumHeaders.sha256).toBe(2);
  });

  it('rejects a wrong Content-MD5 with BadDigest and a malformed one with InvalidDigest', async () => {
    const p = await proxy();
    const client = s3.createClient(p.url, { maxAttempts: 1 });
    const body = crypto.randomBytes(2000);
    const put = (ContentMD5: string) =>
      client.send(
        new PutObjectCommand({ Bucket: s3.bucket, Key: 'md5.bin', Body: body, ContentMD5 }),
      );

    expect(await failure(put(md5(Buffer.from('other bytes'))))).toEqual({
      name: 'BadDigest',
      status: 400,
    });
    expect(await failure(put('not-an-md5'))).toEqual({ name: 'InvalidDigest', status: 400 });
    expect(await exists('md5.bin')).toBe(false);
    await put(md5(body));
    expect(await exists('md5.bin')).toBe(true);
    expect(p.stats().checksumHeaders.md5).toBe(3);
  });

  it("verifies the SDK's own CRC32, CRC32C and SHA-1 checksums and counts them", async () => {
    const p = await proxy();
    const client = s3.createClient(p.url, { maxAttempts: 1 });
    const body = crypto.randomBytes(100_003); // odd length: exercises the CRC tail loop
    for (const algorithm of ['CRC32', 'CRC32C', 'SHA1'] as const) {
      await client.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key: `sdk-${algorithm}.bin`,
          Body: body,
          ChecksumAlgorithm: algorithm,
        }),
      );
    }
    const stats = p.stats();
    expect(stats.checksumHeaders).toMatchObject({ crc32: 1, crc32c: 1, sha1: 1 });
    expect(stats.rejected).toEqual({});
  });

  it('verifies the trailing checksum of a streamed aws-chunked body, and rejects a corrupted one', async () => {
    const p = await proxy();
    const file = path.join(tempDir('dailies-proxy-'), 'clip.bin');
    const body = crypto.randomBytes(300_000);
    fs.writeFileSync(file, body);
    const client = s3.createClient(p.url, { maxAttempts: 1 });
    const put = (Key: string) =>
      client.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key,
          Body: fs.createReadStream(file),
          ContentLength: body.length,
          ChecksumAlgorithm: 'CRC32C',
        }),
      );
    await put('chunked.bin');
    // The SDK's defaults (no WHEN_REQUIRED) stream with a CRC32 trailer on their own.
    const defaults = new S3Client({
      endpoint: p.url,
      region: s3.region,
      credentials: s3.credentials,
      forcePathStyle: true,
      maxAttempts: 1,
    });
    try {
      await defaults.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key: 'chunked-default.bin',
          Body: fs.createReadStream(file),
          ContentLength: body.length,
        }),
      );
    } finally {
      defaults.destroy();
    }
    p.addRule({ fault: { kind: 'corrupt' }, times: 1 });
    expect(await failure(put('chunked-corrupt.bin'))).toEqual({ name: 'BadDigest', status: 400 });

    expect(await exists('chunked-corrupt.bin')).toBe(false);
    for (const key of ['chunked.bin', 'chunked-default.bin']) {
      const got = await direct.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      expect(sha256(await got.Body!.transformToByteArray())).toBe(sha256(body));
    }
    expect(p.stats().checksumTrailers).toEqual({ crc32c: 2, crc32: 1 });
    expect(p.stats().rejected).toEqual({ BadDigest: 1 });
  });

  it('rejects a part corrupted in flight with BadDigest, then accepts it when sent again', async () => {
    const p = await proxy();
    const client = s3.createClient(p.url, { maxAttempts: 1 });
    const key = 'corrupt/multipart.bin';
    const parts = [crypto.randomBytes(5 * MiB), crypto.randomBytes(3000)];
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({
        Bucket: s3.bucket,
        Key: key,
        ChecksumAlgorithm: 'SHA256',
      }),
    );
    const corruption = p.corruptPart(2);
    const upload = (index: number) =>
      client.send(
        new UploadPartCommand({
          Bucket: s3.bucket,
          Key: key,
          UploadId,
          PartNumber: index + 1,
          Body: parts[index],
          ChecksumSHA256: sha256(parts[index]!, 'base64'),
        }),
      );

    const first = await upload(0);
    expect(await failure(upload(1))).toEqual({ name: 'BadDigest', status: 400 });
    const listed = await client.send(
      new ListPartsCommand({ Bucket: s3.bucket, Key: key, UploadId }),
    );
    expect(listed.Parts?.map((part) => part.PartNumber)).toEqual([1]);

    const second = await upload(1);
    expect(corruption.fired).toBe(1);
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: s3.bucket,
        Key: key,
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: first.ETag, ChecksumSHA256: sha256(parts[0]!, 'base64') },
            { PartNumber: 2, ETag: second.ETag, ChecksumSHA256: sha256(parts[1]!, 'base64') },
          ],
        },
      }),
    );
    const got = await direct.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    expect(sha256(await got.Body!.transformToByteArray())).toBe(sha256(Buffer.concat(parts)));
    const stats = p.stats();
    expect(stats.faults).toEqual({ corrupt: 1 });
    expect(stats.rejected).toEqual({ BadDigest: 1 });
    expect(stats.byOperation).toMatchObject({
      UploadPart: 3,
      ListParts: 1,
      CompleteMultipartUpload: 1,
    });
  });

  it('answers 503 SlowDown with Retry-After for the requests a predicate picks', async () => {
    const p = await proxy();
    const rule = p.addRule({
      when: (request) => request.method === 'GET' && request.query.get('list-type') === '2',
      fault: { kind: 'status', status: 503, retryAfter: 7 },
      times: 1,
    });
    const listUrl = `${p.url}/${s3.bucket}?list-type=2`;
    const refused = await raw(listUrl);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('7');
    expect(refused.body.toString()).toContain('<Code>SlowDown</Code>');
    expect((await raw(`${p.url}/${s3.bucket}`, 'HEAD')).status).toBe(200); // not picked
    expect((await raw(listUrl)).status).toBe(200); // `times` used up
    expect(rule.fired).toBe(1);
    expect(p.stats().byOperation).toEqual({ ListObjectsV2: 2, HeadBucket: 1 });
  });

  it('drops a connection: the client sees a network error, the server sees nothing', async () => {
    const p = await proxy();
    p.addRule({ when: (request) => request.operation === 'PutObject', fault: { kind: 'drop' } });
    await expect(
      raw(`${p.url}/${s3.bucket}/dropped.bin`, 'PUT', Buffer.from('x')),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|EPIPE/),
    });
    const client = s3.createClient(p.url, { maxAttempts: 1 });
    const sdk = await failure(
      client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'dropped.bin', Body: 'x' })),
    );
    expect(sdk.status).toBeUndefined(); // a network error, not an answer from S3
    expect(await exists('dropped.bin')).toBe(false);
    expect(p.stats().faults).toEqual({ drop: 2 });
  });

  it('cuts a download mid-body after the bytes it was told to pass', async () => {
    const body = crypto.randomBytes(64 * 1024);
    // public-read: moto refuses an unsigned GetObject on a private object (403, empty body).
    await direct.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: 'cut.bin', Body: body, ACL: 'public-read' }),
    );
    const p = await proxy();
    p.addRule({
      when: (request) => request.operation === 'GetObject',
      fault: { kind: 'cut', afterBytes: 1000 },
    });

    const answer = await raw(`${p.url}/${s3.bucket}/cut.bin`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-length']).toBe(String(64 * 1024));
    expect(answer.complete).toBe(false);
    expect(answer.body.equals(body.subarray(0, 1000))).toBe(true);

    const client = s3.createClient(p.url, { maxAttempts: 1 });
    const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'cut.bin' }));
    await expect(got.Body!.transformToByteArray()).rejects.toThrow();
    expect(p.stats().bytesReturned).toBe(2000);
  });

  it('loses the answer to a request the server carried out when cutting an empty response', async () => {
    const p = await proxy();
    p.addRule({ when: (request) => request.operation === 'PutObject', fault: { kind: 'cut' } });
    const client = s3.createClient(p.url, { maxAttempts: 1 });
    const sdk = await failure(
      client.send(
        new PutObjectCommand({ Bucket: s3.bucket, Key: 'acted.bin', Body: 'stored anyway' }),
      ),
    );
    expect(sdk.status).toBeUndefined();
    expect(await exists('acted.bin')).toBe(true);
  });

  it('delays a request and then forwards it unchanged', async () => {
    const p = await proxy();
    p.addRule({ fault: { kind: 'delay', ms: 50 }, times: 1 });
    const body = crypto.randomBytes(3000);
    const client = s3.createClient(p.url, { maxAttempts: 1 });
    await client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: 'late.bin',
        Body: body,
        ContentMD5: md5(body),
      }),
    );
    const got = await direct.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'late.bin' }));
    expect(sha256(await got.Body!.transformToByteArray())).toBe(sha256(body));
    expect(p.stats().faults).toEqual({ delay: 1 });
  });

  it('fails the same requests for the same seed, and a share of them', async () => {
    async function pattern(seed: number): Promise<string> {
      const p = await proxy({ mode: 'http', seed });
      p.addRule({ share: 0.3, fault: { kind: 'status', status: 500 } });
      let seen = '';
      for (let i = 0; i < 24; i++) {
        seen += (await raw(`${p.url}/${s3.bucket}`, 'HEAD')).status === 500 ? 'x' : '.';
      }
      expect(p.stats().faults.status ?? 0).toBe(seen.split('x').length - 1);
      return seen;
    }
    const first = await pattern(42);
    expect(await pattern(42)).toBe(first);
    expect(first).toMatch(/x/);
    expect(first).toMatch(/\./);
    expect(await pattern(7)).not.toBe(first);
  });
});
