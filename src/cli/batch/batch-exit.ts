import { exitNameFor, type ExitName } from '../exit-codes';
import { describeRow, rowFailed, type BatchRow } from './batch-row';

/**
 * A batch's exit status: 0 when every file went through; when every file failed for one
 * kind of reason, that reason's status (7 network, 8 sign-in, 9 not media...), so a script
 * can tell "the network is down" from "these files are bad"; otherwise 1.
 */
export function batchExit(rows: readonly BatchRow[]): ExitName {
  const failed = rows.filter(rowFailed);
  if (failed.length === 0) return 'ok';
  const names = new Set(
    failed.map((row) =>
      // A pause or a closed upload window is not a Ctrl+C, nor a file's refusal a usage error.
      !row.error || row.error.code === 'E_CANCELLED' || row.error.code === 'E_VALIDATION'
        ? 'failed'
        : exitNameFor(row.error.code),
    ),
  );
  const [only] = names;
  return failed.length === rows.length && names.size === 1 && only ? only : 'failed';
}

/** The closing lines for a person: the counts, then each file that did not go and why. */
export function batchSummary(rows: readonly BatchRow[]): string[] {
  const count = (result: BatchRow['result']) => rows.filter((row) => row.result === result).length;
  const parts = (
    [
      ['synced', 'uploaded and registered'],
      ['already-synced', 'already on the platform'],
      ['analysed', 'analysed'],
      ['queued', 'queued for upload'],
      ['held', 'held'],
      ['failed', 'failed'],
    ] as const
  )
    .map(([result, label]) => [count(result), label] as const)
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`);
  const failed = rows.filter(rowFailed);
  return [
    `${rows.length} file${rows.length === 1 ? '' : 's'}: ${parts.join(', ') || 'nothing to do'}.`,
    ...(failed.length > 0 ? ['Not done:', ...failed.map((row) => `  ${describeRow(row)}`)] : []),
  ];
}
