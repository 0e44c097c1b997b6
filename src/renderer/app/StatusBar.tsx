import type { ToolStatus } from '../../shared/contract';
import { useDailies } from '../store/store-context';

/** The engine's own account of itself, always in view: version, tools, data folder. */
export function StatusBar() {
  const info = useDailies((s) => s.appInfo);
  const error = useDailies((s) => s.appInfoError);
  const updateReady = useDailies((s) => s.updateReady);
  const canRestart = useDailies((s) => s.canRestartToUpdate);
  const restartToUpdate = useDailies((s) => s.restartToUpdate);
  return (
    <footer className="status-bar" aria-label="Engine status">
      {updateReady && (
        <span className="status-item status-update" role="status">
          Dailies {updateReady} is ready; it installs when you quit, or now:{' '}
          {canRestart ? (
            <button type="button" className="link-button" onClick={() => void restartToUpdate()}>
              Restart to Update
            </button>
          ) : (
            <strong>Restart to Update</strong>
          )}{' '}
          (also in the Help menu; the Dailies menu on a Mac).
        </span>
      )}
      {error ? (
        <span className="status-item status-bad">{error}</span>
      ) : !info ? (
        <span className="status-item">Connecting to the engine…</span>
      ) : (
        <>
          <span className="status-item">
            Dailies {info.version} <span className="muted">({info.host})</span>
          </span>
          <ToolItem name="ffmpeg" status={info.ffmpeg} />
          <ToolItem name="ffprobe" status={info.ffprobe} />
          <span className="status-item status-path">
            <span className="muted">Data</span> <span className="mono">{info.dataDir}</span>
          </span>
        </>
      )}
    </footer>
  );
}

function ToolItem({ name, status }: { name: string; status: ToolStatus }) {
  return status.kind === 'found' ? (
    <span className="status-item">
      <span className="dot dot-ok" aria-hidden="true" />
      {name} {status.tool.version}
    </span>
  ) : (
    <span className="status-item status-bad">
      <span className="dot dot-bad" aria-hidden="true" />
      {name} missing
    </span>
  );
}
