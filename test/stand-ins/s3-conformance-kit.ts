import crypto from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithMoto } from '../rig/moto-availability';
import { startS3Server, type S3Backend, type S3TestServer } from '../rig/s3-server';

export const MiB = 1024 * 1024;

/**
 * One operation sequence run against a server; it returns what it observed (statuses, error
 * names, ETags, metadata, listings: never dates or ids) and may assert S3's documented
 * answers itself.
 */
export interface ConformanceCase {
  name: string;
  run(s3: S3TestServer, client: S3Client): Promise<unknown>;
}

/** What a call answered: its mapped value, or the SDK error's name and HTTP status. */
export async function outcome<T>(
  call: Promise<T>,
  pick: (value: T) => unknown = () => 'ok',
): Promise<unknown> {
  try {
    return pick(await call);
  } catch (error) {
    const failure = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    return { error: failure.name, status: failure.$metadata?.httpStatusCode };
  }
}

/** The same pseudo-random bytes on every run and every server, so ETags compare. */
export function bytesOf(seed: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  let block = crypto.createHash('sha256').update(seed).digest();
  for (let at = 0; at < length; at += block.length) {
    block.copy(out, at);
    block = crypto.createHash('sha256').update(block).digest();
  }
  return out;
}

export function md5Etag(bytes: Uint8Array): string {
  return `"${crypto.createHash('md5').update(bytes).digest('hex')}"`;
}

/** S3's multipart ETag from the parts' bytes. */
export function multipartEtag(parts: Uint8Array[]): string {
  const md5 = crypto.createHash('md5');
  for (const part of parts) md5.update(crypto.createHash('md5').update(part).digest());
  return `"${md5.digest('hex')}-${parts.length}"`;
}

export function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * Runs every case against the local store and against moto (same SDK, same client
 * settings), then asserts both observed the same. moto's side follows the rig's rule: skipped
 * with the reason when moto is missing, a failure under CI.
 */
export function runConformance(title: string, cases: ConformanceCase[]): void {
  const observed: Record<S3Backend, Map<string, unknown>> = { local: new Map(), moto: new Map() };
  const suite = (backend: S3Backend) => () => {
    let s3: S3TestServer;
    beforeAll(async () => {
      s3 = await startS3Server({ backend });
    });
    afterAll(async () => {
      await s3?.stop();
    });
    for (const testCase of cases) {
      it(testCase.name, async () => {
        observed[backend].set(testCase.name, await testCase.run(s3, s3.createClient()));
      });
    }
  };
  describe(`${title} (local store)`, suite('local'));
  describeWithMoto(`${title} (moto)`, suite('moto'));
  describeWithMoto(`${title}: the local store answers as moto does`, () => {
    for (const testCase of cases) {
      it(testCase.name, () => {
        expect(observed.local.has(testCase.name)).toBe(true);
        if (process.env.DAILIES_CONFORMANCE_DUMP) {
          console.log(
            JSON.stringify({ case: testCase.name, local: observed.local.get(testCase.name) }),
            JSON.stringify({ moto: observed.moto.get(testCase.name) }),
          );
        }
        expect(observed.local.get(testCase.name)).toEqual(observed.moto.get(testCase.name));
      });
    }
  });
}
