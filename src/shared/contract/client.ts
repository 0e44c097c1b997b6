import type {
  DailiesApi,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
} from './api';
import { DailiesError } from './errors';
import { events } from './events';
import type { WireEvent, WireResult } from './wire';

/** What carries requests and events: a MessagePort in Electron, HTTP + SSE in a browser. */
export interface ContractTransport {
  request(method: MethodName, input: unknown): Promise<WireResult>;
  listen(listener: (event: WireEvent) => void): () => void;
}

/**
 * Builds the typed API from a transport. The engine validates inputs and outputs; the
 * client re-parses event payloads so a listener never sees a malformed one.
 */
export function createApiClient(transport: ContractTransport): DailiesApi {
  return {
    async invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const result = await transport.request(method, input);
      if (!result.ok) throw new DailiesError(result.error);
      return result.value as MethodOutput<M>;
    },
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return transport.listen((message) => {
        // Not api.ts's isEventName: importing api.ts builds every method's schemas, which
        // the renderer (this client's user) never needs.
        if (message.name !== event || !Object.hasOwn(events, message.name)) return;
        const parsed = events[event].safeParse(message.payload);
        if (parsed.success) listener(parsed.data as EventPayload<E>);
      });
    },
  };
}
