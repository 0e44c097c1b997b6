import { isDailiesError } from '../../shared/contract';
import { runTool, type ToolRunContext } from './run-tool';
import { isWithoutAnswer } from './tool-spawner';

const known = new Map<string, Promise<ReadonlySet<string>>>();

/**
 * Whether this ffmpeg build has a filter (`ffmpeg -filters`), asked once per binary and
 * remembered: a system ffmpeg without zimg has no zscale, and a still is then made without
 * tone-mapping rather than failing. A build that cannot list its filters has none of them.
 * A run that did not end by itself (timed out, cancelled, its spawner went away) is not
 * remembered, and one whose spawner went away (or the engine is stopping) says nothing about
 * the build: its error fails the stills, whose attempt is tried again.
 */
export async function hasFilter(
  ffmpeg: string,
  name: string,
  run: ToolRunContext = {},
): Promise<boolean> {
  const listing = known.get(ffmpeg) ?? listFilters(ffmpeg, run);
  try {
    return (await listing).has(name);
  } catch (error) {
    if (isWithoutAnswer(error)) throw error;
    // Another analysis's listing, cancelled with it: that says nothing about the build, so
    // this one asks for itself rather than go without.
    if (isCancellation(error) && known.get(ffmpeg) !== listing && !run.signal?.aborted)
      return hasFilter(ffmpeg, name, run);
    return false;
  }
}

function isCancellation(error: unknown): boolean {
  return isDailiesError(error) && error.code === 'E_CANCELLED';
}

/** Asks the binary for its filters, remembered once it answered. */
function listFilters(ffmpeg: string, run: ToolRunContext): Promise<ReadonlySet<string>> {
  const filters = runTool(ffmpeg, ['-hide_banner', '-filters'], run).then((result) =>
    parseFilters(result.exitCode === 0 ? result.stdout : ''),
  );
  known.set(ffmpeg, filters);
  filters.catch(() => {
    if (known.get(ffmpeg) === filters) known.delete(ffmpeg);
  });
  return filters;
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
