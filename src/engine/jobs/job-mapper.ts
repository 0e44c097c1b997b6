import { parseStoredJson } from '../catalog/parse-stored-json';
import { assertNever } from '../../shared/assert-never';
import {
  errorValueSchema,
  jobSpecSchema,
  type ErrorValue,
  type Job,
  type JobSpec,
} from '../../shared/contract';
import type { JobRow } from '../catalog/repositories/job-repository';

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
