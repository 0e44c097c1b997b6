import { z } from 'zod';
import { defineMethod } from './define';

/**
 * Stopping a whole-batch call (assets.bulkUpdate, assets.remove, trash.empty, jobs.pause,
 * jobs.resume, jobs.cancel, jobs.retry with many jobs, analysis.start): each running one has
 * a runId, carried on its bulk.progress events. Asked to stop, the call stops at its next
 * step (between two transactions) and fails with E_CANCELLED, whose message says what it got
 * through ("Stopped: 3,200 of 10,000 assets moved to the trash.") and whose details are
 * { runId, operation, done, total }. What was done stays done, except for assets.bulkUpdate,
 * which is all or nothing: a stopped bulk edit changes nothing (what it wrote is put back;
 * an asset edited meanwhile keeps that newer edit).
 */
export const bulkMethods = {
  'bulk.cancel': defineMethod({
    summary:
      "Stop a whole-batch call at its next step: one (its runId, from bulk.progress) or every running one. The stopped call fails with E_CANCELLED saying how far it got (a bulk edit changes nothing). Answers how many calls were asked to stop: 0 for a runId that is unknown or already finished (not an error: the call ended on its own). `{}` stops every running call of every client (other windows, the CLI), not only the caller's.",
    input: z.object({ runId: z.string().min(1).max(100).optional() }).strict(),
    output: z.object({ cancelled: z.number().int() }),
  }),
};
