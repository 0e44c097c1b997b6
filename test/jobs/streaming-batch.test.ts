import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, testEngine } from '../helpers/engine';
import { waitForJobsIdle } from '../helpers/jobs';
import { useMediaFixtures } from '../media/media-test-kit';
import { padClip } from '../sync/pipeline/padded-clip';

const fixtures = useMediaFixtures();
const MiB = 1024 * 1024;

describe('a batch streams from reading to analysis', () => {
  it('analyses the first files while the last one is still being read', async () => {
    const dir = fixtures().work;
    const [a, b, c] = fixtures().shortClips;
    // Two clips of a few MiB, then one large enough that reading it takes a while.
    const files = [
      padClip(a!, path.join(dir, 'first.mp4'), 9 * MiB) && path.join(dir, 'first.mp4'),
      padClip(b!, path.join(dir, 'second.mp4'), 9 * MiB) && path.join(dir, 'second.mp4'),
      padClip(c!, path.join(dir, 'last.mp4'), 400 * MiB) && path.join(dir, 'last.mp4'),
    ];
    const engine = testEngine();
    const seen: string[] = [];
    engine.subscribe((event) => {
      if (event.name === 'ingest.progress' && event.payload.phase === 'done') seen.push('read all');
      if (event.name === 'job.changed' && event.payload.kind === 'analyse')
        seen.push(`analysis ${event.payload.state}`);
    });
    const report = await call(engine, 'assets.addPaths', { paths: files });
    expect(report.added).toBe(3);
    const jobs = await waitForJobsIdle(engine);
    expect(jobs.map((job) => job.state)).toEqual(['done', 'done', 'done']);
    // The first analysis was queued and started before the batch had been read to its end.
    const readAll = seen.indexOf('read all');
    expect(seen.indexOf('analysis queued')).toBeLessThan(readAll);
    expect(seen.indexOf('analysis running')).toBeLessThan(readAll);
  });
});
