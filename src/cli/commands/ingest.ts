import { z } from 'zod';
import { isDailiesError, type IngestReport, type Profile } from '../../shared/contract';
import { batchExit, batchSummary } from '../batch/batch-exit';
import { describeRow, type BatchRow } from '../batch/batch-row';
import { planIngest, type PlannedFile } from '../batch/dry-run-plan';
import { runBatch } from '../batch/run-batch';
import { defineCommand, type CommandContext } from '../command';
import { progressView, type ProgressView } from '../progress/progress-view';
import { resolveProfile } from '../profiles/resolve-profile';
import { UsageError } from '../usage-error';
import { ingestSpec } from './ingest-spec';

export const ingestCommand = defineCommand({
  ...ingestSpec,
  input: z.object({
    positionals: z
      .array(z.string().min(1))
      .min(1, 'Name at least one file or folder: dailies ingest <path>...'),
    values: z.object({
      profile: z.string().min(1).optional(),
      upload: z.boolean().default(false),
      'override-delivery': z.boolean().default(false),
      wait: z.boolean().default(false),
      'dry-run': z.boolean().default(false),
    }),
  }),
  async run({ positionals, values }, context) {
    if (values['override-delivery'] && !values.upload)
      throw new UsageError(
        '--override-delivery sends files anyway: give it with --upload.',
        'ingest',
      );
    if (values['dry-run']) return dryRun(positionals, values, context);
    const api = await context.api({ startWork: true });
    const profile =
      values.upload || values.profile ? await resolveProfile(api, values.profile) : null;
    const view = progressView(context.terminal, context);
    const jsonLines = context.json && values.wait;
    const rows: BatchRow[] = [];
    let report: IngestReport | null = null;
    const stopIngest = api.subscribe('ingest.progress', (progress) => {
      if (progress.phase === 'done') return view.fileDone('ingest');
      view.file({
        key: 'ingest',
        name: `${progress.filesDone}/${progress.filesFound} files`,
        activity: progress.phase,
        done: progress.bytesDone,
        total: progress.bytesTotal,
        bytes: true,
      });
    });
    try {
      report = await abortable(api.invoke('assets.addPaths', { paths: positionals }), context);
      stopIngest();
      if (jsonLines) context.out(JSON.stringify({ event: 'ingested', ...report }));
      view.note(describeIngest(report));
      await runBatch({
        api,
        report,
        upload: values.upload,
        overrideDelivery: values['override-delivery'],
        wait: values.wait,
        profile,
        view,
        signal: context.signal,
        onRow: (row) => {
          rows.push(row);
          if (jsonLines) context.out(JSON.stringify({ event: 'file', ...row }));
          else view.note(`  ${describeRow(row)}`);
        },
      });
    } catch (error) {
      if (!(isDailiesError(error) && error.code === 'E_CANCELLED') && !context.signal.aborted) {
        throw error;
      }
      view.stop();
      return stopped(context, report, rows, view);
    } finally {
      stopIngest();
      view.stop();
    }
    return finish(context, report, rows, profile, jsonLines);
  },
});

function finish(
  context: CommandContext,
  report: IngestReport,
  rows: BatchRow[],
  profile: Profile | null,
  jsonLines: boolean,
) {
  const exit = batchExit(rows);
  const summary = batchSummary(rows);
  if (context.json) {
    const result = { profile: profile?.name ?? null, ingest: report, files: rows, exit };
    context.out(
      JSON.stringify(jsonLines ? { event: 'summary', ...result } : result, null, jsonLines ? 0 : 2),
    );
  } else {
    for (const row of rows.filter((r) => r.result === 'synced' && r.video)) {
      context.out(`${row.file}\n  video      ${row.video}\n  thumbnail  ${row.thumbnail}`);
    }
    context.out(summary[0]!);
    for (const line of summary.slice(1)) context.err(line);
  }
  return exit;
}

function stopped(
  context: CommandContext,
  report: IngestReport | null,
  rows: BatchRow[],
  _view: ProgressView,
) {
  const left = report ? report.assetIds.length + report.problems.length - rows.length : null;
  const message =
    (left === null
      ? 'Stopped while reading the files; nothing read so far is lost.'
      : `Stopped with ${left} file${left === 1 ? '' : 's'} not finished; uploads in flight stay resumable.`) +
    ' Run the same command again to continue.';
  if (context.json) {
    context.err(
      JSON.stringify({ code: 'E_CANCELLED', message, retryable: true, details: { left } }),
    );
  } else {
    context.err(message);
  }
  return 'cancelled' as const;
}

async function dryRun(
  paths: string[],
  values: { profile?: string | undefined; upload: boolean },
  context: CommandContext,
) {
  const api = await context.api();
  const profile =
    values.upload || values.profile ? await resolveProfile(api, values.profile) : null;
  const plan = await planIngest(api, paths, profile);
  if (context.json) {
    context.out(JSON.stringify({ dryRun: true, profile: profile?.name ?? null, ...plan }, null, 2));
  } else {
    context.out(
      `Dry run${profile ? ` under the profile "${profile.name}"` : ''}: nothing is changed.`,
    );
    for (const file of plan.files) context.out(describePlanned(file));
    for (const problem of plan.problems) context.out(`✗ ${problem.path}: ${problem.message}`);
  }
  return plan.files.some((file) => file.action === 'fail') || plan.problems.length > 0
    ? ('failed' as const)
    : ('ok' as const);
}

const plannedWords: Record<PlannedFile['action'], string> = {
  add: 'would be added',
  known: 'already in the catalog',
  upload: 'would be uploaded and registered',
  skip: 'would be skipped',
  fail: 'would fail',
};

function describePlanned(file: PlannedFile): string {
  const head = `${file.path}: ${plannedWords[file.action]}${file.reason ? ` (${file.reason})` : ''}`;
  const lines = [head];
  if (file.contentId !== null || file.title) {
    lines.push(`  content ${file.contentId ?? '—'}, title "${file.title ?? ''}"`);
  }
  if (file.video) lines.push(`  video      ${file.video}`, `  thumbnail  ${file.thumbnail}`);
  return lines.join('\n');
}

function describeIngest(report: IngestReport): string {
  const parts = [`${report.filesFound} video files found`, `${report.added} new`];
  if (report.unchanged > 0) parts.push(`${report.unchanged} already in the catalog`);
  if (report.changed > 0) parts.push(`${report.changed} changed`);
  if (report.duplicates > 0) parts.push(`${report.duplicates} duplicates`);
  if (report.problems.length > 0) parts.push(`${report.problems.length} could not be read`);
  return `Ingest: ${parts.join(', ')}.`;
}

/** Ctrl+C during the scan: stop waiting; disposing the engine stops the ingest itself. */
function abortable<T>(work: Promise<T>, context: CommandContext): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    context.signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => context.signal.removeEventListener('abort', onAbort));
  });
}
