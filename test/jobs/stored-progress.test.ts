import { afterEach, describe, expect, it } from 'vitest';
import { bareJobQueue } from '../helpers/bare-job-queue';

const opened: Array<{ dispose(): Promise<void>; release(): void }> = [];
afterEach(async () => {
  for (const queue of opened.splice(0)) {
    queue.release();
    await queue.dispose();
  }
});

/** The progress the catalog holds for a job: what a view opened now starts from. */
function storedProgress(bare: ReturnType<typeof bareJobQueue>, jobId: number): number {
  const row = bare.catalog.sqlite.prepare('SELECT progress FROM jobs WHERE id = ?').get(jobId) as {
    progress: number;
  };
  return row.progress;
}

describe("a running job's progress in the catalog", () => {
  it('catches up with the last level reported, even when the job then says nothing for long', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // A job that reports its stages quickly, then works on (a long stills run) in silence.
    const bare = bareJobQueue(async (_spec, context) => {
      for (const percent of [0, 5, 40, 50])
        context.progress({ stage: 'probe', percent, file: null });
      await held;
    });
    opened.push({ dispose: () => bare.dispose(), release: () => release() });
    const running = bare.entered('running');
    bare.queue.enqueue({ kind: 'analyse', assetId: 1, reason: 'editor' });
    const job = await running;

    // Not every stage is a commit, but the last one reaches the catalog within its second.
    await expect.poll(() => storedProgress(bare, job.id), { timeout: 30_000 }).toBe(50);
    release();
    await bare.entered('done');
    expect(storedProgress(bare, job.id)).toBe(100);
  });
});
