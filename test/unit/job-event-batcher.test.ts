import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job, JobProgress, JobsChanged } from '../../src/shared/contract';
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
      jobsChangedAlike: () => calls.push('alike'),
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

  it('hands over steps of many jobs in order, before the whole jobs, which are newer', () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const handed: { steps: JobsChanged[]; jobs: Job[]; progress: JobProgress[] } = {
      steps: [],
      jobs: [],
      progress: [],
    };
    const batcher = jobEventBatcher(() => ({
      jobsChangedAlike: (steps) => (calls.push('alike'), handed.steps.push(...steps)),
      jobsChanged: (jobs) => (calls.push('changed'), handed.jobs.push(...jobs)),
      jobsProgressed: (reports) => (calls.push('progress'), handed.progress.push(...reports)),
    }));
    const step = (ids: number[], state: Job['state']): JobsChanged => ({
      kind: 'analyse',
      ids,
      assetIds: ids,
      changes: { state, updatedAt: at(9) },
    });
    // Job 1 runs (whole), then a pause of 1 and 2 (a step): 1's bar goes, 1 is handed paused.
    batcher.changed(job(1, 'running'));
    batcher.progressed(report(1, 40));
    batcher.changedAlike(step([1, 2], 'paused'));
    // Job 3 was paused in a step, then started again (whole): the whole job wins.
    batcher.changedAlike(step([3], 'paused'));
    batcher.changed(job(3, 'running'));
    vi.runAllTimers();
    expect(calls).toEqual(['alike', 'changed']);
    expect(handed.steps.map((s) => [s.ids, s.changes.state])).toEqual([
      [[1, 2], 'paused'],
      [[3], 'paused'],
    ]);
    expect(handed.jobs.map((j) => [j.id, j.state])).toEqual([
      [1, 'paused'],
      [3, 'running'],
    ]);
    expect(handed.progress).toEqual([]);
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
