import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDailies } from '../../store/store-context';
import { emptyOverview, groupSyncRows, type SyncRow } from '../../store/sync-queue';
import { BulkJobActions } from '../../components/BulkJobActions';
import { BucketPanel } from './BucketPanel';
import { SyncHolds } from './SyncHolds';
import { SyncOverviewBar } from './SyncOverviewBar';
import { SyncRowItem } from './SyncRowItem';

/** Long lists show their head; the rest are counted, not rendered. */
const SHOWN_PER_GROUP = 200;

/**
 * The upload queue, live: overall bytes, speed and time left; why Dailies holds uploads;
 * each asset's step, file progress and actions; conflicts to settle; bucket housekeeping.
 */
export function UploadQueueView() {
  const { statuses, jobs, loaded, error, engineOverview } = useDailies(
    useShallow((s) => ({
      statuses: s.syncStatuses,
      jobs: s.syncJobs,
      loaded: s.syncLoaded,
      error: s.syncError,
      engineOverview: s.syncOverview,
    })),
  );
  const queue = useMemo(() => groupSyncRows(statuses, jobs), [statuses, jobs]);
  const overview = engineOverview ?? emptyOverview;
  const active = queue.running.length + queue.waiting.length + queue.attention.length;

  return (
    <div className="queue-view">
      <header className="analysis-header">
        <div>
          <h1 id="view-title">Upload queue</h1>
          <p className="view-lede">
            Assets on their way to the platform&apos;s bucket and catalog.
          </p>
        </div>
        <QueueActions overview={overview} failedJobIds={failedJobIds(queue.attention)} />
      </header>
      <SyncHolds holds={overview.holds} />
      <SyncOverviewBar overview={overview} />
      {error ? (
        <p role="alert" className="form-message form-message-bad">
          {error}
        </p>
      ) : null}
      {!loaded ? (
        <p className="muted">Loading…</p>
      ) : active === 0 ? (
        <div className="jobs-empty">
          <p>Nothing is queued.</p>
          <p className="muted">
            Select analysed assets in the Library and choose Send to platform (Ctrl+Enter): they
            wait here with their progress until the platform has them.
          </p>
        </div>
      ) : (
        <>
          <SyncGroup id="attention" title="Needs attention" rows={queue.attention} />
          <SyncGroup id="running" title="Uploading" rows={queue.running} />
          <SyncGroup id="waiting" title="Waiting" rows={queue.waiting} movable />
        </>
      )}
      <SyncGroup id="synced" title="Recently synced" rows={queue.synced} />
      <BucketPanel />
    </div>
  );
}

/** Failed uploads to try again; a conflict is settled, not retried. */
const failedJobIds = (rows: SyncRow[]) =>
  rows.flatMap((row) => (row.job?.state === 'failed' && !row.status.conflict ? [row.job.id] : []));

function QueueActions({
  overview,
  failedJobIds: failed,
}: {
  overview: { queued: number; running: number; paused: number };
  failedJobIds: number[];
}) {
  const run = useDailies((s) => s.runSyncAction);
  return (
    <BulkJobActions
      kind="sync"
      counts={overview}
      failedIds={failed}
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

function SyncGroup({
  id,
  title,
  rows,
  movable = false,
}: {
  id: string;
  title: string;
  rows: SyncRow[];
  movable?: boolean;
}) {
  const [showAll, setShowAll] = useState(false);
  if (rows.length === 0) return null;
  const shown = showAll ? rows : rows.slice(0, SHOWN_PER_GROUP);
  const hidden = rows.length - shown.length;
  return (
    <section className="job-group" aria-labelledby={`sync-${id}`}>
      <h2 id={`sync-${id}`} className="job-group-title">
        {title} <span className="job-group-count">{rows.length}</span>
      </h2>
      <ul className="job-list">
        {shown.map((row, index) => (
          <SyncRowItem
            key={row.assetId}
            row={row}
            position={movable ? { index, count: rows.length } : undefined}
          />
        ))}
      </ul>
      {hidden > 0 ? (
        <button type="button" className="link-button" onClick={() => setShowAll(true)}>
          Show {hidden} more
        </button>
      ) : null}
    </section>
  );
}
