import path from 'node:path';
import type { MediaInfo } from '../../shared/contract/media';
import { classifyProbeFailure } from './classify-error';
import { ffprobeOutputSchema, normaliseProbe } from './normalise-probe';
import { runTool, type ToolRunContext } from './run-tool';

/*
 * -show_streams already carries the display-matrix side data (with its rotation angle) in
 * ffprobe 4.0 and 5.x alike, and 4.x adds the legacy `rotate` tag; nothing more is needed.
 * `-v error` keeps stderr to real problems, which classify-error reads.
 */
export const probeArgs = (file: string) => [
  '-hide_banner',
  '-v',
  'error',
  '-print_format',
  'json',
  '-show_format',
  '-show_streams',
  // Absolute, so a name starting with "-" or looking like "proto:" is still read as a file.
  path.resolve(file),
];

/**
 * One ffprobe run -> MediaInfo, or a DailiesError: E_NOT_MEDIA when ffprobe recognises no
 * container, E_FILE_MISSING when the file went away, E_TIMEOUT/E_CANCELLED from runTool.
 */
export async function probe(
  ffprobe: string,
  file: string,
  fileSizeBytes: number,
  options: ToolRunContext = {},
): Promise<MediaInfo> {
  const run = await runTool(ffprobe, probeArgs(file), options);
  if (run.exitCode !== 0) throw classifyProbeFailure(run, file);
  let json: unknown;
  try {
    json = JSON.parse(run.stdout);
  } catch {
    throw classifyProbeFailure(run, file);
  }
  const parsed = ffprobeOutputSchema.safeParse(json);
  const info = parsed.success ? normaliseProbe(parsed.data, fileSizeBytes) : null;
  if (!info) throw classifyProbeFailure(run, file);
  return info;
}
