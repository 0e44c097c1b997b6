import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src/shared/contract';
import { stillFiles, STILLS_DIR } from '../../src/shared/media-urls';
import { call, testEngine } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { isRunning, useMediaFixtures } from '../media/media-test-kit';
import { assetsByName, spawnWatch } from './jobs-test-kit';

const fixtures = useMediaFixtures();

const healthy = (f: ReturnType<typeof fixtures>) => [
  ...f.shortClips,
  f.hd1080,
  f.underFiveSeconds,
  f.rotatedPortrait,
  f.mov,
  f.mkv,
  f.withSpaces,
  f.nonAscii,
];

describe('analysis on the job queue', () => {
  it('analyses a folder of every fixture kind: ready with stills, or a classified error, and the batch goes on', async () => {
    const spawns = spawnWatch();
    const engine = testEngine({ onToolSpawn: spawns.onToolSpawn });
    const progress: Array<EventPayload<'job.progress'>> = [];
    engine.subscribe((event) => {
      if (event.name === 'job.progress') progress.push(event.payload);
    });
    const f = fixtures();
    // The audio-only .m4a is ingested without any setting and flagged at analysis.

    const report = await call(engine, 'assets.addPaths', { paths: [f.dir] });
    const jobs = await waitForJobsIdle(engine);
    expect(jobs).toHaveLength(report.assetIds.length);

    const assets = await assetsByName(engine);
    for (const file of healthy(f)) {
      const asset = assets.get(path.basename(file))!;
      expect(asset, file).toMatchObject({ status: 'ready', needsAnalysis: false });
      expect(asset.stills).toMatchObject({ filmstrip: true });
      const dir = path.join(engine.dataDir, STILLS_DIR, String(asset.id));
      for (const name of Object.values(stillFiles))
        expect(fs.existsSync(path.join(dir, name))).toBe(true);
      const analysis = await call(engine, 'analysis.get', { assetId: asset.id });
      expect(analysis).toMatchObject({ outcome: 'analysed', current: true, error: null });
      expect(analysis?.filmstrip?.tiles).toHaveLength(20);
      expect(analysis?.delivery?.ruleSet).toBe('Platform default');
    }
    expect(assets.get(path.basename(f.hd1080))).toMatchObject({
      codec: 'h264',
      width: 1920,
      height: 1080,
      resolutionClass: '1080p',
    });
    expect(
      (await call(engine, 'analysis.get', { assetId: assets.get(path.basename(f.hd1080))!.id }))
        ?.delivery,
    ).toMatchObject({ verdict: 'pass', findings: [] });

    const broken: Array<[string, string]> = [
      [f.audioOnly, 'E_NO_VIDEO'],
      [f.zeroBytes, 'E_ZERO_BYTES'],
      [f.truncated, 'E_TRUNCATED'],
      [f.textAsMp4, 'E_NOT_MEDIA'],
    ];
    for (const [file, code] of broken) {
      const asset = assets.get(path.basename(file))!;
      expect(asset, file).toMatchObject({ status: 'error', stills: null });
      const analysis = await call(engine, 'analysis.get', { assetId: asset.id });
      expect(analysis, file).toMatchObject({ outcome: 'failed', error: { code } });
      const job = jobs.find((j) => j.spec.kind === 'analyse' && j.spec.assetId === asset.id);
      expect(job, file).toMatchObject({ state: 'failed', error: { code } });
    }
    // Audio only is catalogued and flagged, with what the probe found.
    const audio = assets.get(path.basename(f.audioOnly))!;
    expect(audio.durationSeconds).toBeGreaterThan(3);
    const audioAnalysis = await call(engine, 'analysis.get', { assetId: audio.id });
    expect(audioAnalysis?.mediaInfo?.audio).toHaveLength(1);
    expect(audioAnalysis?.delivery).toMatchObject({
      verdict: 'fail',
      findings: expect.arrayContaining([expect.objectContaining({ rule: 'video' })]),
    });

    // Live progress: stage, percent and the file, ending at 100 for every job that ran.
    const done = jobs.filter((job) => job.state === 'done');
    for (const job of done) {
      const events = progress.filter((p) => p.jobId === job.id);
      expect(events.at(-1)).toMatchObject({ stage: 'done', percent: 100 });
      expect(events.every((p) => p.file !== null && p.kind === 'analyse')).toBe(true);
    }
    expect([...new Set(progress.map((p) => p.stage))]).toEqual(
      expect.arrayContaining(['stat', 'done']),
    );
    expect(spawns.pids.filter(isRunning)).toEqual([]);

    // Rescanning the unchanged folder queues nothing.
    await call(engine, 'assets.addPaths', { paths: [f.dir] });
    expect(await call(engine, 'jobs.list', {})).toHaveLength(jobs.length);
  });

  it('sends at most one progress event per interval per job, and always the last', async () => {
    const engine = testEngine({ jobProgressIntervalMs: 600_000 });
    const progress: Array<EventPayload<'job.progress'>> = [];
    engine.subscribe((event) => {
      if (event.name === 'job.progress') progress.push(event.payload);
    });
    await call(engine, 'assets.addPaths', { paths: fixtures().shortClips });
    const jobs = await waitForJobsIdle(engine);
    expect(jobs.map((job) => job.state)).toEqual(['done', 'done', 'done']);
    for (const job of jobs) {
      // analyseFile reports five stages; the throttle lets the first and the final through.
      expect(progress.filter((p) => p.jobId === job.id).map((p) => p.percent)).toEqual([0, 100]);
    }
  });

  it('re-analyses only when asked with force, and a file that changed when it is queued again', async () => {
    const engine = testEngine();
    const dir = fixtures().work;
    const file = path.join(dir, 'changing.mp4');
    fs.copyFileSync(fixtures().shortClips[0]!, file);
    const { assetIds } = await call(engine, 'assets.addPaths', { paths: [file] });
    await waitForJobsIdle(engine);
    const id = assetIds[0]!;
    const first = await call(engine, 'analysis.get', { assetId: id });

    expect(await call(engine, 'analysis.start', { assetIds: [id] })).toEqual({
      queued: 0,
      jobIds: [],
    });
    const forced = await call(engine, 'analysis.start', { assetIds: [id], force: true });
    expect(forced.queued).toBe(1);
    await waitForJobsIdle(engine);
    const second = await call(engine, 'analysis.get', { assetId: id });
    expect(second!.analysedAt >= first!.analysedAt).toBe(true);
    const asset = await call(engine, 'assets.get', { id });
    expect(asset.stills!.version).toBe(Date.parse(second!.analysedAt));

    // New content at the same path: ingest flags it and the analysis follows by itself.
    fs.copyFileSync(fixtures().shortClips[2]!, file);
    await call(engine, 'assets.addPaths', { paths: [file] });
    await waitForJobsIdle(engine);
    const third = await call(engine, 'analysis.get', { assetId: id });
    expect(third).toMatchObject({ current: true, outcome: 'analysed' });
    expect(third!.mediaInfo!.durationSeconds).toBeGreaterThan(7);
    fs.rmSync(file);
  });
});
