import { useState } from 'react';
import type { SyncStep } from '../../../shared/contract';
import type { JobAction } from '../../store/job-actions';
import { useDailies } from '../../store/store-context';
import type { SyncRow } from '../../store/sync-queue';
import { baseName, formatWhen } from '../../components/format';
import { WhereItWent } from '../../components/WhereItWent';
import { ConflictResolver } from './ConflictResolver';
import { bytesLine, stepLabels, trackLabels, trackSteps } from './upload-labels';

type RowState = 'uploading' | 'waiting' | 'paused' | 'failed' | 'conflict' | 'synced' | 'stopped';

function rowState(row: SyncRow): RowState {
  if (row.status.conflict) return 'conflict';
  switch (row.job?.state ?? row.status.jobState) {
    case 'running':
      return 'uploading';
    case 'queued':
      return 'waiting';
    case 'paused':
      return 'paused';
    case 'failed':
      return 'failed';
    case 'done':
      return 'synced';
    case 'cancelled':
      return 'stopped';
    default:
      // No job speaks for it: settled by the editor (synced) or never finished.
      return row.status.step === 'synced' ? 'synced' : 'stopped';
  }
}

const stateLabels: Record<RowState, string> = {
  uploading: 'Uploading',
  waiting: 'Waiting',
  paused: 'Paused',
  failed: 'Failed',
  conflict: 'Conflict',
  synced: 'Synced',
  stopped: 'Cancelled',
};

/**
 * One asset in the upload queue: its title, the step its sync reached, what it does now, the
 * file uploading with bytes, speed and time left, and the actions its state allows. Buttons
 * name the asset, so a screen reader's list of buttons says which row each acts on.
 */
export function UploadRow({
  row,
  position,
}: {
  row: SyncRow;
  /** Place among the waiting rows, with how many wait, for the move buttons. */
  position?: { index: number; count: number };
}) {
  const name = useDailies((s) => s.jobAssetNames[row.assetId]);
  const activity = useDailies((s) => s.syncActivity[row.assetId]);
  const runSyncAction = useDailies((s) => s.runSyncAction);
  const moveSyncJob = useDailies((s) => s.moveSyncJob);
  const [resolving, setResolving] = useState(false);
  const title = name?.title ?? `Asset ${row.assetId}`;
  const state = rowState(row);
  const { status, job } = row;
  const upload = state === 'uploading' ? status.upload : null;

  const act = (action: JobAction, label: string, danger = false) =>
    job ? (
      <button
        type="button"
        className={`button button-small${danger ? ' button-quiet-danger' : ''}`}
        aria-label={`${label} upload of ${title}`}
        onClick={() => void runSyncAction(action, { ids: [job.id] })}
      >
        {label}
      </button>
    ) : null;
  const move = (where: 'top' | 'up' | 'down', label: string, text: string, disabled: boolean) =>
    job ? (
      <button
        type="button"
        className="button button-small button-icon"
        aria-label={`Move ${title} ${label}`}
        title={`Move ${label}`}
        disabled={disabled}
        onClick={() => void moveSyncJob(job.id, where)}
      >
        {text}
      </button>
    ) : null;

  return (
    <li
      className={`sync-row sync-${state}`}
      data-asset-id={row.assetId}
      data-state={state}
      data-step={status.step}
    >
      <div className="sync-name">
        <span className="job-title">{title}</span>
        <span className="job-file mono">{name?.fileName ?? ''}</span>
      </div>
      <div className="sync-detail">
        <div className="sync-line">
          <span className={`chip chip-sync-${state}`}>{stateLabels[state]}</span>
          {state === 'synced' ? null : <span className="sync-step">{stepLabels[status.step]}</span>}
          {state === 'uploading' &&
          activity &&
          activity.toLowerCase() !== stepLabels[status.step].toLowerCase() ? (
            <span className="sync-activity muted">· {activity}</span>
          ) : null}
        </div>
        <StepTrack step={status.step} />
        {upload ? (
          <div className="sync-upload">
            <progress
              className="job-bar"
              max={Math.max(1, upload.bytesTotal)}
              value={upload.bytesSent}
              aria-label={`Uploading ${baseName(upload.key)} of ${title}`}
            />
            <span className="sync-bytes">
              <span className="mono">{baseName(upload.key)}</span>{' '}
              {bytesLine(
                upload.bytesSent,
                upload.bytesTotal,
                upload.bytesPerSecond,
                upload.etaSeconds,
              )}
            </span>
          </div>
        ) : null}
        {state === 'waiting' && job?.runAfter && job.error ? (
          <span className="job-note">
            Trying again at {formatWhen(job.runAfter)}: {job.error.message}
          </span>
        ) : null}
        {(state === 'failed' || state === 'paused' || state === 'conflict') && status.lastError ? (
          <span className="job-error sync-error">{status.lastError.message}</span>
        ) : null}
        {state === 'synced' ? (
          <>
            <span className="muted">
              Content {status.contentId ?? '—'} · {formatWhen(job?.finishedAt ?? status.updatedAt)}
            </span>
            <details className="sync-where">
              <summary>Where it went</summary>
              <WhereItWent assetId={status.assetId} headingLevel={4} />
            </details>
          </>
        ) : null}
      </div>
      <div className="job-actions">
        {position ? (
          <>
            {move('top', 'to the top', '⤒', position.index === 0)}
            {move('up', 'up', '↑', position.index === 0)}
            {move('down', 'down', '↓', position.index === position.count - 1)}
          </>
        ) : null}
        {state === 'uploading' || state === 'waiting' ? act('pause', 'Pause') : null}
        {state === 'paused' ? act('resume', 'Resume') : null}
        {state === 'failed' || state === 'stopped' ? act('retry', 'Retry') : null}
        {state === 'conflict' ? (
          <button
            type="button"
            className="button button-small"
            aria-expanded={resolving}
            aria-label={`Resolve the conflict of ${title}`}
            onClick={() => setResolving((open) => !open)}
          >
            Resolve…
          </button>
        ) : null}
        {state === 'uploading' || state === 'waiting' || state === 'paused'
          ? act('cancel', 'Cancel', true)
          : null}
      </div>
      {resolving && status.conflict ? (
        <ConflictResolver
          assetId={row.assetId}
          title={title}
          conflict={status.conflict}
          onDone={() => setResolving(false)}
        />
      ) : null}
    </li>
  );
}

/** The pipeline's steps, those done filled: where this asset's sync stands at a glance. */
function StepTrack({ step }: { step: SyncStep }) {
  const reached = trackSteps.indexOf(step);
  return (
    <ol className="sync-track" aria-label={`Steps: ${stepLabels[step]}`}>
      {trackSteps.map((each, i) => (
        <li
          key={each}
          className={i <= reached ? 'is-done' : i === reached + 1 ? 'is-next' : undefined}
        >
          {trackLabels[each]}
        </li>
      ))}
    </ol>
  );
}
