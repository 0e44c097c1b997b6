import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';
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

const rig = useUploadRig({ seed: 11 });
const PARTS = 8;
const SIZE = PARTS * 5 * MiB - 1000; // 8 parts of 5 MiB, the last one short

function setup(name: string) {
  const dir = tempDir('dailies-resume-');
  const file = path.join(dir, name);
  const sha256 = writeRandomFile(file, SIZE);
  const dataDir = path.join(dir, 'data');
  const db = openTestCatalog(dataDir);
  rig.open.push(db.catalog);
  const assetId = db.addAsset(sha256, SIZE);
  return { dir, dataDir, file, sha256, assetId, sessions: db.sessions, db };
}

/** The sha256 of the object as stored, read back in full. */
function storedSha256(key: string): Promise<string> {
  return objectSha256(rig.direct, rig.s3.bucket, key);
}

describe('resuming uploads', () => {
  it('resumes a multipart upload stopped mid-way, sending only the missing parts', async () => {
    const { file, sha256, assetId, sessions } = setup('stop.mp4');
    const stop = new AbortController();
    const job = jobFor(file, 'videos/7_stop.mp4', sha256, assetId, rig.s3.bucket);
    const first = testUploader(rig.client, sessions, { partConcurrency: 2 });
    const error = await failure(
      first.upload({
        ...job,
        signal: stop.signal,
        onPartRecorded: (_n) => {
          if (sessions.parts(sessions.listForAsset(assetId)[0]!.uploadId).length >= 3) stop.abort();
        },
      }),
    );
    expect(error.code).toBe('E_CANCELLED');
    const [session] = sessions.listForAsset(assetId);
    const recorded = sessions.parts(session!.uploadId).length;
    expect(recorded).toBeGreaterThanOrEqual(3);
    // A part cancelled in flight can reach the first proxy after the stop: count the resumed
    // run on a route of its own.
    const resumed = await rig.freshRoute();
    const outcome = await testUploader(resumed.client, sessions, { partConcurrency: 2 }).upload(
      job,
    );
    expect(outcome).toMatchObject({
      kind: 'uploaded',
      partsResumed: recorded,
      partsSent: PARTS - recorded,
    });
    const stats = resumed.proxy.stats();
    expect(stats.byOperation.ListParts).toBe(1);
    expect(stats.byOperation.CreateMultipartUpload).toBeUndefined();
    expect(stats.byOperation.UploadPart).toBe(PARTS - recorded);
    // Beyond the parts that were in flight when it stopped, no part went twice.
    const sentBefore = rig.proxy.stats().byOperation.UploadPart ?? 0;
    expect(sentBefore + stats.byOperation.UploadPart!).toBeLessThanOrEqual(PARTS + 2);
    expect(await storedSha256('videos/7_stop.mp4')).toBe(sha256);
  });

  it('resumes from the catalog after the uploading process is killed with SIGKILL', async () => {
    const { dataDir, file, sha256, assetId, sessions } = setup('kill.mp4');
    const job = jobFor(file, 'videos/7_kill.mp4', sha256, assetId, rig.s3.bucket);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'fixtures', 'upload-child.ts'),
        JSON.stringify({
          dataDir,
          endpoint: rig.proxy.url,
          region: rig.s3.region,
          bucket: rig.s3.bucket,
          credentials: rig.s3.credentials,
          job,
        }),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if ((output.match(/^part /gm) ?? []).length >= 3) child.kill('SIGKILL');
    });
    expect(await exited, errors).toBe('SIGKILL');
    expect(output).not.toContain('done');
    const [session] = sessions.listForAsset(assetId);
    const recorded = sessions.parts(session!.uploadId).length;
    expect(recorded).toBeGreaterThanOrEqual(3);
    expect(recorded).toBeLessThan(PARTS);

    const resumed = await rig.freshRoute();
    const outcome = await testUploader(resumed.client, sessions, { partConcurrency: 2 }).upload(
      job,
    );
    expect(outcome).toMatchObject({ kind: 'uploaded', partsResumed: recorded });
    const resent = resumed.proxy.stats().byOperation.UploadPart ?? 0;
    expect(resent).toBe(PARTS - recorded);
    // Only parts in flight at the kill (2 at a time) can have gone twice.
    const sentBefore = rig.proxy.stats().byOperation.UploadPart ?? 0;
    expect(sentBefore + resent).toBeLessThanOrEqual(PARTS + 2);
    expect(await storedSha256('videos/7_kill.mp4')).toBe(sha256);
  });

  it('starts cleanly over when the store no longer knows the upload (NoSuchUpload)', async () => {
    const { file, sha256, assetId, sessions } = setup('gone.mp4');
    const job = jobFor(file, 'videos/7_gone.mp4', sha256, assetId, rig.s3.bucket);
    const stop = new AbortController();
    await failure(
      testUploader(rig.client, sessions).upload({
        ...job,
        signal: stop.signal,
        onPartRecorded: () => stop.abort(),
      }),
    );
    const [session] = sessions.listForAsset(assetId);
    // Someone (a lifecycle rule, a colleague's cleanup) aborts it behind our back.
    await testUploader(rig.direct, sessions).abortForeignUpload(
      rig.s3.bucket,
      job.key,
      session!.uploadId,
    );

    const restarted = await rig.freshRoute();
    const outcome = await testUploader(restarted.client, sessions).upload(job);
    expect(outcome).toMatchObject({ kind: 'uploaded', partsResumed: 0, partsSent: PARTS });
    expect(restarted.proxy.stats().byOperation).toMatchObject({
      ListParts: 1,
      CreateMultipartUpload: 1,
      UploadPart: PARTS,
    });
    expect(sessions.listForAsset(assetId)).toEqual([]);
    expect(await storedSha256(job.key)).toBe(sha256);
  });

  it('stops and aborts the upload when the file changes under it (E_FILE_CHANGED)', async () => {
    const { file, sha256, assetId, sessions } = setup('edit.mp4');
    const job = jobFor(file, 'videos/7_edit.mp4', sha256, assetId, rig.s3.bucket);
    let touched = false;
    const error = await failure(
      testUploader(rig.client, sessions, { partConcurrency: 1 }).upload({
        ...job,
        onPartRecorded: () => {
          if (touched) return;
          touched = true;
          fs.appendFileSync(file, 'one more frame');
        },
      }),
    );
    expect(error.code).toBe('E_FILE_CHANGED');
    expect(rig.proxy.stats().byOperation.AbortMultipartUpload).toBe(1);
    expect(rig.proxy.stats().byOperation.UploadPart).toBeLessThan(PARTS);
    expect(sessions.listForAsset(assetId)).toEqual([]);
    const left = await rig.direct.send(
      new ListMultipartUploadsCommand({ Bucket: rig.s3.bucket, Prefix: job.key }),
    );
    expect(left.Uploads ?? []).toEqual([]);
  });

  it('aborts stale uploads of its own and lists others without touching them', async () => {
    const { file, sha256, assetId, sessions, db } = setup('stale.mp4');
    const job = jobFor(file, 'videos/7_stale.mp4', sha256, assetId, rig.s3.bucket);
    const stop = new AbortController();
    const uploader = testUploader(rig.client, sessions);
    await failure(
      uploader.upload({ ...job, signal: stop.signal, onPartRecorded: () => stop.abort() }),
    );
    // A colleague's upload under the same prefix, with one part.
    const foreign = await rig.direct.send(
      new CreateMultipartUploadCommand({ Bucket: rig.s3.bucket, Key: 'videos/9_colleague.mp4' }),
    );
    await rig.direct.send(
      new UploadPartCommand({
        Bucket: rig.s3.bucket,
        Key: 'videos/9_colleague.mp4',
        UploadId: foreign.UploadId,
        PartNumber: 1,
        Body: Buffer.alloc(1234, 1),
      }),
    );

    const listed = await uploader.listForeignUploads(rig.s3.bucket, 'videos/');
    expect(listed).toEqual([
      expect.objectContaining({
        key: 'videos/9_colleague.mp4',
        uploadId: foreign.UploadId,
        parts: 1,
        bytes: 1234,
      }),
    ]);

    // Not stale yet by our clock (moto dates it 2010; we do not believe it).
    expect(
      await uploader.cleanupStaleUploads(rig.s3.bucket, new Date(Date.now() - 60 * 60_000)),
    ).toEqual([]);
    db.catalog.sqlite
      .prepare("UPDATE multipart_uploads SET created_at = '2026-01-01T00:00:00.000Z'")
      .run();
    const aborted = await uploader.cleanupStaleUploads(
      rig.s3.bucket,
      new Date(Date.now() - 60 * 60_000),
    );
    expect(aborted.map((upload) => upload.key)).toEqual([job.key]);
    expect(sessions.listForAsset(assetId)).toEqual([]);

    const remaining = await rig.direct.send(
      new ListMultipartUploadsCommand({ Bucket: rig.s3.bucket, Prefix: 'videos/' }),
    );
    expect((remaining.Uploads ?? []).map((upload) => upload.UploadId)).toEqual([foreign.UploadId]);
    await uploader.abortForeignUpload(rig.s3.bucket, 'videos/9_colleague.mp4', foreign.UploadId!);
    expect(await uploader.listForeignUploads(rig.s3.bucket, 'videos/')).toEqual([]);
  });
});
