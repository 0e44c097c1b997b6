import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job, JobProgress } from '../../src/shared/contract';
import { jobEventBatcher } from '../../src/renderer/store/job-event-batcher';
import { groupJobs } from '../../src/renderer/views/analysis/job-groups';

const at = (minute: number) => `2025-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

function job(id: number, state: Job['state'], fields: Partial<Job> = {}): Job {
  return {
    id,
    kind: 'analyse',
    spec: { kind: 'analyse', assetId: id, reason: 'ingest' },
    state,
    priority: 0,
    attempts: 0,
    progress: 0,
    error: null,
    runAfter: null,
    createdAt: at(0),
    startedAt: null,
    updatedAt: at(0),
    finishedAt: null,
    ...fields,
  };
}

const report = (jobId: number, percent: number): JobProgress => ({
  jobId,
  kind: 'analyse',
  assetId: jobId,
  stage: 'probe',
  percent,
  file: `/footage/${jobId}.mp4`,
});

afterEach(() => vi.useRealTimers());

describe('job events reach the list coalesced', () => {
  it('hands over only the newest copy of each job, and no progress of a job that stopped', () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const changed: Job[][] = [];
    const progressed: JobProgress[][] = [];
    const batcher = jobEventBatcher(() => ({
      jobsChanged: (jobs) => (calls.push('changed'), changed.push(jobs)),
      jobsProgressed: (reports) => (calls.push('progress'), progressed.push(reports)),
    }));
    batcher.changed(job(1, 'running'));
    for (let percent = 1; percent <= 50; percent += 1) batcher.progressed(report(1, percent));
    batcher.progressed(report(2, 10));
    batcher.changed(job(2, 'done'));
    batcher.changed(job(3, 'queued'));
    batcher.changed(job(3, 'running'));
    expect(calls).toEqual([]);
    vi.runAllTimers();
    expect(calls).toEqual(['changed', 'progress']);
    expect(changed[0]!.map((j) => [j.id, j.state])).toEqual([
      [1, 'running'],
      [2, 'done'],
      [3, 'running'],
    ]);
    expect(progressed[0]).toEqual([report(1, 50)]);
    batcher.dispose();
  });
});

describe('the analysis list groups jobs as an editor reads them', () => {
  it('puts the longest running first, the queue in run order, the newest failure first', () => {
    const groups = groupJobs([
      job(1, 'done', { finishedAt: at(1) }),
      job(2, 'running', { startedAt: at(5) }),
      job(3, 'running', { startedAt: at(2) }),
      job(4, 'queued'),
      job(5, 'queued', { priority: 10 }),
      job(6, 'failed', { finishedAt: at(3) }),
      job(7, 'failed', { finishedAt: at(4) }),
      job(8, 'cancelled', { finishedAt: at(6) }),
    ]);
    const ids = (jobs: Job[]) => jobs.map((j) => j.id);
    expect(ids(groups.running)).toEqual([3, 2]);
    expect(ids(groups.queued)).toEqual([5, 4]);
    expect(ids(groups.failed)).toEqual([7, 6]);
    expect(ids(groups.finished)).toEqual([8, 1]);
    expect(groups.counts).toEqual({
      queued: 2,
      running: 2,
      paused: 0,
      done: 1,
      failed: 2,
      cancelled: 1,
    });
  });
});

describe('recently finished', () => {
  it('lists an asset analysed again once, by its latest job, while the counts keep both', () => {
    const again = (id: number, finishedAt: string): Job => ({
      ...job(id, 'done', { finishedAt }),
      spec: { kind: 'analyse', assetId: 42, reason: 'ingest' },
    });
    const groups = groupJobs([
      again(1, at(1)),
      again(2, at(2)),
      job(3, 'done', { finishedAt: at(3) }),
    ]);
    expect(groups.finished.map((j) => j.id)).toEqual([3, 2]);
    expect(groups.counts.done).toBe(3);
  });
});
