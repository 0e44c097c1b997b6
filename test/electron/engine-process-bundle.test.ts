import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireMessage } from '../../src/shared/contract';
import { configArg } from '../../src/main/engine-host/engine-process-protocol';
import { tempDir } from '../helpers/temp-dir';
import { buildElectronTarget } from './build-electron-target';
import { nodePortAsMain, until } from './fake-electron';
import { FakeSpawnerUtilityProcess } from './fake-spawner-process';

const root = path.resolve(import.meta.dirname, '../..');
let outDir = '';

beforeAll(async () => {
  outDir = await buildElectronTarget('main');
});

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

/**
 * Runs the BUILT out/main/engine-process.js in a worker thread whose process.parentPort is
 * a fake of Electron's (the one thing a utility process has that Node lacks). Everything
 * else is real: the bundle, its external packages, SQLite, the migrations folder.
 */
const workerSource = `
const { parentPort: toTest } = require('node:worker_threads');
const { EventEmitter } = require('node:events');
const { pathToFileURL } = require('node:url');
const asMain = (port) => ({
  on(event, listener) {
    if (event === 'message') port.on('message', (data) => listener({ data }));
    else port.on(event, listener);
    return this;
  },
  postMessage: (message) => port.postMessage(message),
  start: () => port.start(),
  close: () => port.close(),
});
const parentPort = new EventEmitter();
parentPort.postMessage = (message) => toTest.postMessage(message);
toTest.on('message', ({ message, port }) =>
  parentPort.emit('message', { data: message, ports: port ? [asMain(port)] : [] }),
);
process.parentPort = parentPort;
import(pathToFileURL(process.env.ENGINE_PROCESS_FILE).href).catch((error) => {
  toTest.postMessage({ kind: 'load-error', message: String(error && error.stack || error) });
});
`;

describe('the built engine process', () => {
  it('starts the engine from its argument, serves a renderer port, and stops cleanly', async () => {
    const dataDir = tempDir('dailies-utility-');
    const engineFile = path.join(outDir, 'engine-process.js');
    const fromEngine: Array<{ kind: string; [key: string]: unknown }> = [];
    const worker = new Worker(workerSource, {
      eval: true,
      argv: [
        configArg({
          dataDir,
          migrationsDir: path.join(root, 'src/engine/catalog/migrations'),
          version: '9.9.9-test',
        }),
      ],
      env: { ...process.env, ENGINE_PROCESS_FILE: engineFile },
      stdout: true,
    });
    let exitCode: number | null = null;
    // Main's part: the engine asks for the tool spawner, and gets a port to the BUILT script.
    const spawner = new FakeSpawnerUtilityProcess(path.join(outDir, 'tool-spawner.cjs'));
    worker.on('message', (message: { kind: string }) => {
      fromEngine.push(message);
      if (message.kind !== 'spawner') return;
      const { port1, port2 } = new MessageChannel();
      spawner.postMessage({ kind: 'connect' }, [nodePortAsMain(port1)]);
      worker.postMessage({ message: { kind: 'spawner-port' }, port: port2 }, [port2]);
    });
    worker.on('exit', (code) => {
      exitCode = code;
    });
    try {
      await until(() => fromEngine.length > 0, 'the engine process to report', 2_000);
      expect(fromEngine[0]).toEqual({ kind: 'ready', dataDir });

      const { port1, port2 } = new MessageChannel();
      const received: WireMessage[] = [];
      port2.on('message', (message: WireMessage) => received.push(message));
      worker.postMessage({ message: { kind: 'connect', rendererId: 1 }, port: port1 }, [port1]);
      port2.postMessage({ kind: 'request', id: 1, method: 'app.info', input: {} });
      port2.postMessage({
        kind: 'request',
        id: 2,
        method: 'settings.set',
        input: { theme: 'dark' },
      });
      await until(
        () => received.filter((m) => m.kind === 'response').length === 2,
        'answers',
        2_000,
      );

      expect(received[0]).toEqual({ kind: 'event', name: 'engine.ready', payload: { dataDir } });
      expect(received.find((m) => m.kind === 'response' && m.id === 1)).toMatchObject({
        result: {
          ok: true,
          value: {
            host: 'electron',
            version: '9.9.9-test',
            dataDir,
            ffprobe: { kind: 'found' },
            ffmpeg: { kind: 'found' },
          },
        },
      });
      // Asking the tools' versions ran them through the spawner process, not forked here.
      expect(spawner.runs.map((file) => path.basename(file)).sort()).toEqual(['ffmpeg', 'ffprobe']);
      expect(received.find((m) => m.kind === 'response' && m.id === 2)).toMatchObject({
        result: { ok: true, value: { theme: 'dark' } },
      });
      expect(received).toContainEqual(
        expect.objectContaining({ kind: 'event', name: 'settings.changed' }),
      );
      expect(fs.existsSync(path.join(dataDir, 'dailies.lock'))).toBe(true);

      worker.postMessage({ message: { kind: 'stop' } });
      await until(() => exitCode !== null, 'the engine process to exit', 2_000);
      expect(exitCode).toBe(0);
      expect(fromEngine.map((m) => m.kind)).toEqual(['ready', 'spawner', 'stopped']);
      expect(fs.existsSync(path.join(dataDir, 'dailies.lock'))).toBe(false);
      port2.close();
    } finally {
      await worker.terminate();
      spawner.kill();
    }
  });

  it('reports why it cannot start instead of dying silently', async () => {
    const dataDir = tempDir('dailies-utility-');
    const fromEngine: Array<{ kind: string; [key: string]: unknown }> = [];
    const worker = new Worker(workerSource, {
      eval: true,
      argv: [
        configArg({ dataDir, migrationsDir: path.join(dataDir, 'no-migrations'), version: '1' }),
      ],
      env: { ...process.env, ENGINE_PROCESS_FILE: path.join(outDir, 'engine-process.js') },
      stdout: true,
    });
    worker.on('message', (message) => fromEngine.push(message));
    let exitCode: number | null = null;
    worker.on('exit', (code) => {
      exitCode = code;
    });
    try {
      await until(() => exitCode !== null, 'the engine process to exit', 2_000);
      expect(exitCode).toBe(1);
      expect(fromEngine).toMatchObject([{ kind: 'failed', error: { retryable: false } }]);
    } finally {
      await worker.terminate();
    }
  });
});
