import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { call, testEngine } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { copyOf, isRunning, useMediaFixtures } from '../media/media-test-kit';
import { assetsByName, hungFfmpeg, nextEvent, spawnWatch } from './jobs-test-kit';

const fixtures = useMediaFixtures();

describe('controlling the job queue', () => {
  it('pause stops the work (a running job included) and resume finishes it', async () => {
    const engine = testEngine();
    await call(engine, 'settings.set', { analysisConcurrency: 1 });
    const started = nextEvent(engine, 'job.changed', (job) => job.state === 'running');
    await call(engine, 'assets.addPaths', { paths: fixtures().shortClips });
    await started;

    const paused = await call(engine, 'jobs.pause', { all: true });
    expect(paused.changed).toBe(3);
    const jobs = await call(engine, 'jobs.list', {});
    expect(jobs.map((job) => job.state)).toEqual(['paused', 'paused', 'paused']);
    // Nothing is left in the 'analysing' state while paused.
    await waitForJobsIdle(engine);
    const statuses = [...(await assetsByName(engine)).values()].map((a) => a.status);
    expect(statuses).not.toContain('analysing');
    expect(statuses).not.toContain('ready');

    expect((await call(engine, 'jobs.resume', { all: true })).changed).toBe(3);
    const finished = await waitForJobsIdle(engine);
    expect(finished.map((job) => job.state)).toEqual(['done', 'done', 'done']);
    const after = [...(await assetsByName(engine)).values()].map((a) => a.status);
    expect(after).toEqual(['ready', 'ready', 'ready']);
  });

  it('cancel kills the running ffmpeg, and retry runs the job again to the end', async () => {
    const spawns = spawnWatch();
    const engine = testEngine({ onToolSpawn: spawns.onToolSpawn });
    await call(engine, 'settings.set', { ffmpegPath: hungFfmpeg(fixtures().work) });
    const { assetIds } = await call(engine, 'assets.addPaths', {
      paths: [fixtures().shortClips[1]!],
    });
    // ffprobe, then the (hung) ffmpeg.
    const ffmpegPid = await spawns.nth(2);
    expect(isRunning(ffmpegPid)).toBe(true);
    const [job] = await call(engine, 'jobs.list', { state: 'running' });

    const settled = nextEvent(engine, 'assets.changed', (change) =>
      change.ids.includes(assetIds[0]!),
    );
    expect(await call(engine, 'jobs.cancel', { ids: [job!.id] })).toEqual({ changed: 1 });
    await settled; // the runner has wound down: its child exited and was reaped
    expect(isRunning(ffmpegPid)).toBe(false);
    expect((await call(engine, 'jobs.list', {}))[0]).toMatchObject({ state: 'cancelled' });
    expect(await call(engine, 'assets.get', { id: assetIds[0]! })).toMatchObject({
      status: 'new',
      needsAnalysis: true,
    });

    await call(engine, 'settings.set', { ffmpegPath: null });
    expect(await call(engine, 'jobs.retry', { ids: [job!.id] })).toEqual({ changed: 1 });
    const [retried] = await waitForJobsIdle(engine);
    expect(retried).toMatchObject({ id: job!.id, state: 'done', attempts: 1, error: null });
    expect(await call(engine, 'assets.get', { id: assetIds[0]! })).toMatchObject({
      status: 'ready',
    });
    expect(spawns.pids.filter(isRunning)).toEqual([]);
  });

  it('a job that was running when the engine stopped is queued again at start and finishes, the restart not counted as an attempt', async () => {
    const spawns = spawnWatch();
    const first = testEngine({
      onToolSpawn: spawns.onToolSpawn,
      env: { ...process.env, DAILIES_FFMPEG: hungFfmpeg(fixtures().work) },
    });
    const file = copyOf(fixtures().shortClips[0]!, fixtures().work, 'restart.mp4');
    const { assetIds } = await call(first, 'assets.addPaths', { paths: [file] });
    const ffmpegPid = await spawns.nth(2);
    await first.dispose();
    expect(isRunning(ffmpegPid)).toBe(false);
    const db = new Database(path.join(first.dataDir, 'catalog.db'), { readonly: true });
    expect(db.prepare('SELECT id, state FROM jobs').all()).toEqual([{ id: 1, state: 'running' }]);
    db.close();

    const second = testEngine({ dataDir: first.dataDir });
    const [job] = await waitForJobsIdle(second);
    // The run the stop interrupted is not an attempt: only the one that finished counts.
    expect(job).toMatchObject({ id: 1, state: 'done', attempts: 1 });
    expect(await call(second, 'assets.get', { id: assetIds[0]! })).toMatchObject({
      status: 'ready',
    });
  });

  it('retries a failed job on request; the file is still what it was, so it fails the same way', async () => {
    const engine = testEngine();
    await call(engine, 'assets.addPaths', { paths: [fixtures().textAsMp4] });
    const [failed] = await waitForJobsIdle(engine);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'E_NOT_MEDIA' } });
    expect(await call(engine, 'jobs.retry', { all: true })).toEqual({ changed: 1 });
    const [again] = await waitForJobsIdle(engine);
    expect(again).toMatchObject({ id: failed!.id, state: 'failed', attempts: 1 });
    expect(await call(engine, 'jobs.retry', { all: true, kind: 'analyse' })).toEqual({
      changed: 1,
    });
    // Done jobs are not retried, and cancel leaves finished jobs alone.
    await waitForJobsIdle(engine);
    expect(await call(engine, 'jobs.cancel', { all: true })).toEqual({ changed: 0 });
  });
});
