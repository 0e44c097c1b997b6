import { Fragment } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  addingLabel,
  bulkCancelLabel,
  bulkLabel,
  bulkName,
} from '../components/bulk-progress-wording';
import { useDailies } from '../store/store-context';

/**
 * Whole-batch work running in the engine, in every view: files being added and bulk calls
 * (a removal, emptying the trash, pausing every job...), each with Cancel. Gone when done;
 * a stopped call says how far it got in the notice it normally answers in.
 * The numbers change many times a second, so only the names of what runs are announced.
 */
export function BulkProgressStrip() {
  const { adding, running, cancelling, cancelError, stopping, stopError } = useDailies(
    useShallow((s) => ({
      adding: s.ingestProgress && s.ingestProgress.phase !== 'done' ? s.ingestProgress : null,
      running: s.bulkRunning,
      cancelling: s.addCancelling,
      cancelError: s.addCancelError,
      stopping: s.bulkStopping,
      stopError: s.bulkCancelError,
    })),
  );
  const cancelAdd = useDailies((s) => s.cancelAdd);
  const cancelBulk = useDailies((s) => s.cancelBulk);
  const names = [
    ...(adding ? ['Adding files'] : []),
    ...running.map((entry) => bulkName(entry.operation)),
  ];
  return (
    <>
      {/* Always present: a live region added with its text is not announced. */}
      <p className="visually-hidden" role="status">
        {names.length > 0 ? `${names.join(', ')} in progress` : ''}
      </p>
      {names.length > 0 && (
        <section className="bulk-strip" aria-label="Work in progress">
          {adding && (
            <div className="bulk-strip-item">
              <span className="bulk-strip-label">{addingLabel(adding)}</span>
              <progress
                className="bulk-strip-bar"
                aria-label="Adding files"
                max={Math.max(adding.filesFound, 1)}
                value={adding.phase === 'hashing' ? adding.filesDone : undefined}
              />
              <button
                type="button"
                className="button button-small"
                aria-label="Cancel adding files"
                disabled={cancelling === adding.batchId}
                onClick={() => void cancelAdd(adding.batchId)}
              >
                {cancelling === adding.batchId ? 'Stopping…' : 'Cancel'}
              </button>
            </div>
          )}
          {adding && cancelError && <p className="bulk-strip-error">{cancelError}</p>}
          {running.map((entry) => {
            const asked = stopping.includes(entry.runId);
            return (
              <Fragment key={entry.runId}>
                <div className="bulk-strip-item">
                  <span className="bulk-strip-label">{bulkLabel(entry)}</span>
                  <progress
                    className="bulk-strip-bar"
                    aria-label={bulkName(entry.operation)}
                    max={Math.max(entry.total ?? 1, 1)}
                    value={entry.total === null ? undefined : entry.done}
                  />
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={bulkCancelLabel(entry.operation)}
                    disabled={asked}
                    onClick={() => void cancelBulk(entry.runId)}
                  >
                    {asked ? 'Stopping…' : 'Cancel'}
                  </button>
                </div>
                {stopError?.runId === entry.runId && (
                  <p className="bulk-strip-error">{stopError.message}</p>
                )}
              </Fragment>
            );
          })}
        </section>
      )}
    </>
  );
}
