import { afterEach, describe, expect, it } from 'vitest';
import { dailiesError } from '../../src/shared/contract';
import { INTERNAL_MESSAGE } from '../../src/engine/rpc/to-error-value';
import { bareJobQueue } from '../helpers/bare-job-queue';

const opened: Array<{ dispose(): Promise<void> }> = [];
afterEach(async () => {
  for (const queue of opened.splice(0)) await queue.dispose();
});

/** A queue on a fresh catalog whose analyse jobs fail with `thrown`. */
function failingQueue(thrown: unknown) {
  const bare = bareJobQueue(() => Promise.reject(thrown));
  opened.push(bare);
  const failed = bare.entered('failed');
  bare.queue.enqueue({ kind: 'analyse', assetId: 1, reason: 'editor' });
  return { failed, errors: bare.errors, queue: bare.queue };
}

describe('a job that fails with an unknown error', () => {
  it('stores and sends a plain E_INTERNAL, and logs the cause with its stack', async () => {
    const bug = new TypeError('Cannot read properties of undefined (reading "width") at /home/x');
    const { failed, errors, queue } = failingQueue(bug);
    const job = await failed;
    expect(job.error).toEqual({
      code: 'E_INTERNAL',
      message: INTERNAL_MESSAGE,
      retryable: false,
      details: { attempts: 1 },
    });
    expect(queue.list({ limit: 10 }).find((stored) => stored.id === job.id)?.error).toEqual(
      job.error,
    );
    expect(JSON.stringify(job)).not.toContain('width');
    expect(errors()).toMatchObject([
      {
        message: 'unexpected failure',
        fields: { context: `analyse job ${job.id}`, error: bug },
      },
    ]);
    expect((errors()[0]!.fields!.error as Error).stack).toContain('TypeError');
  });

  it('keeps a DailiesError as it is, logging nothing unexpected', async () => {
    const { failed, errors } = failingQueue(dailiesError('E_NOT_MEDIA', 'Not a video file.'));
    const job = await failed;
    expect(job.error).toMatchObject({ code: 'E_NOT_MEDIA', message: 'Not a video file.' });
    expect(errors()).toEqual([]);
  });
});
