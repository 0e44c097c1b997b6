import { runTool, type RunToolOptions } from './run-tool';

const known = new Map<string, Promise<ReadonlySet<string>>>();

/**
 * Whether this ffmpeg build has a filter (`ffmpeg -filters`), asked once per binary and
 * remembered: a system ffmpeg without zimg has no zscale, and a still is then made without
 * tone-mapping rather than failing. A build that cannot list its filters has none of them.
 */
export async function hasFilter(
  ffmpeg: string,
  name: string,
  run: Pick<RunToolOptions, 'timeoutMs' | 'signal' | 'onSpawn' | 'launcher'> = {},
): Promise<boolean> {
  let filters = known.get(ffmpeg);
  if (!filters) {
    filters = runTool(ffmpeg, ['-hide_banner', '-filters'], run).then(
      (result) => parseFilters(result.exitCode === 0 ? result.stdout : ''),
      () => new Set<string>(),
    );
    known.set(ffmpeg, filters);
  }
  return (await filters).has(name);
}

/** Lines such as " .S. zscale            V->V       Apply resizing...". */
export function parseFilters(listing: string): ReadonlySet<string> {
  const names = new Set<string>();
  for (const line of listing.split('\n')) {
    const match = /^\s*[.A-Z|]{3}\s+(\w+)\s+\S+->\S+/.exec(line);
    if (match) names.add(match[1]!);
  }
  return names;
}
