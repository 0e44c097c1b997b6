import path from 'node:path';
import {
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';
import { objectMetadata } from '../../../src/engine/storage/object-metadata';
import { refreshObjectMetadata } from '../../../src/engine/storage/upload/metadata-refresh';
import { stepRunner } from '../../../src/engine/storage/upload/s3-steps';
import { systemClock } from '../../../src/engine/time/clock';
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

const rig = useUploadRig({ seed: 3 });

/** An uploaded file (multipart when `size` is above 16 MiB) and its uploader. */
async function uploaded(name: string, size: number) {
  const dir = tempDir('dailies-meta-');
  const file = path.join(dir, name);
  const sha256 = writeRandomFile(file, size);
  const db = openTestCatalog(path.join(dir, 'data'));
  rig.open.push(db.catalog);
  const assetId = db.addAsset(sha256, size);
  const uploader = testUploader(rig.client, db.sessions);
  const job = jobFor(file, `videos/7_${name}`, sha256, assetId, rig.s3.bucket);
  await uploader.upload(job);
  rig.proxy.resetStats();
  return { uploader, job, sha256, sessions: db.sessions };
}

function head(key: string) {
  return rig.direct.send(new HeadObjectCommand({ Bucket: rig.s3.bucket, Key: key }));
}

const edited = (sha256: string) =>
  objectMetadata({
    sha256,
    contentId: 7,
    title: 'Séance du soir',
    description: 'new cut',
    ageRating: '12+',
  });

describe('refreshing the metadata of an uploaded object', () => {
  it('rewrites x-amz-meta in place: body, sha256 and type unchanged, no upload', async () => {
    const { uploader, job, sha256 } = await uploaded('meta.mov', 18 * MiB);
    const before = await head(job.key);

    const result = await uploader.refreshMetadata({ ...job, metadata: edited(sha256) });
    expect(result).toBe('refreshed');
    const stats = rig.proxy.stats().byOperation;
    expect(stats).toEqual({ HeadObject: 1, CopyObject: 1 });

    const after = await head(job.key);
    expect(after.Metadata).toMatchObject({
      sha256,
      title: 'S%C3%A9ance du soir',
      description: 'new cut',
    });
    expect(after.ContentType).toBe('video/quicktime');
    expect(after.ContentLength).toBe(before.ContentLength);
    expect(await objectSha256(rig.direct, rig.s3.bucket, job.key)).toBe(sha256);

    // Saying it again sends nothing. (Names without '_' here: moto drops x-amz-meta-content_id
    // and the like, which S3 keeps, so the full set never reads back equal from moto.)
    const plain = { title: 'plain', description: 'd' };
    expect(await uploader.refreshMetadata({ ...job, metadata: plain })).toBe('refreshed');
    rig.proxy.resetStats();
    expect(await uploader.refreshMetadata({ ...job, metadata: plain })).toBe('unchanged');
    expect(rig.proxy.stats().byOperation).toEqual({ HeadObject: 1 });
    expect(await objectSha256(rig.direct, rig.s3.bucket, job.key)).toBe(sha256);
  });

  it('never touches another file at the key (E_CONFLICT)', async () => {
    const { uploader, job, sha256 } = await uploaded('theirs.mp4', 2 * MiB);
    await rig.direct.send(
      new PutObjectCommand({
        Bucket: rig.s3.bucket,
        Key: job.key,
        Body: 'a colleague replaced it',
        Metadata: { sha256: 'e'.repeat(64), title: 'theirs' },
      }),
    );
    const error = await failure(uploader.refreshMetadata({ ...job, metadata: edited(sha256) }));
    expect(error.code).toBe('E_CONFLICT');
    expect((await head(job.key)).Metadata).toMatchObject({ title: 'theirs' });
  });

  it('copies an object above the single-copy limit in parts, leaving no upload behind', async () => {
    const { job, sha256, sessions } = await uploaded('long.mp4', 18 * MiB);
    const deps = { client: rig.client, sessions, clock: systemClock };
    // The 5 GiB limit scaled down: 18 MiB in 6 MiB parts.
    const limits = { singleCopyBytes: 10 * MiB, partBytes: 6 * MiB };
    const result = await refreshObjectMetadata(
      deps,
      stepRunner(fastRetry),
      { ...job, metadata: edited(sha256) },
      limits,
    );
    expect(result).toBe('refreshed');
    expect(rig.proxy.stats().byOperation).toMatchObject({
      CreateMultipartUpload: 1,
      UploadPartCopy: 3,
      CompleteMultipartUpload: 1,
    });
    expect((await head(job.key)).Metadata).toMatchObject({ sha256, title: 'S%C3%A9ance du soir' });
    expect(await objectSha256(rig.direct, rig.s3.bucket, job.key)).toBe(sha256);
    const left = await rig.direct.send(
      new ListMultipartUploadsCommand({ Bucket: rig.s3.bucket, Prefix: job.key }),
    );
    expect(left.Uploads ?? []).toEqual([]);
    expect(sessions.intentsAt(rig.s3.bucket, job.key)).toEqual([]);
  });
});
