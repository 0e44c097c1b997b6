import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssetStatus } from '../../src/shared/contract';
import { call, testEngine } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { childSpawnerChannel } from '../../src/engine/media/child-spawner-channel';
import { runTool } from '../../src/engine/media/run-tool';
import { spawnerKilledAt } from '../helpers/spawner-killed-at';
import { isRunning, parentOrNone, realTools, useMediaFixtures } from '../media/media-test-kit';

const fixtures = useMediaFixtures();

describe('a tool spawner that dies under an analysis', () => {
  it('retries the analysis, which succeeds, and the asset never shows an error', async () => {
    // Long enough that the stills are still running when the spawner is killed.
    const clip = path.join(fixtures().work, 'spawner-death-40s.mp4');
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-y', '-f', 'lavfi'],
      ...['-i', 'testsrc=size=1280x720:rate=25:duration=40'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '250', clip],
    ]);
    let spawns = 0;
    let killed = 0;
    const engine = testEngine({
      jobRetryPolicy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10 },
      onToolSpawn: () => {
        spawns += 1;
        // The first tool is ffprobe; the second renders the stills.
        if (spawns !== 2) return;
        killed = engine.toolLauncher.spawner?.pid ?? 0;
        process.kill(killed, 'SIGKILL');
      },
    });
    const { statuses, watched } = watchStatuses(engine);

    const { assetIds } = await call(engine, 'assets.addPaths', { paths: [clip] });
    await waitForJobsIdle(engine);
    await Promise.all(watched);

    expect(killed).toBeGreaterThan(0);
    const analysis = await call(engine, 'analysis.get', { assetId: assetIds[0]! });
    expect(analysis?.outcome).toBe('analysed');
    const [job] = await call(engine, 'jobs.list', { kind: 'analyse' });
    expect(job).toMatchObject({ state: 'done', attempts: 2 });
    expect((await call(engine, 'assets.get', { id: assetIds[0]! })).status).toBe('ready');
    expect(statuses).not.toContain('error');
    // The second attempt ran through a new spawner.
    expect(engine.toolLauncher.spawner?.pid).not.toBe(killed);
  });
});

describe('a tool spawner that dies under every attempt of an analysis', () => {
  /**
   * An engine whose spawners are killed as they start the given tool on the file (each after
   * ending a run, its -version, so none is held back by the restart backoff), and the tools
   * started from the engine's own process instead.
   */
  function engineWhoseSpawnersDieAt(tool: 'ffprobe' | 'ffmpeg') {
    const killed: number[] = [];
    const direct: number[] = [];
    const engine = testEngine({
      jobRetryPolicy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10 },
      toolSpawner: spawnerKilledAt((message, asked) => {
        const run = message.t === 'pid' ? asked.get(message.id) : undefined;
        const dies =
          run !== undefined && path.basename(run.file) === tool && !run.args.includes('-version');
        if (dies) killed.push(engine.toolLauncher.spawner!.pid!);
        return dies;
      }),
      onToolSpawn: (pid) => {
        if (parentOrNone(pid) === process.pid) direct.push(pid);
      },
    });
    return { engine, killed, direct };
  }

  it('ends ready with its stills: the last attempt starts its tools directly', async () => {
    const { engine, killed, direct } = engineWhoseSpawnersDieAt('ffmpeg');
    const { statuses, watched } = watchStatuses(engine);

    const { assetIds } = await call(engine, 'assets.addPaths', {
      paths: [fixtures().shortClips[0]!],
    });
    await waitForJobsIdle(engine);
    await Promise.all(watched);

    // The stills of the first two attempts died with two spawners; the third made them.
    expect(new Set(killed).size).toBe(2);
    const [job] = await call(engine, 'jobs.list', { kind: 'analyse' });
    expect(job).toMatchObject({ state: 'done', attempts: 3 });
    expect((await call(engine, 'assets.get', { id: assetIds[0]! })).status).toBe('ready');
    expect(statuses).not.toContain('error');
    const analysis = await call(engine, 'analysis.get', { assetId: assetIds[0]! });
    expect(analysis?.outcome).toBe('analysed');
    expect(fs.existsSync(analysis?.thumbnail?.file ?? '')).toBe(true);
    // ffprobe and the stills of the last attempt, children of the engine itself.
    expect(direct).toHaveLength(2);
  });

  it('records what the tools said when the last attempt fails too, not that it is trying again', async () => {
    const { engine, killed, direct } = engineWhoseSpawnersDieAt('ffprobe');
    const { assetIds } = await call(engine, 'assets.addPaths', {
      paths: [fixtures().textAsMp4],
    });
    await waitForJobsIdle(engine);

    expect(new Set(killed).size).toBe(2);
    expect(direct).toHaveLength(1);
    const [job] = await call(engine, 'jobs.list', { kind: 'analyse' });
    expect(job).toMatchObject({ state: 'failed', attempts: 3, error: { code: 'E_NOT_MEDIA' } });
    expect(job?.error?.message).not.toMatch(/trying again/i);
    expect((await call(engine, 'assets.get', { id: assetIds[0]! })).status).toBe('error');
    const analysis = await call(engine, 'analysis.get', { assetId: assetIds[0]! });
    expect(analysis).toMatchObject({ outcome: 'failed', error: { code: 'E_NOT_MEDIA' } });
  });
});

describe('each engine’s own tool spawner', () => {
  it('is not stopped by another engine opening or closing, and closes with its engine', async () => {
    const ffmpeg = await realTools().require('ffmpeg');
    const spawnerOf = async (engine: ReturnType<typeof testEngine>) => {
      await runTool(ffmpeg, ['-v', 'error', '-version'], { launcher: engine.toolLauncher });
      return engine.toolLauncher.spawner!.pid!;
    };
    const first = testEngine();
    const firstSpawner = await spawnerOf(first);
    const second = testEngine({ toolSpawner: childSpawnerChannel });
    const secondSpawner = await spawnerOf(second);
    expect(secondSpawner).not.toBe(firstSpawner);
    await second.dispose();
    expect(await gone(secondSpawner)).toBe(true);
    expect(isRunning(firstSpawner)).toBe(true);
    expect(await spawnerOf(first)).toBe(firstSpawner);
    await first.dispose();
    expect(await gone(firstSpawner)).toBe(true);
  });
});

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && isRunning(pid); i += 1) await new Promise((r) => setTimeout(r, 25));
  return !isRunning(pid);
}

/** Every status the engine's assets show, as it announces them (read until `watched`). */
function watchStatuses(engine: ReturnType<typeof testEngine>) {
  const statuses = new Set<AssetStatus>();
  const watched: Array<Promise<unknown>> = [];
  engine.subscribe((event) => {
    if (event.name !== 'assets.changed') return;
    for (const id of event.payload.ids)
      watched.push(call(engine, 'assets.get', { id }).then((a) => statuses.add(a.status)));
  });
  return { statuses, watched };
}
