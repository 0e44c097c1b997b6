import { afterEach, describe, expect, it } from 'vitest';
import { bareJobQueue } from '../helpers/bare-job-queue';

const opened: Array<{ dispose(): Promise<void>; release(): void }> = [];
afterEach(async () => {
  for (const queue of opened.splice(0)) {
    queue.release();
    await queue.dispose();
  }
});

/** A queue whose analyse jobs never end, whatever their signal says, until released. */
function queueWithStuckRunner() {
  let release: () => void = () => {};
  const stuck = new Promise<void>((resolve) => (release = resolve));
  // Its patience shortened from 10 s to 0.1 s.
  const bare = bareJobQueue(() => stuck, { stopWaitMs: 100 });
  opened.push({ dispose: () => bare.dispose(), release: () => release() });
  return { queue: bare.queue, records: bare.records, running: bare.entered('running') };
}

describe('a job that ignores its stop', () => {
  it('is cancelled for the editor, who gets the answer, and the engine says which job lags', async () => {
    const { queue, records, running } = queueWithStuckRunner();
    queue.enqueue({ kind: 'analyse', assetId: 1, reason: 'editor' });
    const job = await running;
    expect(await queue.cancel({ ids: [job.id] })).toBe(1);
    const cancelled = queue.list({ state: 'cancelled', kind: 'analyse', limit: 10 });
    expect(cancelled.map((row) => row.id)).toEqual([job.id]);
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'a stopped job has not ended; its slot stays taken until it does',
        fields: expect.objectContaining({ jobId: job.id, reason: 'cancel' }),
      }),
    );
  });
});
