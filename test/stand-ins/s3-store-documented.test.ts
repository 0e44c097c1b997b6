import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Store, type S3Store } from '../../src/stand-ins/s3-store/start-s3-store';
import { tempDirOnce } from './temp-dir-once';
import { bytesOf, MiB, outcome } from './s3-conformance-kit';
import { send, signer } from './sign-request';

/**
 * What S3 documents and moto does not do (test/rig/README.md): checksum verification,
 * aws-chunked trailers, signatures, aborted-upload errors, real initiation dates, conditional
 * copies. Asserted against the local store alone.
 */

const KEY = { accessKeyId: 'AKIDLOCALSTORE', secretAccessKey: 'local-store-secret' };
const BUCKET = 'documented';
let store: S3Store;
let clients: S3Client[] = [];
const FIXED_NOW = new Date();

function client(extra: Partial<S3ClientConfig> = {}): S3Client {
  const made = new S3Client({
    endpoint: store.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: KEY,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
    ...extra,
  });
  clients.push(made);
  return made;
}

function crc32(bytes: Uint8Array): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(zlib.crc32(bytes) >>> 0);
  return out.toString('base64');
}

beforeAll(async () => {
  store = await startS3Store({
    dataDir: tempDirOnce('dailies-s3-documented-'),
    credentials: [KEY],
    buckets: [BUCKET],
    now: () => FIXED_NOW,
  });
});
afterAll(async () => {
  for (const made of clients) made.destroy();
  clients = [];
  await store?.stop();
});

describe('checksums (S3-documented; moto does not verify them)', () => {
  it('refuses a wrong CRC32, a wrong or malformed Content-MD5 and a malformed CRC32, storing nothing', async () => {
    const s3 = client();
    const Body = bytesOf('checksums', 4096);
    const put = (Key: string, extra: object) =>
      outcome(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body, ...extra })));
    expect(await put('c/1', { ChecksumCRC32: crc32(Buffer.from('other')) })).toEqual({
      error: 'BadDigest',
      status: 400,
    });
    expect(
      await put('c/2', { ContentMD5: crypto.createHash('md5').update('other').digest('base64') }),
    ).toEqual({ error: 'BadDigest', status: 400 });
    expect(await put('c/3', { ContentMD5: 'not-an-md5' })).toEqual({
      error: 'InvalidDigest',
      status: 400,
    });
    expect(await put('c/4', { ChecksumCRC32: 'AAAA' })).toEqual({
      error: 'InvalidRequest',
      status: 400,
    });
    for (const Key of ['c/1', 'c/2', 'c/3', 'c/4'])
      expect(await outcome(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key })))).toEqual({
        error: 'NotFound',
        status: 404,
      });
    const ok = await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'c/ok', Body, ChecksumCRC32: crc32(Body) }),
    );
    expect(ok.ChecksumCRC32).toBe(crc32(Body)); // echoed, as S3 does
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'c/ok', ChecksumMode: 'ENABLED' }),
    );
    expect([head.ChecksumCRC32, head.ChecksumType]).toEqual([crc32(Body), 'FULL_OBJECT']);
  });

  it('refuses a body whose hex x-amz-content-sha256 does not match (XAmzContentSHA256Mismatch)', async () => {
    const signed = await signer(KEY).sign(store.endpoint, {
      method: 'PUT',
      path: `/${BUCKET}/c/sha`,
      headers: {
        'x-amz-content-sha256': crypto.createHash('sha256').update('expected').digest('hex'),
      },
    });
    const answer = await send(store.endpoint, signed, 'something else');
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
  });

  it('decodes aws-chunked bodies with a CRC32 trailer (the SDK streaming) and stores them without framing', async () => {
    const s3 = client({ requestChecksumCalculation: 'WHEN_SUPPORTED' });
    const body = bytesOf('chunked', 300_000);
    const Body = Readable.from([body.subarray(0, 100_000), body.subarray(100_000)]);
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'c/chunked',
        Body,
        ContentLength: body.length,
        ChecksumAlgorithm: 'CRC32',
      }),
    );
    const got = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'c/chunked', ChecksumMode: 'ENABLED' }),
    );
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    expect(got.ChecksumCRC32).toBe(crc32(body));
    expect(got.ContentEncoding).toBeUndefined();
  });

  it('verifies the trailer of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER body: BadDigest on a mismatch', async () => {
    const payload = Buffer.from('hello aws-chunked');
    const frame = (trailer: string) =>
      Buffer.concat([
        Buffer.from(`${payload.length.toString(16)};chunk-signature=${'0'.repeat(64)}\r\n`),
        payload,
        Buffer.from(
          `\r\n0;chunk-signature=${'0'.repeat(64)}\r\nx-amz-checksum-crc32:${trailer}\r\n\r\n`,
        ),
      ]);
    const put = async (Key: string, trailer: string) => {
      const body = frame(trailer);
      const signed = await signer(KEY).sign(store.endpoint, {
        method: 'PUT',
        path: `/${BUCKET}/${Key}`,
        headers: {
          'content-encoding': 'aws-chunked',
          'content-length': String(body.length),
          'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
          'x-amz-decoded-content-length': String(payload.length),
          'x-amz-trailer': 'x-amz-checksum-crc32',
        },
      });
      return send(store.endpoint, signed, body);
    };
    const bad = await put('c/signed-bad', crc32(Buffer.from('nope')));
    expect([bad.status, /<Code>BadDigest<\/Code>/.test(bad.body)]).toEqual([400, true]);
    const good = await put('c/signed-good', crc32(payload));
    expect(good.status).toBe(200);
    const got = await client().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'c/signed-good' }));
    expect(await got.Body!.transformToString()).toBe('hello aws-chunked');
  });

  it('multipart with CRC32: parts echo their checksum, the object has the composite "-N" checksum', async () => {
    const s3 = client();
    const Key = 'c/multipart';
    const parts = [bytesOf('mp-1', 5 * MiB), bytesOf('mp-2', 10)];
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key, ChecksumAlgorithm: 'CRC32' }),
    );
    const sent = [];
    for (const [index, Body] of parts.entries()) {
      const answer = await s3.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key,
          UploadId,
          PartNumber: index + 1,
          Body,
          ChecksumCRC32: crc32(Body),
        }),
      );
      expect(answer.ChecksumCRC32).toBe(crc32(Body));
      sent.push({ PartNumber: index + 1, ETag: answer.ETag, ChecksumCRC32: answer.ChecksumCRC32 });
    }
    const mismatch = await outcome(
      s3.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key,
          UploadId,
          PartNumber: 3,
          Body: 'x',
          ChecksumSHA256: crypto.createHash('sha256').update('x').digest('base64'),
        }),
      ),
    );
    expect(mismatch).toEqual({ error: 'InvalidRequest', status: 400 });
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key,
        UploadId,
        MultipartUpload: { Parts: sent },
      }),
    );
    const composite = crc32(Buffer.concat(parts.map((part) => Buffer.from(crc32(part), 'base64'))));
    expect(done.ChecksumCRC32).toBe(`${composite}-2`);
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key, ChecksumMode: 'ENABLED' }),
    );
    expect([head.ChecksumCRC32, head.ChecksumType]).toEqual([`${composite}-2`, 'COMPOSITE']);
  });
});

