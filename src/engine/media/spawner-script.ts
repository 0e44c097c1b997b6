/**
 * The source of the tool spawner: a tiny Node program that starts tools on request from the
 * engine, collects their output up to the asked cap and sends it back when they end. Forking
 * this ~40 MB process costs far less than forking the engine's ~200 MB one, twice per file.
 *
 * It runs two ways, one source:
 * - as a Node child of the engine (`node -e`, child-spawner-channel.ts), over the child's IPC,
 *   so no file has to be shipped beside the CLI; it ends, killing its tools, as soon as that
 *   channel closes (the engine went away);
 * - in the desktop app, as a utility process of its own that main starts (the build writes
 *   this source to out/main/tool-spawner.cjs). Main hands it one MessagePort per engine
 *   (`process.parentPort`); when a port closes, the tools started over it are killed.
 */
export const SPAWNER_SOURCE = String.raw`
'use strict';
const { spawn } = require('node:child_process');
const env = Object.assign({}, process.env);
delete env.ELECTRON_RUN_AS_NODE;
// One engine's link: send(message), and the engine's messages and its going away.
function serve(link) {
  const running = new Map();
  function start(request) {
    const { id, file, args, max } = request;
    let child;
    try {
      child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, env });
    } catch (error) {
      link.send({ t: 'error', id, code: error.code || null, message: String(error.message) });
      return;
    }
    running.set(id, child);
    let ended = false;
    if (child.pid !== undefined) link.send({ t: 'pid', id, pid: child.pid });
    const out = [], err = [];
    let outBytes = 0, errBytes = 0;
    child.stdout.on('data', (chunk) => { if (outBytes < max) out.push(chunk); outBytes += chunk.length; });
    child.stderr.on('data', (chunk) => { if (errBytes < max) err.push(chunk); errBytes += chunk.length; });
    child.on('error', (error) => {
      if (ended) return;
      ended = true;
      running.delete(id);
      link.send({ t: 'error', id, code: error.code || null, message: String(error.message) });
    });
    child.on('close', (exitCode, signal) => {
      if (ended) return;
      ended = true;
      running.delete(id);
      link.send({
        t: 'done', id, exitCode, signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  }
  link.onMessage((message) => {
    if (message.t === 'run') start(message);
    else if (message.t === 'kill') running.get(message.id)?.kill('SIGKILL');
  });
  link.onClose(() => {
    for (const child of running.values()) child.kill('SIGKILL');
    running.clear();
  });
  link.send({ t: 'ready', pid: process.pid });
}
if (process.parentPort) {
  // An Electron utility process: main hands over a MessagePort per engine.
  process.parentPort.on('message', (event) => {
    const port = event.ports && event.ports[0];
    if (!port) return;
    let open = true;
    serve({
      send: (message) => { if (open) port.postMessage(message); },
      onMessage: (listener) => port.on('message', (messageEvent) => listener(messageEvent.data)),
      onClose: (listener) => port.on('close', () => { open = false; listener(); }),
    });
    port.start();
  });
} else {
  serve({
    send: (message) => { if (process.connected) process.send(message); },
    onMessage: (listener) => process.on('message', listener),
    onClose: (listener) => process.on('disconnect', () => { listener(); process.exit(0); }),
  });
}
`;
