import path from 'node:path';
import { packageVersion } from '../engine/app/app-version';
import { defaultDataDir } from '../engine/app/default-data-dir';
import { createFileLogger } from '../engine/logging/logger';
import { SecretRedactor } from '../engine/logging/redactor';
import { commands } from './commands';
import { exitStatus } from './exit-codes';
import { readSecret } from './read-secret';
import { runCli } from './run-cli';

/**
 * The CLI's run, imported by main.ts once it knows this Node can run it. The bundle finds
 * the catalog migrations next to itself (see scripts/build-node.mjs), as the engine resolves
 * them relative to its own module.
 *
 * Start-up is kept short: this module imports only the command table and small helpers;
 * a command's code and the engine are imported when the command runs (lazy chunks in the
 * bundle), and Node's compile cache (enabled in main.ts) keeps their compiled code between
 * runs.
 */
const controller = new AbortController();
let interrupted = false;
const onSignal = () => {
  // The first Ctrl+C lets the command stop cleanly; a second one means "now". The catalog
  // is WAL, so an abrupt exit loses nothing committed.
  if (interrupted) {
    process.stderr.write('\nStopped at once. Run the same command again to continue.\n');
    process.exit(exitStatus('cancelled'));
  }
  interrupted = true;
  process.stderr.write('\nStopping cleanly (Ctrl+C again to stop at once)...\n');
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const status = await runCli(process.argv.slice(2), {
  commands,
  version: packageVersion(),
  defaultDataDir: () => defaultDataDir(process.env),
  openEngine: async (dataDir, { startWork }) => {
    const { createEngine } = await import('../engine/create-engine');
    return createEngine({ dataDir, host: 'cli', version: packageVersion(), startWork });
  },
  // The engine's log file, in the same folder, for a failure before an engine is open.
  openLog: (dataDir) =>
    createFileLogger({
      dir: path.join(dataDir, 'logs'),
      redactor: new SecretRedactor(),
      now: () => new Date(),
    }),
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  terminal: {
    isTTY: process.stderr.isTTY === true,
    color: process.stderr.isTTY === true && !process.env.NO_COLOR,
    stream: process.stderr,
  },
  readSecret: (prompt) => readSecret(prompt),
  signal: controller.signal,
});
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
// A Ctrl+C that lands while the last output drains ends the process with the status already
// decided, not as killed by the signal (a script would read that as a crash).
const exitWithStatus = () => process.exit(status);
process.on('SIGINT', exitWithStatus);
process.on('SIGTERM', exitWithStatus);
// exitCode rather than exit(): pending writes to a pipe still reach the reader.
process.exitCode = status;
