import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/engine';
import { nextJobState, onJobStates, waitForJobsIdle } from '../../helpers/jobs';
import { tempDir } from '../../helpers/temp-dir';
import { nextEvent } from '../../jobs/jobs-test-kit';
import { MAX_OFFLINE_CYCLES } from '../../../src/engine/sync/sync-holds';
import { drivenClock } from './driven-clock';
import { fastSyncRetry } from './sync-engine-options';
import { addAnalysed, emptyBucket, setUpProfile, useSyncRig } from './sync-kit';
import { testEngine } from '../../helpers/engine';
import { cleanEnv, sessionSecretStore } from '../../profiles/profile-kit';
import { catalogSql } from '../../helpers/catalog';
import type { EventPayload } from '../../../src/shared/contract';

const rig = useSyncRig({ clips: 3 });

function engineOn(
  dataDir: string,
  clock: ReturnType<typeof drivenClock>,
  syncRetryPolicy = fastSyncRetry,
) {
  return testEngine({
    dataDir,
    secrets: rig.secrets,
    env: cleanEnv(),
    syncRetryPolicy,
    clock: clock.clock,
  });
}

const syncJobs = async (engine: ReturnType<typeof testEngine>) =>
  (await call(engine, 'jobs.list', { kind: 'sync' })).sort((a, b) => a.id - b.id);

describe('sync holds', () => {
  it('holds the syncs while offline, probes with backoff, and resumes them by itself, also after a restart', async () => {
    const dataDir = tempDir('dailies-offline-');
    const time = drivenClock();
    const engine = engineOn(dataDir, time);
    const profileId = await setUpProfile(engine, rig);
    const assets = await addAnalysed(engine, rig.clips);
    // The network goes: every connection to the bucket and the platform is reset.
    rig.s3Proxy.addRule({ fault: { kind: 'drop' } });
    rig.platformProxy.addRule({ fault: { kind: 'drop' } });
    await call(engine, 'sync.enqueue', { assetIds: assets.map((a) => a.id) });
    expect(await time.someoneAsleep(), 'the first probe waits 5 s').toBe(5_000);
    await waitForJobsIdle(engine);

    const held = await syncJobs(engine);
    expect(held.map((job) => job.state)).toEqual(['paused', 'paused', 'paused']);
    expect(held.some((job) => job.error?.code === 'E_NETWORK')).toBe(true);
    const overview = await call(engine, 'sync.overview', {});
    expect(overview.failed).toBe(0);
    expect(overview.holds).toEqual([
      expect.objectContaining({ profileId, reason: 'offline', until: expect.any(String) }),
    ]);
    expect(overview.holds[0]!.message).toMatch(/cannot be reached/);
    // The editor pauses one of them: Dailies must leave that one alone.
    const editorPaused = held[2]!.id;
    expect(await call(engine, 'jobs.pause', { ids: [editorPaused] })).toEqual({ changed: 1 });

    // Still offline: the probe fails and waits twice as long.
    time.wakeAll();
    await nextSleep(time, 2);
    expect(time.requested).toEqual([5_000, 10_000]);
    await engine.dispose();

    // Back online, and Dailies starts again: the holds are in the catalog, the probe runs.
    rig.s3Proxy.clearRules();
    rig.platformProxy.clearRules();
    const again = engineOn(dataDir, time);
    expect((await call(again, 'sync.overview', {})).holds).toEqual([
      expect.objectContaining({ profileId, reason: 'offline' }),
    ]);
    await time.someoneAsleep();
    const resumed = nextJobState(again, (job) => job.state === 'queued');
    time.wakeAll();
    await resumed;
    await waitForJobsIdle(again);
    const after = await syncJobs(again);
    expect(after.map((job) => [job.id, job.state])).toEqual([
      [held[0]!.id, 'done'],
      [held[1]!.id, 'done'],
      [editorPaused, 'paused'],
    ]);
    expect((await call(again, 'sync.overview', {})).holds).toEqual([]);
  });

  it('fails a job that keeps failing on the network while the bucket and platform answer, after a bounded number of holds', async () => {
    const time = drivenClock();
    // Each step gives up after two tries: six rounds of holding stay quick.
    const engine = engineOn(tempDir('dailies-offline-loop-'), time, {
      ...fastSyncRetry,
      maxAttempts: 2,
    });
    await setUpProfile(engine, rig);
    const [asset] = await addAnalysed(engine, [rig.clips[0]!]);
    await emptyBucket(rig); // an object already there would not be sent at all
    // Only the object's upload is cut: the probe's health check and HeadBucket get through.
    rig.s3Proxy.addRule({ when: (r) => r.operation === 'PutObject', fault: { kind: 'drop' } });
    // Ends the loop below whichever way the job ends, so a wrong outcome fails, never hangs.
    const finished = nextEvent(
      engine,
      'job.changed',
      (job) => job.kind === 'sync' && (job.state === 'failed' || job.state === 'done'),
    );
    let ended = false;
    void finished.then(() => (ended = true));
    await call(engine, 'sync.enqueue', { assetIds: [asset!.id] });

    let holds = 0;
    for (;;) {
      await Promise.race([time.someoneAsleep(), finished]);
      if (ended) break;
      holds += 1;
      expect(holds, 'held no more often than the bound').toBeLessThanOrEqual(MAX_OFFLINE_CYCLES);
      time.wakeAll(); // the probe finds both ends up and releases the job
    }
    expect((await finished).state).toBe('failed');
    expect(holds).toBe(MAX_OFFLINE_CYCLES);
    const [status] = await call(engine, 'sync.status', { assetIds: [asset!.id] });
    expect(status).toMatchObject({ jobState: 'failed', lastError: { code: 'E_NETWORK' } });
    expect(status!.lastError!.message).toMatch(/kept failing .* stopped trying/);
    expect((await call(engine, 'sync.overview', {})).holds).toEqual([]);
  });

  it('waits for the upload window without uploading or spending retries, then syncs', async () => {
    const time = drivenClock();
    const noon = new Date();
    noon.setHours(12, 0, 0, 0);
    time.setNow(noon.getTime());
    const engine = engineOn(tempDir('dailies-window-'), time);
    const profileId = await setUpProfile(engine, rig);
    const [asset] = await addAnalysed(engine, [rig.clips[0]!]);
    const profile = await call(engine, 'profiles.get', { id: profileId });
    await call(engine, 'profiles.update', {
      id: profileId,
      patch: { upload: { ...profile.upload, timeWindow: '20:00-07:00' } },
    });
    rig.s3Proxy.resetStats();
    const waiting = nextEvent(engine, 'sync.progress', (p) => p.activity.startsWith('waiting'));
    await call(engine, 'sync.enqueue', { assetIds: [asset!.id] });
    expect((await waiting).activity).toBe('waiting for the upload window (opens 20:00)');
    await time.someoneAsleep();

    const opens = new Date(noon);
    opens.setHours(20);
    expect((await call(engine, 'sync.overview', {})).holds).toEqual([
      {
        profileId,
        reason: 'window',
        message: expect.stringContaining('opens 20:00'),
        until: opens.toISOString(),
      },
    ]);
    expect(rig.s3Proxy.stats().requests, 'nothing sent to the bucket').toBe(0);

    time.setNow(opens.getTime() + 1_000);
    time.wakeAll();
    const [job] = await waitForJobsIdle(engine).then((jobs) =>
      jobs.filter((j) => j.kind === 'sync'),
    );
    expect(job).toMatchObject({ state: 'done', attempts: 1 });
    expect((await call(engine, 'sync.overview', {})).holds).toEqual([]);
  });
});

