import type { AppInfo, ToolSource, ToolStatus } from '../shared/contract';

const sourceLabel: Record<ToolSource, string> = {
  settings: 'set in Settings',
  env: 'set by environment',
  bundled: 'bundled',
  path: 'found on PATH',
};

/** app.info for a person reading a terminal. */
export function formatAppInfo(info: AppInfo): string {
  const rows: Array<[string, string]> = [
    ['Version', info.version],
    ['Host', info.host],
    ['Platform', `${info.platform}, Node ${info.nodeVersion}`],
    ['Data folder', info.dataDir],
    ['ffprobe', formatTool(info.ffprobe)],
    ['ffmpeg', formatTool(info.ffmpeg)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [info.name, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join(
    '\n',
  );
}

function formatTool(status: ToolStatus): string {
  if (status.kind === 'missing') return `MISSING: ${status.message}`;
  const { version, path, source } = status.tool;
  return `${version}  ${path} (${sourceLabel[source]})`;
}
