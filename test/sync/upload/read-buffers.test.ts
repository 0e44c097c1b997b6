import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';
import { ReadBuffers } from '../../../src/engine/storage/upload/read-buffers';
import {
  fastRetry,
  jobFor,
  openTestCatalog,
  objectSha256,
  useUploadRig,
  writeRandomFile,
} from './upload-kit';
import { createUploader } from '../../../src/engine/storage/upload/create-uploader';
import { systemClock } from '../../../src/engine/time/clock';

const rig = useUploadRig({ seed: 11 });

describe('read buffers kept from one file and part to the next', () => {
  it('stores every file byte-identical, each checked by its CRC32, through a corrupted PUT', async () => {
    const dir = tempDir('dailies-read-buffers-');
    const db = openTestCatalog(path.join(dir, 'data'));
    rig.open.push(db.catalog);
    // Sizes up and down, so a later file lands in a larger file's kept buffer.
    const sizes = [900_000, 300_000, 1_500_000, 100_000, 2_100_000, 700_000, 1, 1_200_000, 50_000];
    const files = sizes.map((size, index) => {
      const file = path.join(dir, `clip-${index}.mp4`);
      return { file, size, sha256: writeRandomFile(file, size), key: `videos/kept/${index}.mp4` };
    });
    // One file's first PUT is flipped in flight: the store refuses it (BadDigest); that buffer
    // is not lent again while the refused request may still be writing it.
    const corrupted = rig.proxy.addRule({
      fault: { kind: 'corrupt' },
      when: (request) =>
        request.operation === 'PutObject' && request.path.endsWith('/videos/kept/2.mp4'),
      times: 1,
    });
    // PUTs held at the proxy: their bodies are still being written while other files are read.
    rig.proxy.addRule({
      fault: { kind: 'delay', ms: 150 },
      when: (request) => request.operation === 'PutObject',
    });
    // One pool for two uploaders, as sync shares it between its jobs.
    const readBuffers = new ReadBuffers();
    const uploaders = [0, 1].map(() =>
      createUploader({
        client: rig.client,
        sessions: db.sessions,
        retry: fastRetry,
        clock: systemClock,
        readBuffers,
        options: { fileConcurrency: 2 },
      }),
    );
    const outcomes = await Promise.all(
      files.map(({ file, sha256, key, size }, index) =>
        uploaders[index % 2]!.upload(
          jobFor(file, key, sha256, db.addAsset(sha256, size), rig.s3.bucket),
        ),
      ),
    );
    expect(outcomes.every((outcome) => outcome.kind === 'uploaded')).toBe(true);
    expect(corrupted.fired).toBe(1);
    const stats = rig.proxy.stats();
    // Only the corrupted PUT was refused: no body went out with another file's bytes.
    expect(stats.rejected).toEqual({ BadDigest: 1 });
    expect(stats.checksumHeaders.crc32).toBe(stats.byOperation.PutObject);
    for (const { sha256, key } of files)
      expect(await objectSha256(rig.direct, rig.s3.bucket, key)).toBe(sha256);
  });

  it('sends large files whose parts share the pool byte-identical, through a corrupted part', async () => {
    const dir = tempDir('dailies-part-buffers-');
    const db = openTestCatalog(path.join(dir, 'data'));
    rig.open.push(db.catalog);
    const files = [0, 1, 2, 3].map((index) => {
      const file = path.join(dir, `reel-${index}.mp4`);
      const size = 20 * 1024 * 1024 + index * 333_333;
      return { file, size, sha256: writeRandomFile(file, size), key: `videos/parts/${index}.mp4` };
    });
    // Parts answered late: their bodies sit at the proxy while other parts read into the
    // pool. The proxy checks every part's CRC32, so a buffer filled again while a request
    // still held it would come back as another BadDigest.
    const corrupted = rig.proxy.corruptPart(2); // the first rule that matches a request applies
    rig.proxy.addRule({
      fault: { kind: 'delay', ms: 60 },
      when: (request) => request.operation === 'UploadPart',
    });
    const readBuffers = new ReadBuffers(4 * 1024 * 1024);
    const uploader = createUploader({
      client: rig.client,
      sessions: db.sessions,
      retry: fastRetry,
      clock: systemClock,
      readBuffers,
      options: { fileConcurrency: 4, partConcurrency: 3, minPartBytes: 5 * 1024 * 1024 },
    });
    const outcomes = await Promise.all(
      files.map(({ file, sha256, key, size }) =>
        uploader.upload(jobFor(file, key, sha256, db.addAsset(sha256, size), rig.s3.bucket)),
      ),
    );
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(Array(4).fill('uploaded'));
    expect(corrupted.fired).toBe(1);
    expect(rig.proxy.stats().rejected).toEqual({ BadDigest: 1 });
    for (const { sha256, key } of files)
      expect(await objectSha256(rig.direct, rig.s3.bucket, key)).toBe(sha256);
  });

  it('lends a buffer again only after it was released, and keeps at most the bound', () => {
    const buffers = new ReadBuffers(2 * 1024 * 1024);
    const a = buffers.take(900_000);
    const b = buffers.take(900_000);
    expect(a.bytes.length).toBe(900_000);
    expect(a.bytes.buffer).not.toBe(b.bytes.buffer); // both lent: never the same memory
    a.release();
    const c = buffers.take(500_000);
    expect(c.bytes.buffer).toBe(a.bytes.buffer); // released: lent again
    const d = buffers.take(3_000_000); // no kept buffer is large enough: a new one
    expect(d.bytes.buffer).not.toBe(b.bytes.buffer);
    for (const lent of [b, c, d]) lent.release();
    // 1 + 1 MiB kept; the 3 MiB one went over the bound and was let go.
    const e = buffers.take(2_500_000);
    expect(e.bytes.buffer).not.toBe(d.bytes.buffer);
  });

  it('keeps the larger buffer of a small file for the next file after parts filled the pool', () => {
    const MiB = 1024 * 1024;
    const buffers = new ReadBuffers(); // the uploader's default bound
    // Ten files of four parts in flight: three 1 MiB body buffers each, all given back.
    const bodies = Array.from({ length: 40 * 3 }, () => buffers.take(MiB));
    for (const lent of bodies) lent.release();
    // Then a batch of 3 MB sidecars, one after the other, each read whole into a buffer.
    const first = buffers.take(3 * MiB);
    first.release();
    const second = buffers.take(3 * MiB);
    expect(second.bytes.buffer).toBe(first.bytes.buffer);
  });
});
