import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/create-engine';
import { call } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import { tempDir } from '../../helpers/temp-dir';
import type { ProxiedRequest } from '../../rig/fault-proxy';
import { padClip } from './padded-clip';
import { atRequest } from './proxy-trigger';
import { spawnSyncChild } from './sync-child-process';
import {
  addAnalysed,
  expectOneEach,
  objectSha256,
  secretsOf,
  setUpProfile,
  syncEngine,
  useSyncRig,
} from './sync-kit';

const MiB = 1024 * 1024;
const PART_BYTES = 8 * MiB;
const PART_CONCURRENCY = 3;
const uploaderOptions = {
  minPartBytes: PART_BYTES,
  maxPartBytes: PART_BYTES,
  partConcurrency: PART_CONCURRENCY,
};
/** The clip plus padding: 200 MiB in 25 parts of 8 MiB, the last one short. */
const PADDING = 200 * MiB - 200_000;
const STOP_AT_PART_REQUEST = 10;

const rig = useSyncRig({ clips: 1 });
const isPart = (request: ProxiedRequest) => request.operation === 'UploadPart';

/** A fresh 200 MiB asset, analysed, on a data dir whose engine is handed back open. */
async function largeAsset(dataDir: string) {
  const file = path.join(tempDir('dailies-large-'), 'reel-large.mp4');
  const sha256 = padClip(rig.clips[0]!, file, PADDING);
  const engine = syncEngine(rig, dataDir, { uploaderOptions });
  await setUpProfile(engine, rig);
  const [asset] = await addAnalysed(engine, [file]);
  expect(asset!.sha256).toBe(sha256);
  return { engine, asset: asset!, partsTotal: Math.ceil(asset!.sizeBytes / PART_BYTES) };
}

/**
 * A second engine on the same data dir finishes the sync: it resumes the recorded upload
 * (no new CreateMultipartUpload), sends only what is missing, and the result is whole.
 */
async function finishAndCheck(dataDir: string, assetId: number, partsTotal: number) {
  const sentBefore = rig.s3Proxy.stats().byOperation.UploadPart ?? 0;
  rig.s3Proxy.clearRules();
  rig.s3Proxy.resetStats();
  const engine = syncEngine(rig, dataDir, { uploaderOptions });
  const jobs = await waitForJobsIdle(engine);
  expect(jobs.filter((job) => job.kind === 'sync').map((job) => job.state)).toEqual(['done']);
  const after = rig.s3Proxy.stats().byOperation;
  const sentAfter = after.UploadPart ?? 0;
  expect(after.CreateMultipartUpload).toBeUndefined();
  expect(after.ListParts).toBe(1);
  // It resumed (fewer than all parts again) and, beyond the parts in flight when it stopped,
  // no part went twice.
  expect(sentAfter).toBeLessThanOrEqual(partsTotal - (STOP_AT_PART_REQUEST - PART_CONCURRENCY));
  expect(sentBefore + sentAfter).toBeLessThanOrEqual(partsTotal + PART_CONCURRENCY);

  const asset = await call(engine, 'assets.get', { id: assetId });
  expect(asset.status).toBe('synced');
  expectOneEach(rig, [asset.contentId]);
  const [status] = await call(engine, 'sync.status', { assetIds: [assetId] });
  expect(await objectSha256(rig, status!.videoKey!)).toBe(asset.sha256);
  return { engine, sentBefore, sentAfter };
}

describe('a large sync interrupted mid-upload', () => {
  it('finishes after the engine is disposed, re-sending only parts that were in flight', async () => {
    const dataDir = tempDir('dailies-disposed-');
    const { engine, asset, partsTotal } = await largeAsset(dataDir);
    const reached = new Promise<void>((resolve) => {
      atRequest(rig.s3Proxy, isPart, STOP_AT_PART_REQUEST, resolve);
    });
    await call(engine, 'sync.enqueue', { assetIds: [asset.id] });
    await reached;
    await engine.dispose();
    expect(rig.platform.store.videoAssets()).toEqual([]);

    const figures = await finishAndCheck(dataDir, asset.id, partsTotal);
    console.info('disposed mid-upload:', { partsTotal, ...pick(figures) });
  });

  it('finishes after the engine’s process is killed with SIGKILL', async () => {
    const dataDir = tempDir('dailies-killed-');
    const { engine, asset, partsTotal } = await largeAsset(dataDir);
    await engine.dispose(); // the child takes the data dir
    const child = spawnSyncChild({
      dataDir,
      secrets: await secretsOf(rig.secrets),
      assetIds: [asset.id],
      uploaderOptions,
    });
    atRequest(rig.s3Proxy, isPart, STOP_AT_PART_REQUEST, () => child.process.kill('SIGKILL'), {
      drop: true,
    });
    expect(await child.exited, child.errors()).toBe('SIGKILL');
    expect(child.output()).not.toContain('finished');
    expect(rig.platform.store.videoAssets()).toEqual([]);

    const figures = await finishAndCheck(dataDir, asset.id, partsTotal);
    console.info('killed mid-upload:', { partsTotal, ...pick(figures) });
  });

  it('ends with one content when killed between POST /v1/contents and recording its id', async () => {
    const dataDir = tempDir('dailies-killed-post-');
    const setup = syncEngine(rig, dataDir);
    await setUpProfile(setup, rig);
    const [asset] = await addAnalysed(setup, [rig.clips[0]!]);
    await setup.dispose();
    const child = spawnSyncChild({
      dataDir,
      secrets: await secretsOf(rig.secrets),
      assetIds: [asset!.id],
    });
    // The platform creates the content but its answer never arrives; the child, looking for
    // the content it may have created, dies before it can record the id.
    const isCreate = (r: ProxiedRequest) => r.method === 'POST' && r.path === '/api/v1/contents';
    const isList = (r: ProxiedRequest) => r.method === 'GET' && r.path === '/api/v1/contents';
    rig.platformProxy.addRule({ when: isCreate, fault: { kind: 'cut', afterBytes: 0 }, times: 1 });
    atRequest(rig.platformProxy, isList, 1, () => child.process.kill('SIGKILL'), { drop: true });
    expect(await child.exited, child.errors()).toBe('SIGKILL');
    expect(rig.platform.store.contents()).toHaveLength(1);

    rig.platformProxy.clearRules();
    const engine: Engine = syncEngine(rig, dataDir);
    await waitForJobsIdle(engine);
    const synced = await call(engine, 'assets.get', { id: asset!.id });
    expect(synced.status).toBe('synced');
    expectOneEach(rig, [synced.contentId]);
    const creates = rig.platform.requests.filter(
      (r) => r.method === 'POST' && r.url === '/api/v1/contents',
    );
    expect(creates).toHaveLength(1);
  });
});

function pick(figures: { sentBefore: number; sentAfter: number }) {
  return { sentBefore: figures.sentBefore, sentAfter: figures.sentAfter };
}
