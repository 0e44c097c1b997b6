import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { DailiesError } from '../../../src/shared/contract';
import { defaultMigrationsDir } from '../../../src/engine/create-engine';
import { openCatalog, type Catalog } from '../../../src/engine/catalog/open-catalog';
import { objectMetadata } from '../../../src/engine/storage/object-metadata';
import { createUploader, type Uploader } from '../../../src/engine/storage/upload/create-uploader';
import { UploadSessionRepository } from '../../../src/engine/catalog/repositories/upload-session-repository';
import type { UploadJob, UploaderOptions } from '../../../src/engine/storage/upload/upload-types';
import type { BandwidthLimiter } from '../../../src/engine/storage/upload/bandwidth-limiter';
import { systemClock, type Clock } from '../../../src/engine/time/clock';
import { startFaultProxy, type FaultProxy } from '../../rig/fault-proxy';
import { silentLogger } from '../../helpers/silent-logger';
import { startS3Server, type S3TestServer } from '../../rig/s3-server';

export const MiB = 1024 * 1024;

/** The real catalog (real migrations) in `dataDir`, with one asset per call of `addAsset`. */
export function openTestCatalog(dataDir: string): {
  catalog: Catalog;
  sessions: UploadSessionRepository;
  addAsset(sha256: string, size: number): number;
} {
  fs.mkdirSync(dataDir, { recursive: true });
  const catalog = openCatalog({
    dataDir,
    migrationsDir: defaultMigrationsDir,
    logger: silentLogger,
  });
  const insert = catalog.sqlite.prepare(
    `INSERT INTO assets (sha256, size_bytes, file_name, extension, title, slug, added_at, updated_at)
     VALUES (?, ?, 'clip.mp4', 'mp4', 'Clip', 'clip', '2026-11-02T10:00:00.000Z', '2026-11-02T10:00:00.000Z')
     ON CONFLICT (sha256) DO UPDATE SET size_bytes = excluded.size_bytes RETURNING id`,
  );
  return {
    catalog,
    sessions: new UploadSessionRepository(catalog.db),
    addAsset: (sha256, size) => (insert.get(sha256, size) as { id: number }).id,
  };
}

/** A file of random bytes, written in 1 MiB chunks; returns its sha256. */
export function writeRandomFile(file: string, size: number): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'w');
  try {
    for (let at = 0; at < size; at += MiB) {
      const block = crypto.randomBytes(Math.min(MiB, size - at));
      hash.update(block);
      fs.writeSync(fd, block);
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export function fileIdentity(file: string): { sizeBytes: number; mtimeMs: number } {
  const stat = fs.statSync(file);
  return { sizeBytes: stat.size, mtimeMs: stat.mtimeMs };
}

/** An upload job for `file` at `key`, with the platform's metadata. */
export function jobFor(
  file: string,
  key: string,
  sha256: string,
  assetId: number,
  bucket: string,
  extra: Partial<UploadJob> = {},
): UploadJob {
  return {
    assetId,
    filePath: file,
    bucket,
    key,
    sha256,
    expected: fileIdentity(file),
    metadata: objectMetadata({
      sha256,
      contentId: 7,
      title: 'Séance du jour',
      description: 'rushes',
      ageRating: 'ALL',
    }),
    ...extra,
  };
}

/** Retries fast in tests: the schedule itself is tested in retry-policy.test.ts. */
export const fastRetry = {
  policy: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 50, maxRetryAfterMs: 50 },
  clock: systemClock,
};

export function testUploader(
  client: S3Client,
  sessions: UploadSessionRepository,
  options: Partial<UploaderOptions> = {},
  extra: { limiter?: BandwidthLimiter; clock?: Clock } = {},
): Uploader {
  return createUploader({
    client,
    sessions,
    retry: fastRetry,
    clock: systemClock,
    ...extra,
    options: { minPartBytes: 5 * MiB, partConcurrency: 3, ...options },
  });
}

/** The sha256 of an object as stored, read back in full with GetObject. */
export async function objectSha256(client: S3Client, bucket: string, key: string): Promise<string> {
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = crypto.createHash('sha256');
  for await (const chunk of object.Body as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/** The DailiesError a promise rejects with; fails the test if it resolves or throws another. */
export async function failure(promise: Promise<unknown>): Promise<DailiesError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DailiesError);
  return error as DailiesError;
}

export interface UploadRig {
  s3: S3TestServer;
  /** In front of the S3 server: checks checksums like S3, injects faults, counts operations. */
  proxy: FaultProxy;
  /** The uploader's client, through the proxy. */
  client: S3Client;
  /** Straight to the S3 server, for looking at what is stored. */
  direct: S3Client;
  /** Catalogs a test opened, closed after it. */
  open: Array<{ close(): void }>;
  /**
   * A second proxy and client of its own, closed after the test: what a resumed run sends is
   * counted there alone, with no late request of a stopped run's sockets arriving among it.
   */
  freshRoute(): Promise<{ proxy: FaultProxy; client: S3Client }>;
}

/**
 * The shared fixture of the uploader test files: an S3 server and a fault proxy (seeded with
 * `seed`) for the file, no proxy rules or stats and no open catalog left after each test.
 * Its fields are usable inside tests and hooks.
 */
export function useUploadRig(options: { seed: number }): UploadRig {
  let started: Omit<UploadRig, 'open' | 'freshRoute'> | undefined;
  const open: UploadRig['open'] = [];
  const routes: FaultProxy[] = [];
  const current = () => {
    if (!started) throw new Error('The upload rig starts in beforeAll: use it inside tests');
    return started;
  };
  beforeAll(async () => {
    const s3 = await startS3Server();
    const proxy = await startFaultProxy({ target: s3.endpoint, mode: 's3', seed: options.seed });
    started = { s3, proxy, client: s3.createClient(proxy.url), direct: s3.createClient() };
  });
  afterAll(async () => {
    await started?.proxy.close();
    await started?.s3.stop();
  });
  afterEach(async () => {
    started?.proxy.clearRules();
    started?.proxy.resetStats();
    for (const catalog of open.splice(0)) catalog.close();
    await Promise.all(routes.splice(0).map((proxy) => proxy.close()));
  });
  return {
    get s3() {
      return current().s3;
    },
    get proxy() {
      return current().proxy;
    },
    get client() {
      return current().client;
    },
    get direct() {
      return current().direct;
    },
    open,
    async freshRoute() {
      const { s3 } = current();
      const proxy = await startFaultProxy({ target: s3.endpoint, mode: 's3', seed: options.seed });
      routes.push(proxy);
      return { proxy, client: s3.createClient(proxy.url) };
    },
  };
}
