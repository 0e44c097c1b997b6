/**
 * The source of the tool spawner: a tiny Node program run with `node -e`, so no file has to
 * be shipped beside the engine. It starts tools on request (IPC messages from the engine),
 * collects their output up to the asked cap and sends it back when they end. Forking this
 * ~40 MB process costs far less than forking the engine's ~200 MB one, twice per file.
 * It ends, killing its tools, as soon as the engine's channel closes (the engine went away).
 */
export const SPAWNER_SOURCE = String.raw`
'use strict';
const { spawn } = require('node:child_process');
const env = Object.assign({}, process.env);
delete env.ELECTRON_RUN_AS_NODE;
const running = new Map();
const send = (message) => { if (process.connected) process.send(message); };
function start(request) {
  const { id, file, args, max } = request;
  let child;
  try {
    child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, env });
  } catch (error) {
    send({ t: 'error', id, code: error.code || null, message: String(error.message) });
    return;
  }
  running.set(id, child);
  let ended = false;
  if (child.pid !== undefined) send({ t: 'pid', id, pid: child.pid });
  const out = [], err = [];
  let outBytes = 0, errBytes = 0;
  child.stdout.on('data', (chunk) => { if (outBytes < max) out.push(chunk); outBytes += chunk.length; });
  child.stderr.on('data', (chunk) => { if (errBytes < max) err.push(chunk); errBytes += chunk.length; });
  child.on('error', (error) => {
    if (ended) return;
    ended = true;
    running.delete(id);
    send({ t: 'error', id, code: error.code || null, message: String(error.message) });
  });
  child.on('close', (exitCode, signal) => {
    if (ended) return;
    ended = true;
    running.delete(id);
    send({
      t: 'done', id, exitCode, signal,
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
    });
  });
}
process.on('message', (message) => {
  if (message.t === 'run') start(message);
  else if (message.t === 'kill') running.get(message.id)?.kill('SIGKILL');
});
process.on('disconnect', () => {
  for (const child of running.values()) child.kill('SIGKILL');
  process.exit(0);
});
send({ t: 'ready' });
`;
