import type { z } from 'zod';
import { events } from './events';
import { methods } from './methods';

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes: defaults may be omitted. */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What the engine's handler receives after validation. */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/**
 * The interface every view talks to, whatever carries it: window.dailies in Electron,
 * fetch + SSE against the web host in a browser. Failures reject with a DailiesError.
 */
export interface DailiesApi {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe<E extends EventName>(
    event: E,
    listener: (payload: EventPayload<E>) => void,
  ): () => void;
}

/** The engine-side implementation: one handler per method, given validated input. */
export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>>;
};
