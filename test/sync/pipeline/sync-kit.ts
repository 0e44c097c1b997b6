import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Engine, EngineOptions } from '../../../src/engine/create-engine';
import { expect } from 'vitest';
import type { Asset, Job, MethodInput } from '../../../src/shared/contract';
import { call, testEngine } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import { tempDir } from '../../helpers/temp-dir';
import { startFaultProxy, type FaultProxy } from '../../rig/fault-proxy';
import { makeClip } from '../../rig/media-fixtures';
import { startPlatformStandIn, type PlatformStandIn } from '../../../src/stand-ins/platform';
import { startS3Server, type S3TestServer } from '../../rig/s3-server';
import { testKeychain } from '../../profiles/profile-kit';
import { objectSha256 as storedSha256 } from '../upload/upload-kit';
import { syncEngineOptions } from './sync-engine-options';

export const EDITOR = { email: 'editor@example.com', password: 'pipeline-pass-0123' };
export const INTERNAL_TOKEN = 'itk-pipeline-test-0123456789abcdef';
const KEY_ID = 'AKIAPIPELINETEST0001';
const KEY_SECRET = 'pipeline-test-secret-key-0123456789abcdef';
/** Every secret this kit hands the engine, for the tests that look for leaks. */
export const SECRETS = [INTERNAL_TOKEN, KEY_ID, KEY_SECRET, EDITOR.password];

export interface SyncRig {
  keychain: Awaited<ReturnType<typeof testKeychain>>;
  platform: PlatformStandIn;
  s3: S3TestServer;
  /** In front of moto: checks checksums like S3 and injects faults. */
  s3Proxy: FaultProxy;
  /** In front of the platform stand-in. */
  platformProxy: FaultProxy;
  /** Lives as long as the rig, for fixtures made once per file. */
  dir: string;
  close(): Promise<void>;
}

export async function startSyncRig(): Promise<SyncRig> {
  const keychain = await testKeychain();
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
  return {
    dir,
    keychain,
    platform,
    s3,
    s3Proxy,
    platformProxy,
    async close() {
      await keychain.clean();
      await s3Proxy.close();
      await platformProxy.close();
      await platform.close();
      await s3.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
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
  return testEngine(syncEngineOptions(dataDir, rig.keychain.store, extra));
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
  await secret('s3-access-key-id', KEY_ID);
  await secret('s3-secret-access-key', KEY_SECRET);
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
export async function emptyBucket(rig: SyncRig): Promise<void> {
  const client = rig.s3.createClient();
  const listed = await client.send(new ListObjectsV2Command({ Bucket: rig.s3.bucket }));
  for (const object of listed.Contents ?? [])
    await client.send(new DeleteObjectCommand({ Bucket: rig.s3.bucket, Key: object.Key! }));
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
