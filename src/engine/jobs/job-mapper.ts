import { parseStoredJson } from '../catalog/parse-stored-json';
import { assertNever } from '../../shared/assert-never';
import {
  errorValueSchema,
  jobSpecSchema,
  type ErrorValue,
  type Job,
  type JobSpec,
  type JobsChanged,
} from '../../shared/contract';
import type { JobFieldUpdate, JobRow } from '../catalog/repositories/job-repository';

/** The spec as stored, validated; null when a row holds something this version cannot run. */
export function parseSpec(row: JobRow): JobSpec | null {
  return parseStoredJson(row.specJson, jobSpecSchema);
}

function parseError(json: string | null): ErrorValue | null {
  return parseStoredJson(json, errorValueSchema);
}

/** The one place job rows become the contract's Job. Rows with an unknown spec are skipped. */
export function toJob(row: JobRow): Job | null {
  const spec = parseSpec(row);
  if (!spec) return null;
  return {
    id: row.id,
    kind: spec.kind,
    spec,
    state: row.state,
    priority: row.priority,
    attempts: row.attempts,
    progress: row.progress,
    error: parseError(row.errorJson),
    runAfter: row.runAfter,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
  };
}

/**
 * The fields a step wrote on many jobs, as the contract's jobs.changed names them. Only the
 * fields written are given: a pause leaves each job's attempts and progress as they were.
 */
export function toJobChanges(
  fields: JobFieldUpdate & { updatedAt: string },
): JobsChanged['changes'] {
  const changes: JobsChanged['changes'] = { updatedAt: fields.updatedAt };
  if (fields.state !== undefined) changes.state = fields.state;
  if (fields.attempts !== undefined) changes.attempts = fields.attempts;
  if (fields.progress !== undefined) changes.progress = fields.progress;
  if (fields.errorJson !== undefined) changes.error = parseError(fields.errorJson);
  if (fields.runAfter !== undefined) changes.runAfter = fields.runAfter;
  if (fields.finishedAt !== undefined) changes.finishedAt = fields.finishedAt;
  return changes;
}

/** The asset a job works on (every kind so far works on one). */
export function assetOf(spec: JobSpec): number | null {
  switch (spec.kind) {
    case 'analyse':
    case 'sync':
    case 'tmdb-lookup':
      return spec.assetId;
    default:
      return assertNever(spec, 'job kind');
  }
}
