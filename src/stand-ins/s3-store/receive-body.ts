import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { unlinkQuietly } from './disk-layout';
import { S3Error } from './s3-error';
import {
  digesterFor,
  requestChecksums,
  type ChecksumAlgorithm,
  type ChecksumRejection,
} from './s3-checksums';

export interface ReceivedBody {
  /** The payload (aws-chunked framing removed), in tmp/; the caller renames or deletes it. */
  tmpPath: string;
  size: number;
  md5: Buffer;
  /** The checksum the request declared (header or trailer), verified against the payload. */
  declared: { algorithm: ChecksumAlgorithm; value: string } | undefined;
  /** The checksum of `compute`, when asked for (an upload's algorithm, whatever was sent). */
  computed: string | undefined;
}

export function rejectionError(rejection: ChecksumRejection): S3Error {
  return new S3Error(400, rejection.code, rejection.message, rejection.details);
}

/**
 * Streams a request body to a new file in tmp/ while hashing it: MD5 (for the ETag), every
 * checksum the headers declare, and optionally `compute`. Only one socket chunk is in memory
 * at a time (the pipeline applies backpressure to the socket). On a checksum mismatch, a
 * malformed aws-chunked body or a connection cut mid-body the file is deleted and the error
 * thrown, so a failed body never leaves bytes behind.
 */
export async function receiveBody(
  req: IncomingMessage,
  tmpPath: string,
  compute?: ChecksumAlgorithm,
): Promise<ReceivedBody> {
  const md5 = crypto.createHash('md5');
  const extra = compute ? digesterFor(compute) : undefined;
  let size = 0;
  let pending: Buffer[] = [];
  const checks = requestChecksums(req.headers, {
    onPayload: (payload) => {
      md5.update(payload);
      extra?.update(payload);
      size += payload.length;
      pending.push(payload);
    },
  });
  if (checks.early) throw rejectionError(checks.early);

  const decode = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      checks.update(chunk);
      const out = pending;
      pending = [];
      for (const payload of out) this.push(payload);
      done();
    },
  });
  try {
    await pipeline(req, decode, fs.createWriteStream(tmpPath, { flags: 'wx' }));
    const rejection = checks.verify();
    if (rejection) throw rejectionError(rejection);
  } catch (error) {
    await unlinkQuietly(tmpPath);
    throw error;
  }
  return {
    tmpPath,
    size,
    md5: md5.digest(),
    declared: checks.declared(),
    computed: extra?.result(),
  };
}
