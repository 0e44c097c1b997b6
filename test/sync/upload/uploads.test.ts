import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';
import { createBandwidthLimiter } from '../../../src/engine/storage/upload/bandwidth-limiter';
import { parseUploadWindow } from '../../../src/engine/storage/upload/upload-window';
import { virtualClock } from './virtual-clock';
import {
  jobFor,
  MiB,
  openTestCatalog,
  testUploader,
  writeRandomFile,
  failure,
  objectSha256,
  useUploadRig,
} from './upload-kit';

const rig = useUploadRig({ seed: 7 });

function setup(name: string, size: number) {
  const dir = tempDir('dailies-upload-');
  const file = path.join(dir, name);
  const sha256 = writeRandomFile(file, size);
  const db = openTestCatalog(path.join(dir, 'data'));
  rig.open.push(db.catalog);
  const assetId = db.addAsset(sha256, size);
  return { dir, file, sha256, assetId, sessions: db.sessions };
}

/** The sha256 of the object as stored, read back in full. */
function storedSha256(key: string): Promise<string> {
  return objectSha256(rig.direct, rig.s3.bucket, key);
}

describe('the uploader', () => {
  it('puts a small file in one request with its checksum, type and metadata', async () => {
    const { file, sha256, assetId, sessions } = setup('small.mov', 3 * MiB + 17);
    const uploader = testUploader(rig.client, sessions);
    // Headers as they leave Dailies: moto (werkzeug) drops names with '_' such as
    // x-amz-meta-content_id, which S3 keeps, so those are checked on the wire.
    const sent: Array<Record<string, unknown>> = [];
    rig.proxy.addRule({
      fault: { kind: 'delay', ms: 0 },
      when: (request) => {
        if (request.operation === 'PutObject') sent.push({ ...request.headers });
        return false;
      },
    });
    const outcome = await uploader.upload(
      jobFor(file, 'videos/7_small.mov', sha256, assetId, rig.s3.bucket),
    );
    expect(outcome).toMatchObject({ kind: 'uploaded', method: 'put' });
    const stats = rig.proxy.stats();
    // The second PUT is the uploader's one-time probe of If-None-Match (conditional writes).
    expect(stats.byOperation.PutObject).toBe(2);
    expect(stats.byOperation.CreateMultipartUpload).toBeUndefined();
    expect(stats.checksumHeaders.crc32).toBe(2);
    expect(sent[1]).toMatchObject({ 'if-none-match': '*' });
    const head = await rig.direct.send(
      new HeadObjectCommand({ Bucket: rig.s3.bucket, Key: 'videos/7_small.mov' }),
    );
    expect(head.ContentType).toBe('video/quicktime');
    expect(head.Metadata).toMatchObject({ sha256, title: 'S%C3%A9ance du jour' });
    expect(sent[0]).toMatchObject({
      'x-amz-meta-content_id': '7',
      'x-amz-meta-age_rating': 'ALL',
      'x-amz-meta-sha256': sha256,
      'content-type': 'video/quicktime',
    });
    expect(await storedSha256('videos/7_small.mov')).toBe(sha256);
  });

  it('uploads a large file in checksummed parts, byte-identical to the source', async () => {
    const { file, sha256, assetId, sessions } = setup('large.mp4', 41 * MiB + 123);
    const uploader = testUploader(rig.client, sessions, { partConcurrency: 3 });
    const seen: number[] = [];
    // Parts travel on kept-alive connections: no Expect: 100-continue (the SDK's Node handler
    // opens a fresh, not kept-alive, connection for every request that carries it).
    const expecting: string[] = [];
    rig.proxy.addRule({
      fault: { kind: 'delay', ms: 0 },
      when: (request) => {
        if (request.headers.expect) expecting.push(request.operation);
        return false;
      },
    });
    const outcome = await uploader.upload(
      jobFor(file, 'videos/7_large.mp4', sha256, assetId, rig.s3.bucket, {
        onProgress: (progress) => seen.push(progress.bytesSent),
      }),
    );
    expect(outcome).toEqual({
      kind: 'uploaded',
      method: 'multipart',
      partsSent: 9,
      partsResumed: 0,
      size: 41 * MiB + 123,
    });
    const stats = rig.proxy.stats();
    expect(stats.byOperation.UploadPart).toBe(9);
    expect(stats.checksumHeaders.crc32).toBe(9);
    expect(expecting).toEqual([]);
    expect(seen.at(-1)).toBe(41 * MiB + 123);
    expect(await storedSha256('videos/7_large.mp4')).toBe(sha256);
    // Finished: the catalog keeps no session or part of it.
    expect(sessions.listForAsset(assetId)).toEqual([]);
  });

  it('re-sends a part the store rejects as corrupted (BadDigest)', async () => {
    const { file, sha256, assetId, sessions } = setup('corrupt.mp4', 20 * MiB);
    rig.proxy.corruptPart(2);
    const outcome = await testUploader(rig.client, sessions).upload(
      jobFor(file, 'videos/7_corrupt.mp4', sha256, assetId, rig.s3.bucket),
    );
    expect(outcome.kind).toBe('uploaded');
    const stats = rig.proxy.stats();
    expect(stats.rejected.BadDigest).toBe(1);
    expect(stats.byOperation.UploadPart).toBe(5); // 4 parts, one sent twice
    expect(await storedSha256('videos/7_corrupt.mp4')).toBe(sha256);
  });

  it('completes through 20% of requests failing with 500, 503 or a reset', async () => {
    const { file, sha256, assetId, sessions } = setup('flaky.mp4', 30 * MiB);
    rig.proxy.addRule({ fault: { kind: 'status', status: 500 }, share: 0.07 });
    rig.proxy.addRule({ fault: { kind: 'status', status: 503, retryAfter: 0 }, share: 0.07 });
    rig.proxy.addRule({ fault: { kind: 'drop' }, share: 0.07 });
    const outcome = await testUploader(rig.client, sessions).upload(
      jobFor(file, 'videos/7_flaky.mp4', sha256, assetId, rig.s3.bucket),
    );
    expect(outcome.kind).toBe('uploaded');
    const faults = rig.proxy.stats().faults;
    expect((faults.status ?? 0) + (faults.drop ?? 0)).toBeGreaterThan(0);
    expect(await storedSha256('videos/7_flaky.mp4')).toBe(sha256);
  });

  it('does not send a file the key already holds (same size and sha256)', async () => {
    const { file, sha256, assetId, sessions } = setup('again.mp4', 18 * MiB);
    const uploader = testUploader(rig.client, sessions);
    const job = jobFor(file, 'videos/7_again.mp4', sha256, assetId, rig.s3.bucket);
    await uploader.upload(job);
    rig.proxy.resetStats();
    expect(await uploader.upload(job)).toEqual({ kind: 'already-there', size: 18 * MiB });
    const stats = rig.proxy.stats();
    expect(stats.byOperation).toEqual({ HeadObject: 1 });
  });

  it('refuses to overwrite a different object at the key (E_CONFLICT)', async () => {
    const { file, sha256, assetId, sessions } = setup('mine.mp4', 2 * MiB);
    await rig.direct.send(
      new PutObjectCommand({
        Bucket: rig.s3.bucket,
        Key: 'videos/7_taken.mp4',
        Body: "a colleague's file",
        Metadata: { sha256: 'f'.repeat(64) },
      }),
    );
    const error = await failure(
      testUploader(rig.client, sessions).upload(
        jobFor(file, 'videos/7_taken.mp4', sha256, assetId, rig.s3.bucket),
      ),
    );
    expect(error.code).toBe('E_CONFLICT');
    expect(rig.proxy.stats().byOperation.PutObject).toBeUndefined();
    const kept = await rig.direct.send(
      new GetObjectCommand({ Bucket: rig.s3.bucket, Key: 'videos/7_taken.mp4' }),
    );
    expect(await kept.Body!.transformToString()).toBe("a colleague's file");
  });

  it('sends parts only inside the upload window and through the shared limiter', async () => {
    const { file, sha256, assetId, sessions } = setup('night.mp4', 17 * MiB);
    const noon = new Date(2026, 10, 20, 12, 0).getTime();
    const clock = virtualClock(noon);
    const limiter = createBandwidthLimiter({ bytesPerSecond: 4 * MiB, clock });
    const partTimes: number[] = [];
    rig.proxy.addRule({
      fault: { kind: 'delay', ms: 0 },
      when: (request) => {
        if (request.operation === 'UploadPart') partTimes.push(clock.now());
        return false;
      },
    });
    const uploader = testUploader(
      rig.client,
      sessions,
      { window: parseUploadWindow('20:00-07:00') },
      { clock, limiter },
    );
    const outcome = await uploader.upload(
      jobFor(file, 'videos/7_night.mp4', sha256, assetId, rig.s3.bucket),
    );
    expect(outcome.kind).toBe('uploaded');
    expect(partTimes).toHaveLength(4);
    for (const time of partTimes) expect(new Date(time).getHours()).toBeGreaterThanOrEqual(20);
    // Every byte went through the limiter: 17 MiB at 4 MiB/s is ~4 virtual seconds past 20:00.
    expect(limiter.granted()).toBe(17 * MiB);
    const eight = new Date(2026, 10, 20, 20, 0).getTime();
    expect(clock.now() - eight).toBeGreaterThanOrEqual(3_000);
  });

  it('reports refused keys as E_S3_AUTH without retrying', async () => {
    const { file, sha256, assetId, sessions } = setup('auth.mp4', 1 * MiB);
    // A HEAD answer has no body, so S3 names no code: the status alone says "refused".
    rig.proxy.addRule({
      fault: { kind: 'status', status: 403, body: '' },
      when: (r) => r.method === 'HEAD',
      times: 1,
    });
    const headError = await failure(
      testUploader(rig.client, sessions).upload(
        jobFor(file, 'videos/7_auth.mp4', sha256, assetId, rig.s3.bucket),
      ),
    );
    expect(headError.code).toBe('E_S3_AUTH');
    expect(rig.proxy.stats().requests).toBe(1);
    rig.proxy.clearRules();
    rig.proxy.resetStats();
    rig.proxy.addRule({
      when: (r) => r.method !== 'HEAD',
      fault: {
        kind: 'status',
        status: 403,
        body:
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidAccessKeyId</Code>' +
          '<Message>The AWS Access Key Id you provided does not exist in our records.</Message></Error>',
      },
    });
    const error = await failure(
      testUploader(rig.client, sessions).upload(
        jobFor(file, 'videos/7_auth.mp4', sha256, assetId, rig.s3.bucket),
      ),
    );
    expect(error.code).toBe('E_S3_AUTH');
    expect(error.retryable).toBe(false);
    expect(error.details?.s3Code).toBe('InvalidAccessKeyId');
    expect(rig.proxy.stats().byOperation).toEqual({ HeadObject: 1, PutObject: 1 });
  });
});

