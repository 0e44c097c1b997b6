import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { JobGroup } from '../../components/JobGroup';
import { useDailies } from '../../store/store-context';
import { emptyOverview, groupSyncRows, type SyncRow } from '../../store/sync-queue';
import { BucketPanel } from './BucketPanel';
import { UploadHolds } from './UploadHolds';
import { UploadOverviewBar } from './UploadOverviewBar';
import { UploadQueueActions } from './UploadQueueActions';
import { UploadRow } from './UploadRow';

/** One asset's upload in its group's list. */
const uploadRow = (row: SyncRow) => <UploadRow key={row.assetId} row={row} />;

/** A waiting upload, which can move within the order the engine will start them in. */
const movableRow = (rows: SyncRow[]) => (row: SyncRow, index: number) => (
  <UploadRow key={row.assetId} row={row} position={{ index, count: rows.length }} />
);

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
        <UploadQueueActions overview={overview} attention={queue.attention} />
      </header>
      <UploadHolds holds={overview.holds} />
      <UploadOverviewBar overview={overview} />
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
          <JobGroup
            labelId="sync-attention"
            title="Needs attention"
            items={queue.attention}
            renderItem={uploadRow}
          />
          <JobGroup
            labelId="sync-running"
            title="Uploading"
            items={queue.running}
            renderItem={uploadRow}
          />
          <JobGroup
            labelId="sync-waiting"
            title="Waiting"
            items={queue.waiting}
            renderItem={movableRow(queue.waiting)}
          />
        </>
      )}
      <JobGroup
        labelId="sync-synced"
        title="Recently synced"
        items={queue.synced}
        renderItem={uploadRow}
      />
      <BucketPanel />
    </div>
  );
}
