import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import fs from 'node:fs/promises';
import { checkBucketName } from './bucket-handlers';
import { DiskLayout } from './disk-layout';
import { handleRequest, type StoreRuntime } from './handle-request';
import { loadStoreState } from './load-store-state';

export interface S3StoreOptions {
  /** Objects, uploads and the bucket list live here; survives restart. */
  dataDir: string;
  /** Accepted SigV4 keys. */
  credentials: { accessKeyId: string; secretAccessKey: string }[];
  /** Created at start if missing. */
  buckets?: string[];
  /** Default 'us-east-1'. */
  region?: string;
  /** Default 0 (a free port); the host is always 127.0.0.1. */
  port?: number;
  /** Clock for dates and the SigV4 skew check. */
  now?: () => Date;
}

export interface S3Store {
  /** `http://127.0.0.1:PORT`; use path-style requests (`forcePathStyle: true`). */
  endpoint: string;
  port: number;
  region: string;
  /** Closes the server and every connection; resolves once in-flight requests settled. */
  stop(): Promise<void>;
}

/**
 * Starts the local S3-compatible store (README.md says what it does and does not do). It
 * binds 127.0.0.1 only: objects never leave the machine.
 */
export async function startS3Store(options: S3StoreOptions): Promise<S3Store> {
  if (options.credentials.length === 0)
    throw new Error('startS3Store needs at least one credential');
  const region = options.region ?? 'us-east-1';
  const now = options.now ?? (() => new Date());
  const layout = new DiskLayout(path.resolve(options.dataDir));
  await fs.mkdir(layout.root, { recursive: true });
  const state = await loadStoreState(layout);
  for (const bucket of options.buckets ?? []) {
    checkBucketName(bucket);
    await state.createBucket(bucket, now());
  }
  const runtime: StoreRuntime = {
    state,
    layout,
    region,
    now,
    keys: new Map(options.credentials.map((key) => [key.accessKeyId, key.secretAccessKey])),
  };

  const sockets = new Set<Socket>();
  const inflight = new Set<Promise<void>>();
  const server = http.createServer(
    // No request timeout: a 5 GiB part on a slow link is a legitimate request. Idle
    // keep-alive connections stay open a minute, so the SDK's pooled sockets are reused.
    { requestTimeout: 0, keepAliveTimeout: 60_000 },
    (req, res) => {
      const done = handleRequest(runtime, req, res).finally(() => inflight.delete(done));
      inflight.add(done);
    },
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await Promise.allSettled([...inflight]);
    })();
    return stopping;
  };
  return { endpoint: `http://127.0.0.1:${port}`, port, region, stop };
}
