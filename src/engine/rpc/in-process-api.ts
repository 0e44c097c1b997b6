import { createApiClient, type ContractTransport, type DailiesApi } from '../../shared/contract';
import type { EventListener } from '../events/event-bus';
import type { Dispatch } from './dispatcher';

/** The part of an engine a same-process host talks to. */
export interface EngineEndpoint {
  readonly dispatch: Dispatch;
  subscribe(listener: EventListener): () => void;
}

/**
 * The typed API over an engine in this process (the CLI, the demo): the same contract and
 * the same validation as over a MessagePort or HTTP, without a wire in between.
 */
export function inProcessApi(engine: EngineEndpoint): DailiesApi {
  const transport: ContractTransport = {
    request: (method, input) => engine.dispatch(method, input),
    listen: (listener) => engine.subscribe((event) => listener({ kind: 'event', ...event })),
  };
  return createApiClient(transport);
}
