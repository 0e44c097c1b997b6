import type { SyncOverview } from '../../../shared/contract';
import { formatBytes } from '../../components/format';
import { JobsNotice } from '../../components/JobsNotice';
import { useDailies } from '../../store/store-context';
import { bytesLine } from './upload-labels';

const countLabels: Array<
  [keyof SyncOverview & ('running' | 'queued' | 'paused' | 'failed'), string]
> = [
  ['running', 'uploading'],
  ['queued', 'waiting'],
  ['paused', 'paused'],
  ['failed', 'need attention'],
];

/** The whole queue at a glance: bytes sent of all, speed, time left, counts; last action. */
export function UploadOverviewBar({ overview }: { overview: SyncOverview }) {
  const notice = useDailies((s) => s.syncNotice);
  const { bytesSent, bytesTotal, bytesPerSecond, etaSeconds } = overview;
  return (
    <section className="sync-overview" aria-label="Upload progress">
      <div className="sync-overview-bar">
        <progress
          className="job-bar"
          max={Math.max(1, bytesTotal)}
          value={bytesSent}
          aria-label="All uploads"
        />
        <span className="sync-overview-bytes" data-testid="overall-bytes">
          {bytesTotal > 0
            ? bytesLine(bytesSent, bytesTotal, bytesPerSecond, etaSeconds)
            : `${formatBytes(0)} to send`}
        </span>
      </div>
      <div className="jobs-summary">
        <ul className="job-counts" aria-label="Uploads by state">
          {countLabels.map(([state, label]) => (
            <li
              key={state}
              className={`job-count sync-count-${state}`}
              data-count={overview[state]}
            >
              <strong>{overview[state]}</strong> {label}
            </li>
          ))}
        </ul>
        <JobsNotice notice={notice} />
      </div>
    </section>
  );
}
