import { useShallow } from 'zustand/react/shallow';
import { useDailies } from '../../store/store-context';
import { formatBytes } from '../../components/format';

/** A batch on its way (progress bar) and, after it, what it did and what it could not read. */
export function IngestPanel() {
  const { progress, report, error, running } = useDailies(
    useShallow((s) => ({
      progress: s.ingestProgress,
      report: s.ingestReport,
      error: s.ingestError,
      running: s.ingestRunning,
    })),
  );
  const dismiss = useDailies((s) => s.dismissIngest);
  const active = running || (progress !== null && progress.phase !== 'done');
  if (!active && !report && !error) return null;

  if (active) {
    const fraction =
      progress && progress.bytesTotal > 0
        ? progress.bytesDone / progress.bytesTotal
        : progress && progress.filesFound > 0
          ? progress.filesDone / progress.filesFound
          : 0;
    const label =
      progress?.phase === 'hashing'
        ? `Reading ${progress.filesDone} of ${progress.filesFound} files (${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)})`
        : `Looking for videos… ${progress?.filesFound ?? 0} found`;
    return (
      <section className="ingest" aria-label="Adding footage">
        <div className="ingest-line">
          <span>{label}</span>
          {progress?.problems ? (
            <span className="status-bad">{progress.problems} problems</span>
          ) : null}
        </div>
        <progress
          className="ingest-bar"
          aria-label="Adding footage"
          max={1}
          value={progress?.phase === 'hashing' ? fraction : undefined}
        />
        {progress?.currentPath ? <p className="ingest-path mono">{progress.currentPath}</p> : null}
      </section>
    );
  }

  return (
    <section className="ingest" aria-label="Footage added" role="status">
      <div className="ingest-line">
        {error ? (
          <span className="status-bad">{error}</span>
        ) : report ? (
          <span>
            Added {report.added} of {report.filesFound} videos found
            {report.duplicates ? ` · ${report.duplicates} already in the catalog` : ''}
            {report.unchanged ? ` · ${report.unchanged} unchanged` : ''}
            {report.restored ? ` · ${report.restored} restored from the trash` : ''}
            {report.skipped ? ` · ${report.skipped} other files skipped` : ''}
          </span>
        ) : null}
        <button type="button" className="button button-small push-right" onClick={dismiss}>
          Dismiss
        </button>
      </div>
      {report && report.problems.length > 0 ? (
        <>
          <h3 className="ingest-problems-title">
            {report.problems.length === 1
              ? 'One path could not be added'
              : `${report.problems.length} paths could not be added`}
          </h3>
          <ul className="ingest-problems">
            {report.problems.map((problem) => (
              <li key={problem.path}>
                <span className="mono">{problem.path}</span>
                <span>{problem.message}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
