import { isDailiesError, type ErrorValue } from '../../shared/contract';
import type { Engine, EngineOptions } from '../../engine/create-engine';
import {
  readConfigArg,
  toEngineProcessSchema,
  type FromEngineProcess,
} from './engine-process-protocol';
import { portSpawnerChannel } from '../../engine/media/port-spawner-channel';
import {
  fromMessagePortMain,
  spawnerPortFromMain,
  type MessagePortMainLike,
} from './message-port-main';
import { serveContractPort, type ServedPort } from './serve-contract-port';
import { createSpawnerPortRequests } from './spawner-port-requests';

/** Electron's process.parentPort inside a utility process, as far as we use it. */
export interface ParentPortLike {
  on(
    event: 'message',
    listener: (messageEvent: { data: unknown; ports: MessagePortMainLike[] }) => void,
  ): unknown;
  postMessage(message: FromEngineProcess): void;
}

export interface EngineProcessDeps {
  parentPort: ParentPortLike;
  argv: readonly string[];
  createEngine: (options: EngineOptions) => Engine;
  exit: (code: number) => void;
  /** Mirrors the engine's log lines (the utility process's stdout reaches main's). */
  logEcho?: (line: string) => void;
}

/**
 * The body of the engine's utility process: builds the engine from the configuration main
 * passed, then serves the contract on every port main hands over (one per renderer page).
 * Tools start through the spawner utility process main runs, over a port the engine asks
 * main for (again after the spawner went away).
 * On 'stop' it disposes the engine (closing the catalog and releasing the data-dir lock)
 * before it exits, so a quit never leaves a half-written WAL or a stale lock.
 */
export function runEngineProcess(deps: EngineProcessDeps): void {
  let engine: Engine;
  const spawnerPorts = createSpawnerPortRequests(({ replace }) =>
    deps.parentPort.postMessage({ kind: 'spawner', ...(replace ? { replace } : {}) }),
  );
  try {
    const config = readConfigArg(deps.argv);
    engine = deps.createEngine({
      dataDir: config.dataDir,
      migrationsDir: config.migrationsDir,
      version: config.version,
      host: 'electron',
      toolSpawner: (options) => portSpawnerChannel(spawnerPorts.request(options)),
      ...(deps.logEcho ? { logEcho: deps.logEcho } : {}),
    });
  } catch (error) {
    deps.parentPort.postMessage({ kind: 'failed', error: startFailure(error) });
    deps.exit(1);
    return;
  }

  const served = new Set<ServedPort>();
  const log = engine.logger.child('engine-process');
  let stopping = false;

  deps.parentPort.on('message', ({ data, ports }) => {
    const parsed = toEngineProcessSchema.safeParse(data);
    if (!parsed.success) {
      log.warn('unreadable message from main', { data: String(data) });
      return;
    }
    const message = parsed.data;
    switch (message.kind) {
      case 'connect': {
        const [port] = ports;
        if (!port || stopping) return;
        const servedPort = serveContractPort(fromMessagePortMain(port), engine, {
          greeting: { kind: 'event', name: 'engine.ready', payload: { dataDir: engine.dataDir } },
          onError: (text, fields) => log.error(text, { ...fields, rendererId: message.rendererId }),
        });
        served.add(servedPort);
        return;
      }
      case 'spawner-port': {
        const [port] = ports;
        // After 'stop' no request is open: answer() closes the port.
        spawnerPorts.answer(port ? spawnerPortFromMain(port) : null);
        return;
      }
      case 'stop': {
        if (stopping) return;
        stopping = true;
        // Runs waiting for a spawner port are refused, not started from this process.
        spawnerPorts.cancel();
        for (const servedPort of served) servedPort.dispose();
        served.clear();
        void engine.dispose().finally(() => {
          deps.parentPort.postMessage({ kind: 'stopped' });
          // Let the 'stopped' message leave before the process goes.
          setImmediate(() => deps.exit(0));
        });
        return;
      }
    }
  });

  deps.parentPort.postMessage({ kind: 'ready', dataDir: engine.dataDir });
}

function startFailure(error: unknown): ErrorValue {
  if (isDailiesError(error)) return error.toValue();
  return {
    code: 'E_INTERNAL',
    message: `The Dailies engine could not start: ${error instanceof Error ? error.message : String(error)}`,
    retryable: false,
  };
}
