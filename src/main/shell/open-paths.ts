import path from 'node:path';

/**
 * Files and folders handed to Dailies on its command line ("Open with Dailies" on Windows and
 * Linux, a second launch with paths): everything after the executable (and, unpackaged, the
 * app folder) that is not a switch and exists. Unpackaged, the app folder is the first
 * argument that is not a switch, wherever it stands: a launcher may put switches first
 * (Playwright starts `electron --inspect=0 --remote-debugging-port=0 <app>`), and the app
 * folder itself must never be ingested.
 */
export function pathsFromArgv(
  argv: readonly string[],
  options: { cwd: string; isPackaged: boolean; exists(candidate: string): boolean },
): string[] {
  let appFolderSkipped = options.isPackaged;
  const paths: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || arg.length === 0) continue;
    if (!appFolderSkipped) {
      appFolderSkipped = true;
      continue;
    }
    const full = path.resolve(options.cwd, arg);
    if (options.exists(full) && !paths.includes(full)) paths.push(full);
  }
  return paths;
}

/**
 * Paths opened before the window can take them (macOS 'open-file' fires before 'ready')
 * wait here and go out together once the window has loaded; later ones go at once, gathered
 * for a moment so a drop of many files on the dock icon is one ingest.
 */
export function createOpenPathsQueue(deps: {
  send(paths: string[]): void;
  schedule(run: () => void, delayMs: number): void;
}): { add(paths: readonly string[]): void; windowReady(): void; windowGone(): void } {
  let ready = false;
  let flushing = false;
  const waiting: string[] = [];
  const flush = (): void => {
    flushing = false;
    if (!ready || waiting.length === 0) return;
    deps.send(waiting.splice(0));
  };
  return {
    add(paths) {
      for (const entry of paths) if (!waiting.includes(entry)) waiting.push(entry);
      if (ready && !flushing && waiting.length > 0) {
        flushing = true;
        deps.schedule(flush, 100);
      }
    },
    windowReady() {
      ready = true;
      flush();
    },
    windowGone() {
      ready = false;
    },
  };
}
