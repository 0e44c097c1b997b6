import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, testEngine } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { tempDir } from '../helpers/temp-dir';
import { useMediaFixtures } from '../media/media-test-kit';
import { assetsByName } from './jobs-test-kit';

const fixtures = useMediaFixtures();

/**
 * The real tool, logging each run's start and end (with the file it was given) and lingering
 * `lingerSeconds` before it exits, so runs that overlapped would show it.
 */
function loggingTool(dir: string, tool: 'ffmpeg' | 'ffprobe', log: string, lingerSeconds: number) {
  const file = path.join(dir, `logging-${tool}`);
  fs.writeFileSync(
    file,
    [
      '#!/bin/sh',
      `for a in "$@"; do [ "$a" = "-version" ] && exec ${tool} -version; done`,
      `echo "start $$ $*" >> '${log}'`,
      `${tool} "$@"`,
      'status=$?',
      `sleep ${lingerSeconds}`,
      `echo "end $$" >> '${log}'`,
      'exit $status',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return file;
}

/** The most runs the log shows under way at one moment. */
function mostAtOnce(log: string): number {
  let now = 0;
  let most = 0;
  for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
    if (line.startsWith('start ')) most = Math.max(most, (now += 1));
    if (line.startsWith('end ')) now -= 1;
  }
  return most;
}

/** An engine analysing one file at a time, with tools that log their runs (see loggingTool). */
async function oneFileAtOnce(lingerSeconds: number) {
  const dir = tempDir('dailies-tool-slots-');
  const log = path.join(dir, 'runs.log');
  const engine = testEngine();
  await call(engine, 'settings.set', {
    analysisConcurrency: 1,
    ffmpegPath: loggingTool(dir, 'ffmpeg', log, lingerSeconds),
    ffprobePath: loggingTool(dir, 'ffprobe', log, lingerSeconds),
  });
  return { engine, log };
}

describe('analysis and the cores', () => {
  it('runs no more tools at once than the setting, with the next file ready and saying it waits', async () => {
    const { engine, log } = await oneFileAtOnce(0.3);
    let running = 0;
    let mostRunning = 0;
    const waited = new Set<number>();
    engine.subscribe((event) => {
      if (event.name === 'job.changed' && event.payload.kind === 'analyse') {
        if (event.payload.state === 'running') mostRunning = Math.max(mostRunning, (running += 1));
        else if (['done', 'failed', 'cancelled'].includes(event.payload.state)) running -= 1;
      }
      if (event.name === 'job.progress' && event.payload.stage === 'waiting')
        waited.add(event.payload.jobId);
    });

    await call(engine, 'assets.addPaths', { paths: fixtures().shortClips });
    const jobs = await waitForJobsIdle(engine);

    expect(jobs.map((job) => job.state)).toEqual(['done', 'done', 'done']);
    expect([...(await assetsByName(engine)).values()].map((a) => a.status)).toEqual([
      'ready',
      'ready',
      'ready',
    ]);
    // Six runs (a probe and the stills per file), never two at once...
    const runs = fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('start '));
    expect(runs).toHaveLength(6);
    expect(mostAtOnce(log)).toBe(1);
    // ...while the next file was under way beside them, and said it waited for a core.
    expect(mostRunning).toBe(2);
    expect(waited.size).toBeGreaterThan(0);
  });

  it('cancels a file waiting for a core without starting its tools; the others finish', async () => {
    const { engine, log } = await oneFileAtOnce(1);
    const firstWait = new Promise<number>((resolve) => {
      engine.subscribe((event) => {
        if (event.name === 'job.progress' && event.payload.stage === 'waiting')
          resolve(event.payload.jobId);
      });
    });
    const { assetIds } = await call(engine, 'assets.addPaths', { paths: fixtures().shortClips });
    const waiting = await firstWait;
    await call(engine, 'jobs.cancel', { ids: [waiting] });
    const jobs = await waitForJobsIdle(engine);

    const byId = new Map(jobs.map((job) => [job.id, job]));
    expect(byId.get(waiting)?.state).toBe('cancelled');
    expect(jobs.filter((job) => job.state === 'done')).toHaveLength(assetIds.length - 1);
    const cancelledAsset = byId.get(waiting)!.spec.assetId;
    const asset = (await call(engine, 'assets.get', { id: cancelledAsset }))!;
    expect(asset.status).toBe('new');
    // Its file never reached a tool: only the other two files' runs are in the log.
    const started = fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('start '));
    expect(started).toHaveLength(4);
    expect(started.some((line) => line.includes(asset.fileName))).toBe(false);
    expect(mostAtOnce(log)).toBe(1);
  });
});
