import { z } from 'zod';
import type { DailiesApi, Job, JobSelection } from '../../shared/contract';
import { resolveAssets } from '../assets/resolve-assets';
import { waitFor } from '../batch/wait-for';
import { actionPositionals } from '../action-positionals';
import { defineCommand } from '../command';
import { UsageError } from '../usage-error';
import { queueSpec } from './queue-spec';
import { stoppableCall } from '../stoppable-call';

const actions = ['pause', 'resume', 'retry', 'cancel'] as const;
type Action = (typeof actions)[number];

/** Which jobs each action applies to. */
const appliesTo: Record<Action, ReadonlySet<Job['state']>> = {
  pause: new Set(['queued', 'running']),
  resume: new Set(['paused']),
  retry: new Set(['failed', 'cancelled']),
  cancel: new Set(['queued', 'running', 'paused']),
};

export const queueCommand = defineCommand({
  ...queueSpec,
  input: z.object({
    positionals: actionPositionals('queue', actions),
    values: z.object({
      all: z.boolean().default(false),
      wait: z.boolean().default(false),
      'dry-run': z.boolean().default(false),
    }),
  }),
  async run({ positionals, values }, context) {
    const [action, ...assetWords] = positionals as [Action, ...string[]];
    if (values.all === assetWords.length > 0) {
      throw new UsageError('Name the assets, or give --all (not both).', 'queue');
    }
    const api = await context.api({ startWork: values.wait && !values['dry-run'] });
    const jobs = await selectedJobs(api, action, values.all ? null : assetWords);
    if (values['dry-run']) {
      const rows = jobs.map((job) => ({
        jobId: job.id,
        assetId: job.spec.assetId,
        state: job.state,
      }));
      if (context.json) context.out(JSON.stringify({ dryRun: true, action, jobs: rows }, null, 2));
      else {
        context.out(
          `Dry run: would ${action} ${jobs.length} upload${jobs.length === 1 ? '' : 's'}.`,
        );
        for (const row of rows)
          context.out(`  job ${row.jobId} (asset ${row.assetId}, ${row.state})`);
      }
      return 'ok';
    }
    const selection: JobSelection = values.all
      ? { all: true, kind: 'sync' }
      : { ids: jobs.map((job) => job.id) };
    // Ctrl+C stops it at its next step: the jobs changed so far stay so (the message says how many).
    const changed =
      values.all || jobs.length > 0
        ? (await stoppableCall(api, context.signal, () => api.invoke(`jobs.${action}`, selection)))
            .changed
        : 0;
    if (context.json && !values.wait) context.out(JSON.stringify({ action, changed }));
    else context.out(`${done[action]}: ${changed} upload${changed === 1 ? '' : 's'}.`);
    if (!values.wait) return 'ok';
    await waitFor(api, context.signal, async () => {
      const open = await api.invoke('jobs.list', { kind: 'sync', limit: 5000 });
      return !open.some((job) => job.state === 'queued' || job.state === 'running');
    });
    const failed = (await api.invoke('jobs.list', { kind: 'sync', state: 'failed' })).length;
    if (context.json) context.out(JSON.stringify({ action, changed, failed }));
    else
      context.out(
        failed > 0 ? `Done; ${failed} upload(s) failed: see "dailies ls --status error".` : 'Done.',
      );
    return failed > 0 ? 'failed' : 'ok';
  },
});

async function selectedJobs(
  api: DailiesApi,
  action: Action,
  assetWords: string[] | null,
): Promise<Job[]> {
  const jobs = await api.invoke('jobs.list', { kind: 'sync', limit: 5000 });
  // The newest sync job of each asset is its upload; older ones are history.
  const latest = new Map<number, Job>();
  for (const job of jobs) if (!latest.has(job.spec.assetId)) latest.set(job.spec.assetId, job);
  let candidates = [...latest.values()];
  if (assetWords) {
    const ids = new Set((await resolveAssets(api, assetWords)).map((asset) => asset.id));
    candidates = candidates.filter((job) => ids.has(job.spec.assetId));
  }
  return candidates.filter((job) => appliesTo[action].has(job.state));
}

const done: Record<Action, string> = {
  pause: 'Paused',
  resume: 'Resumed',
  retry: 'Queued again',
  cancel: 'Cancelled',
};
