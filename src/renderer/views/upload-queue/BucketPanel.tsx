import { useState, type ReactNode } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { plural } from '../../store/plural';
import { useDailies } from '../../store/store-context';
import type { BucketResult } from '../../store/bucket-slice';
import { formatWhen } from '../../components/format';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatBytes } from '../../components/format';
import { findingText } from './upload-labels';

/**
 * Housekeeping of the active profile's bucket: compare the catalog with the bucket and the
 * platform, abort Dailies' own stale unfinished uploads, and list colleagues' (aborting one
 * of those is a separate action the editor confirms).
 */
export function BucketPanel() {
  const bucket = useDailies((s) => s.syncBucket);
  const names = useDailies((s) => s.jobAssetNames);
  const reconcile = useDailies((s) => s.reconcileBucket);
  const cleanup = useDailies((s) => s.cleanupUploads);
  const listForeign = useDailies((s) => s.listForeignUploads);
  const profile = useDailies((s) => s.profiles?.find((p) => p.active) ?? null);
  const title = (id: number) => names[id]?.title ?? `Asset ${id}`;

  return (
    <section className="bucket-panel" aria-labelledby="bucket-title">
      <h2 id="bucket-title" className="job-group-title">
        Bucket{profile ? <span className="muted"> · profile “{profile.name}”</span> : null}
      </h2>
      <div className="bucket-actions">
        <BucketAction
          label="Reconcile"
          explain="Checks that the bucket and the platform hold what the catalog says was synced."
          result={bucket.reconcile}
          run={reconcile}
        >
          {(report) =>
            report.findings.length === 0 ? (
              <p className="notice-ok">
                Checked {plural(report.checked, 'asset')}: everything matches.
              </p>
            ) : (
              <>
                <p>
                  Checked {plural(report.checked, 'asset')}: {report.findings.length} to look at.
                </p>
                <ul className="bucket-list">
                  {report.findings.map((finding, i) => (
                    <li key={`${finding.kind}-${finding.assetId}-${i}`}>
                      {findingText(finding, title(finding.assetId))}
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        </BucketAction>
        <BucketAction
          label="Clean up stale uploads"
          explain="Aborts unfinished uploads Dailies started over a day ago. Colleagues’ uploads are never touched."
          result={bucket.cleanup}
          run={cleanup}
        >
          {({ aborted }) =>
            aborted.length === 0 ? (
              <p className="notice-ok">No stale uploads of yours.</p>
            ) : (
              <>
                <p>Aborted {aborted.length} unfinished uploads:</p>
                <ul className="bucket-list">
                  {aborted.map((upload) => (
                    <li key={upload.uploadId}>
                      <span className="mono">{upload.key}</span>{' '}
                      <span className="muted">started {formatWhen(upload.createdAt)}</span>
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        </BucketAction>
        <BucketAction
          label="Other people’s unfinished uploads"
          explain="Lists unfinished uploads in this profile’s folder that Dailies did not start."
          result={bucket.foreign}
          run={listForeign}
        >
          {(uploads) =>
            uploads.length === 0 ? (
              <p className="notice-ok">None.</p>
            ) : (
              <ForeignUploads uploads={uploads} />
            )
          }
        </BucketAction>
      </div>
    </section>
  );
}

type ForeignUpload = MethodOutput<'sync.listForeignUploads'>[number];

/** Colleagues' unfinished uploads; each can be aborted, after a question that defaults to no. */
function ForeignUploads({ uploads }: { uploads: ForeignUpload[] }) {
  const abort = useDailies((s) => s.abortForeignUpload);
  const [asking, setAsking] = useState<ForeignUpload | null>(null);
  return (
    <>
      <ul className="bucket-list" aria-label="Other people’s unfinished uploads">
        {uploads.map((upload) => (
          <li key={upload.uploadId}>
            <span className="mono">{upload.key}</span> · {formatBytes(upload.bytes)} in{' '}
            {upload.parts} {upload.parts === 1 ? 'part' : 'parts'}
            {upload.initiator ? ` · by ${upload.initiator}` : ''}
            {upload.initiated ? ` · started ${formatWhen(upload.initiated)}` : ''}{' '}
            <button
              type="button"
              className="button button-small"
              aria-label={`Abort the unfinished upload at ${upload.key}`}
              onClick={() => setAsking(upload)}
            >
              Abort…
            </button>
          </li>
        ))}
      </ul>
      {asking ? (
        <ConfirmDialog
          title="Abort someone else’s upload?"
          confirmLabel="Abort upload"
          cancelLabel="Keep it"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            void abort(asking.key, asking.uploadId);
          }}
        >
          <p>
            Dailies did not start the upload at <span className="mono">{asking.key}</span>. Its{' '}
            {formatBytes(asking.bytes)} already sent are deleted, and if a colleague is still
            sending it, their upload fails.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function BucketAction<T>({
  label,
  explain,
  result,
  run,
  children,
}: {
  label: string;
  explain: string;
  result: BucketResult<T> | null;
  run: () => Promise<void>;
  children: (value: T) => ReactNode;
}) {
  return (
    <div className="bucket-action">
      <div className="bucket-action-head">
        <button
          type="button"
          className="button"
          disabled={result?.kind === 'running'}
          onClick={() => void run()}
        >
          {label}
        </button>
        <span className="muted">{explain}</span>
      </div>
      <div className="bucket-result" role="status" aria-label={`${label}: result`}>
        {result?.kind === 'running' ? <p className="muted">Working…</p> : null}
        {result?.kind === 'failed' ? <p className="notice-bad">{result.message}</p> : null}
        {result?.kind === 'done' ? children(result.value) : null}
      </div>
    </div>
  );
}
