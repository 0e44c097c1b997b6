#!/usr/bin/env node
import module from 'node:module';
import { exitStatus } from './exit-codes';
import { nodeVersionRefusal } from './node-version-guard';

/**
 * `dailies`: `npm run cli -- <args>` from the source, or `node out/cli/dailies.mjs <args>`
 * when built. An older Node is refused here, before anything else is imported: the catalog's
 * native module is built for Node 24's ABI, and Node 20 loading it crashed (SIGSEGV) or
 * failed with "Something went wrong inside Dailies".
 */
const refusal = nodeVersionRefusal(process.versions.node);
if (refusal) {
  process.stderr.write(`dailies: ${refusal}\n`);
  process.exitCode = exitStatus('nodeTooOld');
} else {
  // Before the import, so the compile cache covers the CLI's own modules too.
  module.enableCompileCache?.();
  await import('./start-cli');
}