describe('multipart uploads (S3-documented; moto is lax on these)', () => {
  it('answers NoSuchUpload to every operation on an aborted upload', async () => {
    const s3 = client();
    const Key = 'u/aborted';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
    await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId }));
    const gone = { error: 'NoSuchUpload', status: 404 };
    expect(
      await outcome(
        s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, Body: 'x' })),
      ),
    ).toEqual(gone);
    expect(await outcome(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key, UploadId })))).toEqual(
      gone,
    );
    expect(
      await outcome(s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId }))),
    ).toEqual(gone);
    expect(
      await outcome(
        s3.send(
          new CompleteMultipartUploadCommand({
            Bucket: BUCKET,
            Key,
            UploadId,
            MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"x"' }] },
          }),
        ),
      ),
    ).toEqual(gone);
  });

  it('refuses parts listed out of order with InvalidPartOrder (moto completes them)', async () => {
    const s3 = client();
    const Key = 'u/order';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
    const parts = [];
    for (const PartNumber of [1, 2]) {
      const Body = bytesOf(`order-${PartNumber}`, 5 * MiB);
      const { ETag } = await s3.send(
        new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber, Body }),
      );
      parts.push({ PartNumber, ETag });
    }
    const complete = await outcome(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key,
          UploadId,
          MultipartUpload: { Parts: [parts[1]!, parts[0]!] },
        }),
      ),
    );
    expect(complete).toEqual({ error: 'InvalidPartOrder', status: 400 });
  });

  it('lists uploads with their real initiation dates', async () => {
    const s3 = client();
    await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'u/dated' }));
    const listed = await s3.send(
      new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: 'u/dated' }),
    );
    expect(listed.Uploads?.map((u) => u.Initiated?.getTime())).toEqual([FIXED_NOW.getTime()]);
  });
});

