/**
 * The oldest Node the CLI runs on: package.json's `engines.node` (a test keeps the two
 * equal). Below it, better-sqlite3 (built for Node 24's ABI) crashes the process on load.
 */
export const MINIMUM_NODE = '24.11.0';

/** What to tell someone running Dailies on an older Node, or null when this one will do. */
export function nodeVersionRefusal(running: string): string | null {
  if (compareVersions(running, MINIMUM_NODE) >= 0) return null;
  const [major, minor] = MINIMUM_NODE.split('.');
  return (
    `Dailies needs Node ${major}.${minor} or newer (this is ${running}). ` +
    `Install Node ${major} (https://nodejs.org) and run the same command with it.`
  );
}

/** Negative, zero or positive as `a` is older than, the same as or newer than `b`. */
function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split('.').map((part) => Number.parseInt(part, 10));
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < 3; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
