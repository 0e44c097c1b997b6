import {
  wireMessageSchema,
  type WireEvent,
  type WireMessage,
  type WireResult,
} from '../../shared/contract';

/**
 * The least a port must offer. Electron's MessagePortMain fits through fromMessagePortMain();
 * a test fits Node's MessageChannel the same way, so the serving logic runs unchanged.
 */
export interface ContractPort {
  postMessage(message: WireMessage): void;
  onMessage(listener: (data: unknown) => void): void;
  onClose(listener: () => void): void;
  start(): void;
  close(): void;
}

/** The slice of the engine a port needs: the validating dispatcher and the event stream. */
export interface ContractServer {
  dispatch(method: string, input: unknown): Promise<WireResult>;
  subscribe(listener: (event: { name: string; payload: unknown }) => void): () => void;
}

export interface ServeOptions {
  /** Sent first on the new port (the engine tells each renderer it is ready). */
  greeting?: WireEvent;
  /** Where a failure to answer is reported; the port itself carries only the contract. */
  onError?: (message: string, fields: Record<string, unknown>) => void;
}

export interface ServedPort {
  dispose(): void;
}

/**
 * Serves the contract over one port: each request goes to dispatch (which validates the
 * method and input) and its result goes back under the same id; every engine event is
 * forwarded. Malformed messages are answered when they carry an id and dropped otherwise:
 * the peer is our own preload, so anything else is a bug worth logging, not a conversation.
 */
export function serveContractPort(
  port: ContractPort,
  server: ContractServer,
  options: ServeOptions = {},
): ServedPort {
  let disposed = false;
  const report = options.onError ?? (() => undefined);

  const send = (message: WireMessage): void => {
    if (disposed) return;
    try {
      port.postMessage(message);
    } catch (error) {
      // A value the structured clone cannot carry is a bug in an output schema, not the peer's.
      report('could not send on the engine port', { kind: message.kind, error: String(error) });
    }
  };

  const unsubscribe = server.subscribe((event) =>
    send({ kind: 'event', name: event.name, payload: event.payload }),
  );

  port.onMessage((data) => {
    if (disposed) return;
    const parsed = wireMessageSchema.safeParse(data);
    if (!parsed.success || parsed.data.kind !== 'request') {
      const id = requestIdOf(data);
      report('malformed message on the engine port', { id });
      if (id !== null) {
        send({
          kind: 'response',
          id,
          result: {
            ok: false,
            error: {
              code: 'E_VALIDATION',
              message: 'Dailies received a request it could not read.',
              retryable: false,
            },
          },
        });
      }
      return;
    }
    const { id, method, input } = parsed.data;
    server.dispatch(method, input).then(
      (result) => send({ kind: 'response', id, result }),
      (error: unknown) => {
        // dispatch() turns every failure into a result; this is the net under the net.
        report('dispatch rejected', { method, error: String(error) });
        send({
          kind: 'response',
          id,
          result: {
            ok: false,
            error: {
              code: 'E_INTERNAL',
              message: 'Something went wrong inside Dailies. The details are in the log.',
              retryable: false,
            },
          },
        });
      },
    );
  });

  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    unsubscribe();
    try {
      port.close();
    } catch {
      // Already closed by the other side.
    }
  };

  port.onClose(dispose);
  port.start();
  if (options.greeting) send(options.greeting);
  return { dispose };
}

function requestIdOf(data: unknown): number | null {
  if (typeof data !== 'object' || data === null || !('id' in data)) return null;
  const { id } = data;
  return typeof id === 'number' && Number.isInteger(id) ? id : null;
}
