import { useDailies } from '../../store/store-context';
import { BulkJobActions } from '../../components/BulkJobActions';
import type { JobGroups } from './job-groups';

/** The actions on every analysis job at once; cancelling all asks first. */
export function JobsActions({ groups }: { groups: JobGroups }) {
  const runJobAction = useDailies((s) => s.runJobAction);
  return (
    <BulkJobActions
      kind="analyse"
      counts={groups.counts}
      failedIds={groups.failed.map((job) => job.id)}
      noun="job"
      cancelTitle="Cancel every analysis job?"
      cancelExplain={
        <>
          Running analyses stop now and waiting ones are dropped. Their assets keep what an earlier
          analysis found; Retry queues them again.
        </>
      }
      run={runJobAction}
    />
  );
}