describe('small files without a HEAD each (If-None-Match: *)', () => {
  /** Small files in one folder, each with its key under `prefix`. */
  function smallFiles(prefix: string, count: number) {
    const { dir, sessions } = setup(`${prefix}-0.mp4`, 10);
    return {
      sessions,
      files: Array.from({ length: count }, (_, index) => {
        const file = path.join(dir, `${prefix}-${index}.mp4`);
        const sha256 = writeRandomFile(file, 200_000 + index);
        return { file, sha256, key: `videos/${prefix}/${index}.mp4` };
      }),
    };
  }

  it('checks the first file with a HEAD, proves the condition once, then only PUTs', async () => {
    const { sessions, files } = smallFiles('cond', 4);
    const uploader = testUploader(rig.client, sessions);
    for (const { file, sha256, key } of files) {
      const outcome = await uploader.upload(jobFor(file, key, sha256, 1, rig.s3.bucket));
      expect(outcome).toMatchObject({ kind: 'uploaded', method: 'put' });
    }
    // 1 HEAD; 4 PUTs + the probe (answered 412).
    expect(rig.proxy.stats().byOperation).toEqual({ HeadObject: 1, PutObject: 5 });
    for (const { sha256, key } of files) expect(await storedSha256(key)).toBe(sha256);

    rig.proxy.resetStats();
    const [first] = files;
    expect(
      await uploader.upload(jobFor(first!.file, first!.key, first!.sha256, 1, rig.s3.bucket)),
    ).toEqual({
      kind: 'already-there',
      size: 200_000,
    });
    // Refused by the condition (412), then one HEAD to tell "this very file" from a conflict.
    expect(rig.proxy.stats().byOperation).toEqual({ PutObject: 1, HeadObject: 1 });

    await rig.direct.send(
      new PutObjectCommand({ Bucket: rig.s3.bucket, Key: 'videos/cond/taken.mp4', Body: 'theirs' }),
    );
    const error = await failure(
      uploader.upload(
        jobFor(first!.file, 'videos/cond/taken.mp4', first!.sha256, 1, rig.s3.bucket),
      ),
    );
    expect(error.code).toBe('E_CONFLICT');
    const kept = await rig.direct.send(
      new GetObjectCommand({ Bucket: rig.s3.bucket, Key: 'videos/cond/taken.mp4' }),
    );
    expect(await kept.Body!.transformToString()).toBe('theirs');
  });

  it('stays with a HEAD before each file where the store does not do conditional writes', async () => {
    const { sessions, files } = smallFiles('nocond', 3);
    rig.proxy.addRule({
      fault: { kind: 'status', status: 501, body: '<Error><Code>NotImplemented</Code></Error>' },
      when: (request) => request.headers['if-none-match'] !== undefined,
    });
    const uploader = testUploader(rig.client, sessions);
    for (const { file, sha256, key } of files) {
      const outcome = await uploader.upload(jobFor(file, key, sha256, 1, rig.s3.bucket));
      expect(outcome).toMatchObject({ kind: 'uploaded', method: 'put' });
    }
    // The probe was refused once; every file then had its HEAD.
    expect(rig.proxy.stats().byOperation).toEqual({ HeadObject: 3, PutObject: 4 });
    for (const { sha256, key } of files) expect(await storedSha256(key)).toBe(sha256);
  });
});
