import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import { tempDir } from '../../helpers/temp-dir';
import {
  addAnalysed,
  SECRETS,
  setUpProfile,
  syncAndWait,
  syncEngine,
  useSyncRig,
} from './sync-kit';

const rig = useSyncRig({ clips: 2 });

interface LogLine {
  level: string;
  scope: string;
  message: string;
  fields?: Record<string, unknown>;
}

function logLines(dataDir: string): LogLine[] {
  const text = fs.readFileSync(path.join(dataDir, 'logs', 'dailies.log'), 'utf8');
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine);
}

const steps = ['content', 'video', 'thumbnail', 'metadata', 'registered', 'synced'];

describe('what dailies.log tells of a sync', () => {
  it('each step of each asset with its outcome and time, and each retry with its reason', async () => {
    const dataDir = tempDir('dailies-sync-log-');
    const engine = syncEngine(rig, dataDir);
    await setUpProfile(engine, rig);
    const [asset] = await addAnalysed(engine, [rig.clips[0]!]);
    const failOnce = rig.s3Proxy.addRule({
      when: (request) => request.method === 'PUT',
      fault: { kind: 'status', status: 500 },
      times: 1,
    });
    await syncAndWait(engine, [asset!.id]);
    expect(failOnce.fired).toBe(1);
    const synced = await call(engine, 'assets.get', { id: asset!.id });
    await engine.dispose();

    const lines = logLines(dataDir).filter((line) => line.fields?.assetId === asset!.id);
    const finished = lines.filter((line) => line.message === 'sync step finished');
    expect(finished.map((line) => line.fields?.step)).toEqual(steps);
    for (const line of finished) {
      expect(line.fields).toMatchObject({ outcome: 'done', contentId: synced.contentId });
      expect(line.fields?.ms).toEqual(expect.any(Number));
    }
    expect(lines.filter((line) => line.message === 'sync step started')).toHaveLength(6);
    expect(finished.find((line) => line.fields?.step === 'video')?.fields?.bytes).toBe(
      synced.sizeBytes,
    );
    expect(lines.find((line) => line.message === 'video upload settled')?.fields).toMatchObject({
      kind: 'uploaded',
      size: synced.sizeBytes,
    });

    const retries = logLines(dataDir).filter((line) => line.message === 'retrying after a failure');
    expect(retries).toEqual([
      expect.objectContaining({
        level: 'warn',
        fields: expect.objectContaining({
          attempt: 1,
          status: 500,
          code: 'E_NETWORK',
          reason: expect.stringMatching(/did not answer properly \(500/) as unknown,
        }) as unknown,
      }),
    ]);
  });

  it('where a sync stopped mid-way resumed', async () => {
    const dataDir = tempDir('dailies-sync-log-resume-');
    const first = syncEngine(rig, dataDir);
    await setUpProfile(first, rig);
    const [asset] = await addAnalysed(first, [rig.clips[1]!]);
    const videoDone = new Promise<void>((resolve) => {
      first.subscribe((event) => {
        if (event.name === 'sync.progress' && event.payload.step === 'video') resolve();
      });
    });
    await call(first, 'sync.enqueue', { assetIds: [asset!.id] });
    await videoDone;
    await first.dispose();

    const second = syncEngine(rig, dataDir);
    await waitForJobsIdle(second);
    await second.dispose();
    const lines = logLines(dataDir).filter((line) => line.fields?.assetId === asset!.id);
    const resumed = lines.filter((line) => line.message === 'sync resumed');
    expect(resumed).toHaveLength(1);
    expect(resumed[0]!.fields).toMatchObject({ lastFinished: expect.any(String) as unknown });
    const from = resumed[0]!.fields?.from as string;
    expect(steps.indexOf(from)).toBeGreaterThan(steps.indexOf('video'));
    // Every step finished once, across both runs.
    const finished = lines.filter((line) => line.message === 'sync step finished');
    expect(finished.map((line) => line.fields?.step)).toEqual(steps);
  });
});