describe('releasing many held uploads', () => {
  it("resumes them without the progress strip of an editor's resume", async () => {
    const engine = testEngine({ startWork: false, secrets: sessionSecretStore() });
    const profile = await call(engine, 'profiles.create', {
      name: 'Festival',
      apiBaseUrl: 'https://platform.example.com',
      bucket: 'festival',
      region: 'eu-west-1',
    });
    // More held uploads than one step of a resume takes, all held for a refused token.
    const held = 300;
    const hold = JSON.stringify({
      code: 'E_PLATFORM_AUTH',
      message: 'The token was refused.',
      retryable: false,
      details: { hold: 'auth' },
    });
    const sql = catalogSql(engine);
    const insert = sql.prepare(
      `INSERT INTO jobs (kind, spec_json, state, error_json, created_at, updated_at)
       VALUES ('sync', json_object('kind', 'sync', 'assetId', ?, 'profileId', ?), 'paused', ?, ?, ?)`,
    );
    const at = new Date().toISOString();
    sql.transaction(() => {
      for (let assetId = 1; assetId <= held; assetId += 1)
        insert.run(assetId, profile.id, hold, at, at);
    })();
    const progress: Array<EventPayload<'bulk.progress'>> = [];
    let queued = 0;
    let allQueued!: () => void;
    const released = new Promise<void>((resolve) => (allQueued = resolve));
    engine.subscribe((event) => {
      if (event.name === 'bulk.progress') progress.push(event.payload);
    });
    onJobStates(engine, (job) => {
      if (job.state !== 'queued') return;
      queued += 1;
      if (queued === held) allQueued();
    });

    // The editor stores a new token: Dailies releases the holds by itself.
    await call(engine, 'profiles.setSecret', {
      profileId: profile.id,
      kind: 'internal-token',
      value: 'a-new-token',
    });
    await released;
    expect((await call(engine, 'sync.overview', {})).holds).toEqual([]);
    expect(progress).toEqual([]);

    // The editor's own pause and resume of as many do show how far they are.
    const ids = Array.from({ length: held }, (_, index) => index + 1);
    await call(engine, 'jobs.pause', { ids });
    expect(await call(engine, 'jobs.resume', { ids })).toEqual({ changed: held });
    expect(progress.at(-1)).toEqual({
      runId: expect.any(String),
      operation: 'jobs.resume',
      done: held,
      total: held,
    });
  });
});

/** Waits until the clock has been asked for `count` sleeps in all. */
async function nextSleep(time: ReturnType<typeof drivenClock>, count: number) {
  while (time.requested.length < count) await time.someoneAsleep().then(() => undefined);
}
