import type { ToolSource, ToolStatus } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';

const sourceLabels: Record<ToolSource, string> = {
  settings: 'the path set below',
  env: 'an environment variable',
  bundled: 'the copy bundled with Dailies',
  path: 'the system PATH',
};

/** Which ffmpeg and ffprobe the engine uses, where it found them, or why it could not. */
export function MediaToolsStatus() {
  const info = useDailies((s) => s.appInfo);
  if (!info) return null;
  return (
    <div className="tool-list">
      <ToolRow name="ffmpeg" status={info.ffmpeg} />
      <ToolRow name="ffprobe" status={info.ffprobe} />
    </div>
  );
}

function ToolRow({ name, status }: { name: string; status: ToolStatus }) {
  return (
    // A named group around its own <dl>: a <dl> may hold only dt/dd groups, not a role.
    <div className="tool-row" role="group" aria-label={name}>
      <dl className="tool-pair">
        <dt>
          <span
            className={`dot ${status.kind === 'found' ? 'dot-ok' : 'dot-bad'}`}
            aria-hidden="true"
          />
          {name}
        </dt>
        {status.kind === 'found' ? (
          <dd>
            <span className="tool-version">{status.tool.version}</span>
            <span className="mono tool-path">{status.tool.path}</span>
            <span className="muted">Found via {sourceLabels[status.tool.source]}</span>
          </dd>
        ) : (
          <dd className="status-bad">{status.message}</dd>
        )}
      </dl>
    </div>
  );
}
