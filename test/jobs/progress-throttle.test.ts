import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobProgressReport } from '../../src/engine/jobs/job-runner';
import { progressThrottle } from '../../src/engine/jobs/progress-throttle';

const at = (stage: string, percent: number): JobProgressReport => ({ stage, percent, file: null });

describe('job progress, at most one report per interval', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function throttle() {
    const sent: string[] = [];
    const progress = progressThrottle(100, (r) => sent.push(`${r.stage} ${r.percent}`), {
      now: () => Date.now(),
    });
    return { sent, progress };
  }

  it('sends the last of a quick burst when the interval ends, so a long stage shows', () => {
    const { sent, progress } = throttle();
    progress.report(at('stat', 0));
    progress.report(at('probe', 5));
    progress.report(at('integrity', 40));
    progress.report(at('stills', 50));
    expect(sent).toEqual(['stat 0']);
    // The stills then run for seconds with nothing new to say: the view must show them.
    vi.advanceTimersByTime(100);
    expect(sent).toEqual(['stat 0', 'stills 50']);
    vi.advanceTimersByTime(5_000);
    expect(sent).toEqual(['stat 0', 'stills 50']);
  });

  it('sends 100 % at once, and nothing after it from the burst before', () => {
    const { sent, progress } = throttle();
    progress.report(at('stat', 0));
    progress.report(at('stills', 50));
    progress.report(at('done', 100));
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual(['stat 0', 'done 100']);
  });

  it('drops what waits once the job ended, so a finished job never shows a stale level', () => {
    const { sent, progress } = throttle();
    progress.report(at('stat', 0));
    progress.report(at('stills', 50));
    progress.close();
    vi.advanceTimersByTime(1_000);
    progress.report(at('upload', 60));
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual(['stat 0']);
  });
});
