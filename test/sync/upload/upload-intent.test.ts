import path from 'node:path';
import { CreateMultipartUploadCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';
import { createUploader } from '../../../src/engine/storage/upload/create-uploader';
import {
  INTENT_WINDOW_MS,
  uploadsOfIntent,
} from '../../../src/engine/storage/upload/upload-intent';
import type { UploadIntentRow } from '../../../src/engine/catalog/repositories/upload-session-repository';
import {
  failure,
  fastRetry,
  jobFor,
  MiB,
  objectSha256,
  openTestCatalog,
  testUploader,
  writeRandomFile,
  useUploadRig,
} from './upload-kit';

const rig = useUploadRig({ seed: 5 });
const SIZE = 4 * 5 * MiB + 77; // above the 16 MiB multipart threshold

/** A file, its catalog and a colleague's upload already in progress at the same key. */
async function setup(name: string) {
  const dir = tempDir('dailies-intent-');
  const file = path.join(dir, name);
  const sha256 = writeRandomFile(file, SIZE);
  const dataDir = path.join(dir, 'data');
  const db = openTestCatalog(dataDir);
  rig.open.push(db.catalog);
  const assetId = db.addAsset(sha256, SIZE);
  const key = `videos/7_${name}`;
  const colleague = await rig.direct.send(
    new CreateMultipartUploadCommand({ Bucket: rig.s3.bucket, Key: key }),
  );
  return { dataDir, file, sha256, assetId, key, colleague: colleague.UploadId!, db };
}

/** Upload ids still in progress at `key`, as the store lists them. */
async function uploadsAt(key: string): Promise<string[]> {
  const listed = await rig.direct.send(
    new ListMultipartUploadsCommand({ Bucket: rig.s3.bucket, Prefix: key }),
  );
  return (listed.Uploads ?? []).map((upload) => upload.UploadId!);
}

/** The store creates the upload, then the connection is cut before its answer arrives. */
function cutCreateAnswer() {
  rig.proxy.addRule({
    fault: { kind: 'cut', afterBytes: 0 },
    when: (request) => request.operation === 'CreateMultipartUpload',
    times: 1,
  });
}

describe('the intent recorded before CreateMultipartUpload', () => {
  it('adopts the upload whose create answer was cut, in the same run', async () => {
    const { file, sha256, assetId, key, colleague, db } = await setup('cut.mp4');
    cutCreateAnswer();
    const outcome = await testUploader(rig.client, db.sessions).upload(
      jobFor(file, key, sha256, assetId, rig.s3.bucket),
    );
    expect(outcome).toMatchObject({ kind: 'uploaded', method: 'multipart' });
    // Created once: the retry found the upload the store had made instead of making another.
    expect(rig.proxy.stats().byOperation.CreateMultipartUpload).toBe(1);
    expect(await objectSha256(rig.direct, rig.s3.bucket, key)).toBe(sha256);
    expect(await uploadsAt(key)).toEqual([colleague]);
    expect(db.sessions.intentsAt(rig.s3.bucket, key)).toEqual([]);
    expect(db.sessions.listForAsset(assetId)).toEqual([]);
  });

  it('settles a lost create after a restart: one object, no leftover upload', async () => {
    const { dataDir, file, sha256, assetId, key, colleague, db } = await setup('restart.mp4');
    cutCreateAnswer();
    const job = jobFor(file, key, sha256, assetId, rig.s3.bucket);
    // One attempt only: the run ends as a crash would, with the upload id never heard.
    const first = createUploader({
      client: rig.client,
      sessions: db.sessions,
      clock: fastRetry.clock,
      retry: { ...fastRetry, policy: { ...fastRetry.policy, maxAttempts: 1 } },
      options: { minPartBytes: 5 * MiB },
    });
    expect((await failure(first.upload(job))).code).toBe('E_NETWORK');
    expect(db.sessions.intentsAt(rig.s3.bucket, key)).toHaveLength(1);
    expect(await uploadsAt(key)).toHaveLength(2);
    db.catalog.close();

    const reopened = openTestCatalog(dataDir);
    rig.open.push(reopened.catalog);
    rig.proxy.resetStats();
    const outcome = await testUploader(rig.client, reopened.sessions).upload(job);
    expect(outcome).toMatchObject({ kind: 'uploaded', method: 'multipart', partsResumed: 0 });
    expect(rig.proxy.stats().byOperation.CreateMultipartUpload ?? 0).toBe(0);
    expect(await objectSha256(rig.direct, rig.s3.bucket, key)).toBe(sha256);
    expect(await uploadsAt(key)).toEqual([colleague]);
    expect(reopened.sessions.intentsAt(rig.s3.bucket, key)).toEqual([]);
  });

  it('aborts what a lost create made when its asset is removed', async () => {
    const { file, sha256, assetId, key, colleague, db } = await setup('removed.mp4');
    cutCreateAnswer();
    const uploader = createUploader({
      client: rig.client,
      sessions: db.sessions,
      clock: fastRetry.clock,
      retry: { ...fastRetry, policy: { ...fastRetry.policy, maxAttempts: 1 } },
    });
    await failure(uploader.upload(jobFor(file, key, sha256, assetId, rig.s3.bucket)));
    await uploader.abortUploadsForAsset(assetId);
    expect(await uploadsAt(key)).toEqual([colleague]);
    expect(db.sessions.intentsForAsset(assetId)).toEqual([]);
  });

  it('counts as its own only uploads started after it and dated within its window', () => {
    const intent: UploadIntentRow = {
      id: 1,
      assetId: 1,
      bucket: 'b',
      objectKey: 'videos/1_a.mp4',
      startedAt: '2026-11-05T10:00:00.000Z',
      uploadIdsBeforeJson: '["before"]',
    };
    const at = (iso: string) => new Date(iso);
    const late = new Date(Date.parse(intent.startedAt) + INTENT_WINDOW_MS + 1);
    const listed = [
      { Key: 'videos/1_a.mp4', UploadId: 'before', Initiated: at('2026-11-05T10:00:01Z') },
      { Key: 'videos/1_a.mp4', UploadId: 'older', Initiated: at('2026-11-05T10:00:01Z') },
      { Key: 'videos/1_a.mp4', UploadId: 'newer', Initiated: at('2026-11-05T10:00:02Z') },
      { Key: 'videos/1_a.mp4', UploadId: 'recorded', Initiated: at('2026-11-05T10:00:03Z') },
      { Key: 'videos/1_a.mp4', UploadId: 'days-later', Initiated: late },
      { Key: 'videos/1_a.mp4.bak', UploadId: 'other-key', Initiated: at('2026-11-05T10:00:01Z') },
      // moto dates every upload 2010-11-10: only "not there before" tells it is ours.
      { Key: 'videos/1_a.mp4', UploadId: 'misdated', Initiated: at('2010-11-10T20:48:33Z') },
    ];
    expect(uploadsOfIntent(intent, listed, new Set(['recorded']))).toEqual([
      'newer',
      'older',
      'misdated',
    ]);
  });
});