describe('conditional copies (S3-documented; moto ignores them)', () => {
  it('refuses a stale CopySourceIfMatch and an If-None-Match * destination with 412', async () => {
    const s3 = client();
    const { ETag } = await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'k/src', Body: 'x' }),
    );
    const stale = await outcome(
      s3.send(
        new CopyObjectCommand({
          Bucket: BUCKET,
          Key: 'k/src',
          CopySource: `${BUCKET}/k/src`,
          CopySourceIfMatch: '"0123456789abcdef0123456789abcdef"',
          MetadataDirective: 'REPLACE',
        }),
      ),
    );
    expect(stale).toEqual({ error: 'PreconditionFailed', status: 412 });
    const fresh = await s3.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: 'k/src',
        CopySource: `${BUCKET}/k/src`,
        CopySourceIfMatch: ETag,
        MetadataDirective: 'REPLACE',
      }),
    );
    expect(fresh.CopyObjectResult?.ETag).toBe(ETag);
    const exists = await outcome(
      s3.send(
        new CopyObjectCommand({
          Bucket: BUCKET,
          Key: 'k/src',
          CopySource: `${BUCKET}/k/src`,
          MetadataDirective: 'REPLACE',
          IfNoneMatch: '*',
        }),
      ),
    );
    expect(exists).toEqual({ error: 'PreconditionFailed', status: 412 });
  });
});

describe('SigV4 authentication (S3-documented; moto accepts anything)', () => {
  it('refuses unsigned requests, unknown keys and wrong secrets with 403', async () => {
    const unsigned = await send(store.endpoint, { method: 'GET', path: `/${BUCKET}/c/ok` });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body).toContain('<Code>AccessDenied</Code>');
    const unknown = new S3Client({
      endpoint: store.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { accessKeyId: 'nobody', secretAccessKey: KEY.secretAccessKey },
    });
    const wrong = new S3Client({
      endpoint: store.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { ...KEY, secretAccessKey: 'wrong' },
    });
    clients.push(unknown, wrong);
    expect(
      await outcome(unknown.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'c/ok' }))),
    ).toEqual({ error: 'InvalidAccessKeyId', status: 403 });
    expect(
      await outcome(wrong.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'c/ok' }))),
    ).toEqual({ error: 'SignatureDoesNotMatch', status: 403 });
    expect(
      await outcome(wrong.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'a/b c', Body: 'x' }))),
    ).toEqual({ error: 'SignatureDoesNotMatch', status: 403 });
  });

  it('refuses a request signed more than 15 minutes away from its clock (RequestTimeTooSkewed)', async () => {
    const skewed = await startS3Store({
      dataDir: tempDirOnce('dailies-s3-skew-'),
      credentials: [KEY],
      buckets: [BUCKET],
      now: () => new Date(Date.now() + 16 * 60 * 1000),
    });
    const s3 = new S3Client({
      endpoint: skewed.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: KEY,
      maxAttempts: 1,
      systemClockOffset: 0,
    });
    try {
      expect(
        await outcome(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'x' }))),
      ).toMatchObject({ status: 403 });
      expect(await outcome(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'x' })))).toEqual({
        error: 'RequestTimeTooSkewed',
        status: 403,
      });
    } finally {
      s3.destroy();
      await skewed.stop();
    }
  });

  it('serves presigned URLs (X-Amz-Signature) and refuses tampered or expired ones', async () => {
    await client().send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'p/a b+é.txt', Body: 'presigned body' }),
    );
    const path = `/${BUCKET}/p/${encodeURIComponent('a b+é.txt')}`;
    const url = await signer(KEY).presign(store.endpoint, { method: 'GET', path }, 300);
    const ok = await fetch(url);
    expect([ok.status, await ok.text()]).toEqual([200, 'presigned body']);
    const tampered = await fetch(
      url.replace(
        /X-Amz-Signature=([0-9a-f])/,
        (_, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`,
      ),
    );
    expect([tampered.status, (await tampered.text()).includes('SignatureDoesNotMatch')]).toEqual([
      403,
      true,
    ]);
    const old = await signer(KEY).presign(
      store.endpoint,
      { method: 'GET', path },
      60,
      new Date(Date.now() - 3_600_000),
    );
    const expired = await fetch(old);
    expect([expired.status, (await expired.text()).includes('<Code>AccessDenied</Code>')]).toEqual([
      403,
      true,
    ]);
  });
});

describe('S3 error documents and connections', () => {
  it('answers S3 XML errors with Code, Message, Resource and RequestId, on kept-alive connections', async () => {
    const signed = await signer(KEY).sign(store.endpoint, {
      method: 'GET',
      path: `/${BUCKET}/missing/key`,
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    const answer = await send(store.endpoint, signed);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatch(
      /<Error><Code>NoSuchKey<\/Code><Message>[^<]+<\/Message><Resource>\/documented\/missing\/key<\/Resource><RequestId>[0-9A-F]+<\/RequestId>/,
    );
    expect(answer.headers['x-amz-request-id']).toMatch(/^[0-9A-F]+$/);
    expect(answer.headers.connection).not.toBe('close');
  });
});
