import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { JobGroup } from '../../components/JobGroup';
import { JobListBody } from '../../components/JobListBody';
import { JobsHeader } from '../../components/JobsHeader';
import { useDailies } from '../../store/store-context';
import { emptyOverview } from '../../../shared/queue-signals';
import { groupSyncRows, type SyncRow } from '../../store/sync-queue';
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

const nothingQueued = {
  title: 'Nothing is queued.',
  hint: 'Select analysed assets in the Library and choose Send to platform (Ctrl+Enter): they wait here with their progress until the platform has them.',
};

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
      <JobsHeader
        title="Upload queue"
        lede="Assets on their way to the platform's bucket and catalog."
      >
        <UploadQueueActions overview={overview} attention={queue.attention} />
      </JobsHeader>
      <UploadHolds holds={overview.holds} />
      <UploadOverviewBar overview={overview} />
      <JobListBody loaded={loaded} error={error} empty={active === 0 ? nothingQueued : null}>
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
      </JobListBody>
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
