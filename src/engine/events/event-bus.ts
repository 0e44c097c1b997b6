import type { EventName, EventPayload } from '../../shared/contract';

export type AnyEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];
export type EventListener = (event: AnyEvent) => void;

/**
 * The engine's typed event stream. Services emit by name; hosts subscribe once and forward
 * every event over their transport. A throwing listener is isolated from the others.
 */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const event = { name, payload } as AnyEvent;
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // A host's broken listener must not stop the engine or the other hosts.
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
