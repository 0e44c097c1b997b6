import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssetStatus } from '../../src/shared/contract';
import { call, testEngine } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { childSpawnerChannel } from '../../src/engine/media/child-spawner-channel';
import { runTool } from '../../src/engine/media/run-tool';
import { isRunning, realTools, useMediaFixtures } from '../media/media-test-kit';

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
    const statuses = new Set<AssetStatus>();
    const watched: Array<Promise<unknown>> = [];
    engine.subscribe((event) => {
      if (event.name !== 'assets.changed') return;
      for (const id of event.payload.ids)
        watched.push(call(engine, 'assets.get', { id }).then((a) => statuses.add(a.status)));
    });

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
