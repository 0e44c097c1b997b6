import type { Job } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';
import { baseName, formatWhen } from '../../components/format';
import { stageLabel } from '../../components/stage-label';
import { reasonLabels } from './reason-labels';

/**
 * One analysis job: the asset, what is happening to it (stage and progress, the wait, the
 * reason it failed) and the actions that apply to its state. Buttons name the asset, so a
 * screen reader's list of buttons says which job each one acts on.
 */
export function JobRow({ job }: { job: Job }) {
  const name = useDailies((s) => s.jobAssetNames[job.spec.assetId]);
  const progress = useDailies((s) => s.jobProgress[job.id]);
  const runJobAction = useDailies((s) => s.runJobAction);
  const title = name?.title ?? `Asset ${job.spec.assetId}`;
  const file = progress?.file ? baseName(progress.file) : (name?.fileName ?? '');
  const act = (action: 'pause' | 'resume' | 'cancel' | 'retry') =>
    void runJobAction(action, { ids: [job.id] });
  const button = (action: 'pause' | 'resume' | 'cancel' | 'retry', label: string) => (
    <button
      type="button"
      className={`button button-small${action === 'cancel' ? ' button-quiet-danger' : ''}`}
      aria-label={`${label} analysis of ${title}`}
      onClick={() => act(action)}
    >
      {label}
    </button>
  );

  return (
    <li className={`job-row job-${job.state}`} data-job-id={job.id}>
      <div className="job-name">
        <span className="job-title">{title}</span>
        <span className="job-file mono" title={progress?.file ?? file}>
          {file}
        </span>
      </div>
      <div className="job-state">
        <JobState job={job} title={title} />
      </div>
      <div className="job-actions">
        {job.state === 'running' || job.state === 'queued' ? button('pause', 'Pause') : null}
        {job.state === 'paused' ? button('resume', 'Resume') : null}
        {job.state === 'failed' || job.state === 'cancelled' ? button('retry', 'Retry') : null}
        {job.state === 'running' || job.state === 'queued' || job.state === 'paused'
          ? button('cancel', 'Cancel')
          : null}
      </div>
    </li>
  );
}

function JobState({ job, title }: { job: Job; title: string }) {
  const progress = useDailies((s) => s.jobProgress[job.id]);
  switch (job.state) {
    case 'running': {
      const percent = Math.round(progress?.percent ?? job.progress);
      return (
        <>
          <span className="job-stage">
            <span>{stageLabel(progress?.stage)}</span>
            <span className="job-percent">{percent} %</span>
          </span>
          <progress
            className="job-bar"
            max={100}
            value={percent}
            aria-label={`Analysing ${title}`}
          />
        </>
      );
    }
    case 'queued':
      return job.runAfter && job.error ? (
        <span className="job-note">
          Trying again at {formatWhen(job.runAfter)}: {job.error.message}
        </span>
      ) : (
        <span className="job-note muted">
          Waiting · {job.spec.kind === 'analyse' ? reasonLabels[job.spec.reason] : 'upload'}
        </span>
      );
    case 'paused':
      return <span className="job-note muted">Paused; starts over when resumed</span>;
    case 'failed':
      return (
        <span className="job-error">
          {job.error?.message ?? 'The analysis failed.'}
          {job.attempts > 1 ? (
            <span className="muted"> · after {job.attempts} attempts</span>
          ) : null}
        </span>
      );
    case 'done':
      return (
        <span className="job-note">
          <span className="chip chip-ready">Done</span>{' '}
          <span className="muted">{formatWhen(job.finishedAt)}</span>
        </span>
      );
    case 'cancelled':
      return (
        <span className="job-note">
          <span className="chip">Cancelled</span>{' '}
          <span className="muted">{formatWhen(job.finishedAt)}</span>
        </span>
      );
  }
}
