import type { EventName, EventPayload } from '../../shared/contract';

export type AnyEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];
export type EventListener = (event: AnyEvent) => void;

/**
 * Where the bus reports a listener that threw: the engine's logger fits (events and logging
 * are parts of one level, so the bus names only the method it calls).
 */
export interface ListenerErrorLog {
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The engine's typed event stream. Services emit by name; hosts subscribe once and forward
 * every event over their transport. A throwing listener is logged with its error and isolated
 * from the others: every listener still gets the event.
 */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  constructor(private readonly log: ListenerErrorLog) {}

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const event = { name, payload } as AnyEvent;
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A host's broken listener must not stop the engine or the other hosts.
        try {
          this.log.error('event listener failed', { event: name, error });
        } catch {
          // Nor may a log that cannot be written: the event still reaches the others.
        }
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  clear(): void {
    this.#listeners.clear();
  }
}
