import { execFileSync } from 'node:child_process';

/** Debian's Chromium; Playwright's own browser download is not available on these machines. */
export function chromiumPath(): string {
  return (
    process.env.CHROMIUM_PATH ?? execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim()
  );
}
