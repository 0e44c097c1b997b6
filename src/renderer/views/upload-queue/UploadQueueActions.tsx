import { BulkJobActions } from '../../components/BulkJobActions';
import { useDailies } from '../../store/store-context';
import type { SyncRow } from '../../store/sync-queue';

/** Failed uploads to try again; a conflict is settled, not retried. */
const failedJobIds = (rows: SyncRow[]) =>
  rows.flatMap((row) => (row.job?.state === 'failed' && !row.status.conflict ? [row.job.id] : []));

/** The actions on every upload at once; cancelling all asks first. */
export function UploadQueueActions({
  overview,
  attention,
}: {
  overview: { queued: number; running: number; paused: number };
  /** The rows that need the editor: the failed ones among them are retried. */
  attention: SyncRow[];
}) {
  const run = useDailies((s) => s.runSyncAction);
  return (
    <BulkJobActions
      kind="sync"
      counts={overview}
      failedIds={failedJobIds(attention)}
      noun="upload"
      cancelTitle="Cancel every upload?"
      cancelExplain={
        <>
          Running uploads stop and waiting ones are dropped. What already reached the platform stays
          there; Retry carries on from the last finished step.
        </>
      }
      run={run}
    />
  );
}
