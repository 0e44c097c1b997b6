import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { unlinkQuietly } from './disk-layout';
import { digesterFor, type ChecksumAlgorithm } from './s3-checksums';

export interface HashedBytes {
  size: number;
  md5: Buffer;
  checksum: string | undefined;
}

/**
 * Streams `source` into `target` (or only hashes it when target is undefined), computing MD5
 * and optionally one S3 checksum on the way; the file is deleted if anything fails.
 */
export async function hashToFile(
  source: Readable,
  target: string | undefined,
  algorithm: ChecksumAlgorithm | undefined,
): Promise<HashedBytes> {
  const md5 = crypto.createHash('md5');
  const digester = algorithm ? digesterFor(algorithm) : undefined;
  let size = 0;
  const hash = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      md5.update(chunk);
      digester?.update(chunk);
      size += chunk.length;
      done(null, target === undefined ? undefined : chunk);
    },
  });
  try {
    if (target === undefined) {
      await pipeline(source, hash, async (hashed: AsyncIterable<Buffer>) => {
        for await (const _ of hashed) void _;
      });
    } else {
      await pipeline(source, hash, fs.createWriteStream(target, { flags: 'wx' }));
    }
  } catch (error) {
    if (target !== undefined) await unlinkQuietly(target);
    throw error;
  }
  return { size, md5: md5.digest(), checksum: digester?.result() };
}
