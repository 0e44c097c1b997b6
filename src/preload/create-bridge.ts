import {
  isMethodName,
  wireMessageSchema,
  type ErrorValue,
  type WireEvent,
  type WireRequest,
  type WireResult,
} from '../shared/contract';
import type {
  DailiesDesktopBridge,
  DesktopChannel,
  DesktopInput,
  DesktopOutput,
  DesktopResult,
  EngineStatus,
} from '../shared/desktop-ipc';
import { desktopCommandSchema, type DesktopCommand } from '../shared/desktop-commands';

/** The renderer's end of the engine channel: a DOM MessagePort, as far as we use it. */
export interface EnginePortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

export interface BridgeDeps {
  /** Called once: register for engine ports main sends (one now, one after each restart). */
  onPort(listener: (port: EnginePortLike) => void): void;
  onStatus(listener: (status: unknown) => void): void;
  /** ipcRenderer.invoke on one of the desktop channels. */
  invoke(channel: DesktopChannel, input: unknown): Promise<unknown>;
  /** webUtils.getPathForFile */
  pathForFile(file: unknown): string;
  /** Called once: register for the commands main sends (menu, notifications, open-file). */
  onCommand?(listener: (command: unknown) => void): void;
}

/**
 * window.dailies: the contract transport over the engine's MessagePort plus a few narrow
 * desktop functions. Requests made before the port arrives (or while the engine restarts)
 * wait in a queue; requests in flight when the engine stops fail with a retryable error,
 * because resending a call that may have run (a queued sync) could do it twice.
 */
export function createBridge(deps: BridgeDeps): DailiesDesktopBridge {
  let port: EnginePortLike | null = null;
  let nextId = 1;
  const pending = new Map<number, (result: WireResult) => void>();
  const queued: WireRequest[] = [];
  const listeners = new Set<(event: WireEvent) => void>();
  const commandListeners = new Set<(command: DesktopCommand) => void>();
  // Files opened with Dailies at launch arrive before the page subscribes: keep them.
  const earlyCommands: DesktopCommand[] = [];

  const emit = (event: WireEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // One view's broken listener must not starve the others.
      }
    }
  };

  const settle = (id: number, result: WireResult): void => {
    const resolve = pending.get(id);
    if (!resolve) return;
    pending.delete(id);
    resolve(result);
  };

  const post = (request: WireRequest): void => {
    if (!port) {
      queued.push(request);
      return;
    }
    try {
      port.postMessage(request);
    } catch {
      // The structured clone refused the input (a function, a DOM node): the caller's bug.
      settle(request.id, failure('E_VALIDATION', 'This request holds values Dailies cannot send.'));
    }
  };

  const dropPort = (reason: string): void => {
    const old = port;
    port = null;
    if (old) {
      try {
        old.close();
      } catch {
        // Already gone with the engine process.
      }
    }
    for (const id of [...pending.keys()]) {
      if (queued.some((request) => request.id === id)) continue;
      settle(id, failure('E_INTERNAL', reason, true));
    }
  };

  deps.onPort((next) => {
    dropPort('The Dailies engine restarted before answering. Try again.');
    port = next;
    next.addEventListener('message', ({ data }) => {
      if (port !== next) return;
      const parsed = wireMessageSchema.safeParse(data);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.kind === 'response') settle(message.id, message.result);
      else if (message.kind === 'event') emit(message);
    });
    next.start();
    for (const request of queued.splice(0)) post(request);
  });

  deps.onStatus((status) => {
    const value = status as EngineStatus;
    if (value?.state === 'restarting') {
      dropPort('The Dailies engine stopped before answering. It is restarting; try again.');
    }
    // The client re-parses event payloads, so a malformed status never reaches a view.
    emit({ kind: 'event', name: 'engine.status', payload: status });
  });

  deps.onCommand?.((raw) => {
    const parsed = desktopCommandSchema.safeParse(raw);
    if (!parsed.success) return;
    if (commandListeners.size === 0) {
      if (earlyCommands.length < 20) earlyCommands.push(parsed.data);
      return;
    }
    for (const listener of [...commandListeners]) {
      try {
        listener(parsed.data);
      } catch {
        // A view's failing handler must not stop the others.
      }
    }
  });

  const desktop = <C extends DesktopChannel, T>(
    channel: C,
    input: DesktopInput<C>,
    pick: (output: DesktopOutput<C>) => T,
  ): Promise<DesktopResult<T>> =>
    deps.invoke(channel, input).then(
      (raw) => {
        const result = raw as DesktopResult<DesktopOutput<C>>;
        return result.ok ? { ok: true, value: pick(result.value) } : result;
      },
      () => ({
        ok: false,
        error: failureValue('E_INTERNAL', 'The Dailies window did not answer.'),
      }),
    );

  return {
    request(method, input) {
      if (typeof method !== 'string' || !isMethodName(method)) {
        return Promise.resolve(
          failure('E_UNKNOWN_METHOD', `Dailies has no method named "${String(method)}".`),
        );
      }
      return new Promise<WireResult>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        post({ kind: 'request', id, method, input });
      });
    },
    listen(listener) {
      if (typeof listener !== 'function') return () => undefined;
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    desktop: {
      pickFiles: (input = {}) => desktop('dailies:pick-files', input, (output) => output.paths),
      pickFolder: (input = {}) => desktop('dailies:pick-folder', input, (output) => output.path),
      restartToUpdate: () => desktop('dailies:restart-to-update', {}, (output) => output.asked),
      revealInFolder: (path) =>
        desktop('dailies:reveal-in-folder', { path }, (output) => output.revealed),
      pathForFile: (file) => {
        try {
          return deps.pathForFile(file) || null;
        } catch {
          return null;
        }
      },
      onCommand: (listener) => {
        if (typeof listener !== 'function') return () => undefined;
        commandListeners.add(listener);
        for (const command of earlyCommands.splice(0)) listener(command);
        return () => {
          commandListeners.delete(listener);
        };
      },
    },
  };
}

function failureValue(code: ErrorValue['code'], message: string, retryable = false): ErrorValue {
  return { code, message, retryable };
}

function failure(code: ErrorValue['code'], message: string, retryable = false): WireResult {
  return { ok: false, error: failureValue(code, message, retryable) };
}
