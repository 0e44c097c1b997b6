import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import type { Engine, EngineOptions } from '../../../src/engine/create-engine';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { SessionSecretStore } from '../../../src/engine/secrets/session-secret-store';
import type { Asset, Job, MethodInput } from '../../../src/shared/contract';
import { call, testEngine } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import { tempDir } from '../../helpers/temp-dir';
import { startFaultProxy, type FaultProxy } from '../../rig/fault-proxy';
import { makeClip } from '../../rig/media-fixtures';
import { startPlatformStandIn, type PlatformStandIn } from '../../../src/stand-ins/platform';
import { startS3Server, TEST_CREDENTIALS, type S3TestServer } from '../../rig/s3-server';
import { sessionSecretStore } from '../../profiles/profile-kit';
import { objectSha256 as storedSha256 } from '../upload/upload-kit';
import { syncEngineOptions } from './sync-engine-options';

export const EDITOR = { email: 'editor@example.com', password: 'pipeline-pass-0123' };
export const INTERNAL_TOKEN = 'itk-pipeline-test-0123456789abcdef';
/** Every secret this kit hands the engine, for the tests that look for leaks. */
export const SECRETS = [
  INTERNAL_TOKEN,
  TEST_CREDENTIALS.accessKeyId,
  TEST_CREDENTIALS.secretAccessKey,
  EDITOR.password,
];

