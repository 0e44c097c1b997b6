/**
 * Entry of the engine's utility process (utilityProcess.fork in main). It must not import
 * electron: a utility process is plain Node plus process.parentPort. Synchronous SQLite,
 * hashing and uploads run here so they can never freeze the window.
 */
import { createEngine } from '../engine/create-engine';
import { runEngineProcess, type ParentPortLike } from './engine-host/run-engine-process';

const parentPort = (process as unknown as { parentPort?: ParentPortLike | null }).parentPort;

if (!parentPort) {
  console.error('engine-process runs inside Electron (utilityProcess.fork), not on its own.');
  process.exit(2);
} else {
  runEngineProcess({
    parentPort,
    argv: process.argv,
    createEngine,
    exit: (code) => process.exit(code),
    logEcho: (line) => process.stdout.write(`${line}\n`),
  });
}
