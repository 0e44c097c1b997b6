import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoudnessAlongside } from '../../src/engine/analysis/loudness-alongside';
import { checkDelivery } from '../../src/engine/media/delivery-check';
import { measureLoudness } from '../../src/engine/media/measure-loudness';
import { probe } from '../../src/engine/media/probe';
import { ToolLauncher } from '../../src/engine/media/tool-launcher';
import { isToolLaunchFailure } from '../../src/engine/media/tool-spawner';
import { systemClock } from '../../src/engine/time/clock';
import { deliveryRuleSetSchema } from '../../src/shared/contract/media';
import { call, testEngine } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { spawnerKilledAt } from '../helpers/spawner-killed-at';
import { isRunning, realTools, useMediaFixtures } from '../media/media-test-kit';
import { tempDir } from '../helpers/temp-dir';

const fixtures = useMediaFixtures();

const loudnessRules = {
  name: 'Broadcast loudness',
  loudness: { minLufs: -24, maxLufs: -22 },
};

/** An engine whose default rule set asks for loudness, and every tool process it starts. */
async function loudnessEngine() {
  const spawned: number[] = [];
  const engine = testEngine({ onToolSpawn: (pid) => spawned.push(pid) });
  await call(engine, 'deliveryRules.save', { rules: loudnessRules, makeDefault: true });
  return { engine, spawned };
}

describe('loudness measured alongside the stills', () => {
  it('records the figure and verdict the measurement on its own gives, sound or none', async () => {
    const { engine } = await loudnessEngine();
    const withSound = fixtures().shortClips[1]!;
    const noSound = path.join(fixtures().work, 'alongside-no-sound.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', withSound, '-an', '-c', 'copy', noSound]);
    const { assetIds } = await call(engine, 'assets.addPaths', { paths: [withSound, noSound] });
    await waitForJobsIdle(engine);

    const rules = deliveryRuleSetSchema.parse(loudnessRules);
    for (const [index, file] of [withSound, noSound].entries()) {
      const alone = await measureLoudness('ffmpeg', file);
      const analysis = await call(engine, 'analysis.get', { assetId: assetIds[index]! });
      expect(analysis?.outcome, file).toBe('analysed');
      expect(analysis?.loudnessLufs ?? null, file).toBe(alone?.integratedLufs ?? null);
      const info = await probe('ffprobe', file, fs.statSync(file).size);
      expect(analysis?.delivery, file).toEqual(checkDelivery(info, rules, alone));
    }
    expect((await measureLoudness('ffmpeg', withSound))?.integratedLufs).toEqual(
      expect.any(Number),
    );
  });

  it('stops the loudness run of a file whose stills fail, and records no figure', async () => {
    const { engine, spawned } = await loudnessEngine();
    // A cut Matroska file probes as video but its last second does not decode (stills fail).
    const source = fs.readFileSync(fixtures().mkv);
    const cut = path.join(fixtures().work, 'alongside-cut.mkv');
    fs.writeFileSync(cut, source.subarray(0, Math.floor(source.length * 0.6)));
    const { assetIds } = await call(engine, 'assets.addPaths', { paths: [cut] });
    await waitForJobsIdle(engine);

    const analysis = await call(engine, 'analysis.get', { assetId: assetIds[0]! });
    expect(analysis?.outcome).toBe('failed');
    expect(analysis?.error?.code).toBe('E_TRUNCATED');
    expect(analysis?.loudnessLufs).toBeNull();
    // ffprobe, the stills and the loudness run: each one ended, none left behind.
    expect(spawned.length).toBeGreaterThanOrEqual(3);
    for (const pid of spawned) expect(isRunning(pid), `pid ${pid}`).toBe(false);
  });

  it('fails its attempt, rather than reading "not measured", when its spawner dies under it', async () => {
    const launcher = new ToolLauncher(
      spawnerKilledAt((message) => message.t === 'pid'),
      systemClock,
    );
    try {
      const measuring = new LoudnessAlongside(
        { tools: realTools(), launcher },
        fixtures().shortClips[1]!,
        new AbortController().signal,
      );
      await expect(measuring.result()).rejects.toSatisfy(isToolLaunchFailure);
    } finally {
      launcher.close();
    }
  });

  it('gives up on an ffmpeg that never finishes, within the analysis time limit, as "not measured"', async () => {
    // A loudness pass that hangs (a broken file, a stalled share) must not hold the analysis
    // at "delivery" for ever: it gets the same limit as the probe and the stills.
    const dir = tempDir('dailies-loudness-hung-');
    const hung = path.join(dir, 'ffmpeg-that-never-ends');
    fs.writeFileSync(hung, '#!/bin/sh\nexec sleep 86400\n', { mode: 0o755 });
    const spawned: number[] = [];
    try {
      const measuring = new LoudnessAlongside(
        {
          tools: { require: () => Promise.resolve(hung) },
          onSpawn: (pid) => spawned.push(pid),
          timeouts: { baseMs: 300, msPerMegabyte: 0 },
        },
        fixtures().shortClips[1]!,
        new AbortController().signal,
      );
      await expect(measuring.result()).resolves.toBeUndefined();
      expect(spawned).toHaveLength(1);
      expect(isRunning(spawned[0]!)).toBe(false);
    } finally {
      for (const pid of spawned) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