export interface SyncRig {
  /**
   * Where the rig's engines keep secrets: this process's memory, so the sync tests run
   * whether or not an OS keychain answers (the keychain has its own tests). A test that is
   * about the keychain passes `{ secrets: keychain.store }` to syncEngine instead.
   */
  secrets: SessionSecretStore;
  platform: PlatformStandIn;
  s3: S3TestServer;
  /** In front of moto: checks checksums like S3 and injects faults. */
  s3Proxy: FaultProxy;
  /** In front of the platform stand-in. */
  platformProxy: FaultProxy;
  /** Lives as long as the rig, for fixtures made once per file. */
  dir: string;
  /** The clips made once for the file (see useSyncRig's `clips`); empty otherwise. */
  clips: string[];
  /**
   * Back to a clean slate between tests: no proxy rules or stats, no secrets, no platform
   * records or requests, an empty bucket and no unfinished uploads in it.
   */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startSyncRig(): Promise<SyncRig> {
  const secrets = sessionSecretStore("the sync tests' memory (this run only)");
  const platform = await startPlatformStandIn({
    internalToken: INTERNAL_TOKEN,
    users: [{ ...EDITOR, name: 'Pipeline Editor' }],
    tokenLifetimeSeconds: 3600,
  });
  const s3 = await startS3Server({ bucket: 'dailies-origin' });
  const s3Proxy = await startFaultProxy({ target: s3.endpoint, mode: 's3', seed: 6 });
  const platformProxy = await startFaultProxy({
    target: new URL(platform.baseUrl).origin,
    mode: 'http',
    seed: 7,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dailies-sync-rig-'));
  const rig: SyncRig = {
    dir,
    clips: [],
    secrets,
    platform,
    s3,
    s3Proxy,
    platformProxy,
    async reset() {
      s3Proxy.clearRules();
      s3Proxy.resetStats();
      platformProxy.clearRules();
      platformProxy.resetStats();
      for (const account of await secrets.list()) await secrets.delete(account);
      platform.store.clear();
      platform.clearRequests();
      await emptyBucket(rig);
      await abortUnfinishedUploads(rig);
    },
    async close() {
      await s3Proxy.close();
      await platformProxy.close();
      await platform.close();
      await s3.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

export interface SyncRigOptions {
  /** The kit's tiny clips to make once for the file (see makeClips), or a maker of others. */
  clips?: number | ((dir: string) => Promise<string[]>);
  /** How long starting the rig and making the clips may take (default 60 s). */
  timeoutMs?: number;
}

/**
 * The shared fixture of the sync test files: starts a rig (platform stand-in, S3, a fault
 * proxy in front of each, a session secret store) before the file's tests, makes its clips
 * once, resets the rig after every test and closes it after the file. The rig it returns is
 * usable inside tests and hooks (not at the file's top level, before it has started).
 */
export function useSyncRig(options: SyncRigOptions = {}): SyncRig {
  let started: SyncRig | undefined;
  const current = (): SyncRig => {
    if (!started) throw new Error('The sync rig starts in beforeAll: use it inside tests');
    return started;
  };
  beforeAll(async () => {
    started = await startSyncRig();
    const { clips = 0 } = options;
    const made =
      typeof clips === 'number' ? await makeClips(clips, started.dir) : await clips(started.dir);
    started.clips.push(...made);
  }, options.timeoutMs ?? 60_000);
  afterEach(() => started?.reset());
  afterAll(() => started?.close());
  return {
    get dir() {
      return current().dir;
    },
    get clips() {
      return current().clips;
    },
    get secrets() {
      return current().secrets;
    },
    get platform() {
      return current().platform;
    },
    get s3() {
      return current().s3;
    },
    get s3Proxy() {
      return current().s3Proxy;
    },
    get platformProxy() {
      return current().platformProxy;
    },
    reset: () => current().reset(),
    close: () => current().close(),
  };
}

/**
 * Tiny distinct clips (1-2 s, 160x120), each with its own tone so no two share a sha256, in
 * `dir` (made in beforeAll: tempDir() is emptied after every test).
 */
export async function makeClips(count: number, dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const files = Array.from({ length: count }, (_, i) =>
    path.join(dir, `take-${String.fromCharCode(97 + i)}.mp4`),
  );
  for (const [i, file] of files.entries())
    await makeClip('ffmpeg', file, 1 + (i % 2), '160x120', 400 + i * 37);
  return files;
}

export function syncEngine(
  rig: SyncRig,
  dataDir = tempDir('dailies-sync-'),
  extra: Partial<EngineOptions> = {},
): Engine {
  return testEngine(syncEngineOptions(dataDir, rig.secrets, extra));
}

/** A profile pointing at the rig's proxies, with its secrets, signed in. */
export async function setUpProfile(
  engine: Engine,
  rig: SyncRig,
  options: {
    token?: string;
    signIn?: boolean;
    /** Fields that differ from the rig's (another bucket, platform, upload settings). */
    profile?: Partial<MethodInput<'profiles.create'>>;
  } = {},
): Promise<string> {
  const profile = await call(engine, 'profiles.create', {
    name: 'Pipeline',
    apiBaseUrl: `${rig.platformProxy.url}/api`,
    bucket: rig.s3.bucket,
    region: rig.s3.region,
    s3Endpoint: rig.s3Proxy.url,
    forcePathStyle: true,
    keyPrefix: '',
    ...options.profile,
  });
  const secret = (
    kind: 'internal-token' | 's3-access-key-id' | 's3-secret-access-key',
    value: string,
  ) => call(engine, 'profiles.setSecret', { profileId: profile.id, kind, value });
  await secret('internal-token', options.token ?? INTERNAL_TOKEN);
  // The server's own pair: moto takes any keys, Dailies' local store only the ones it knows.
  await secret('s3-access-key-id', rig.s3.credentials.accessKeyId);
  await secret('s3-secret-access-key', rig.s3.credentials.secretAccessKey);
  if (options.signIn ?? true)
    await call(engine, 'account.signIn', { profileId: profile.id, ...EDITOR });
  return profile.id;
}

/** Adds the files and waits for their analysis; returns the assets. */
export async function addAnalysed(engine: Engine, files: string[]): Promise<Asset[]> {
  const report = await call(engine, 'assets.addPaths', { paths: files });
  await waitForJobsIdle(engine);
  const assets = await Promise.all(report.assetIds.map((id) => call(engine, 'assets.get', { id })));
  for (const asset of assets)
    if (asset.status !== 'ready') throw new Error(`${asset.fileName} is ${asset.status}`);
  return assets;
}

export async function syncAndWait(engine: Engine, assetIds: number[]): Promise<Job[]> {
  await call(engine, 'sync.enqueue', { assetIds });
  return waitForJobsIdle(engine);
}

/** The sha256 of an object as stored, read back in full (streamed) with GetObject. */
export function objectSha256(rig: SyncRig, key: string): Promise<string> {
  return storedSha256(rig.s3.createClient(), rig.s3.bucket, key);
}

/** Deletes every object in the rig's bucket (moto keeps them in memory). */
export async function emptyBucket(rig: Pick<SyncRig, 's3'>): Promise<void> {
  const client = rig.s3.createClient();
  const listed = await client.send(new ListObjectsV2Command({ Bucket: rig.s3.bucket }));
  for (const object of listed.Contents ?? [])
    await client.send(new DeleteObjectCommand({ Bucket: rig.s3.bucket, Key: object.Key! }));
}

/** Aborts every unfinished multipart upload in the rig's bucket (ours or a colleague's). */
async function abortUnfinishedUploads(rig: Pick<SyncRig, 's3'>): Promise<void> {
  const client = rig.s3.createClient();
  const left = await client.send(new ListMultipartUploadsCommand({ Bucket: rig.s3.bucket }));
  for (const upload of left.Uploads ?? []) {
    await client.send(
      new AbortMultipartUploadCommand({
        Bucket: rig.s3.bucket,
        Key: upload.Key!,
        UploadId: upload.UploadId!,
      }),
    );
  }
}

/** Every secret in `store`, for a child process's engine to start with (see sync-child.ts). */
export async function secretsOf(store: SessionSecretStore): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  for (const account of await store.list()) entries[account] = (await store.get(account))!;
  return entries;
}

export const fileSha256 = (file: string) =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** One content per asset and one video asset per content: nothing was created twice. */
export function expectOneEach(rig: SyncRig, contentIds: Array<number | null>): void {
  expect(contentIds.every((id) => id !== null)).toBe(true);
  expect(
    rig.platform.store
      .contents()
      .map((c) => c.id)
      .sort(),
  ).toEqual([...(contentIds as number[])].sort());
  for (const id of contentIds) expect(rig.platform.store.videoAssets(id!)).toHaveLength(1);
}
