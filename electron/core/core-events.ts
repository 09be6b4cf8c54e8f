// The events the core pushes to every connected window; the hosts forward them.
import type { EventName, EventOf } from '../../shared/api/contract.ts';

export type CoreEventListener = <E extends EventName>(event: E, payload: EventOf<E>) => void;

export class CoreEvents {
  readonly #listeners = new Set<CoreEventListener>();

  emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    for (const listener of this.#listeners) listener(event, payload);
  }

  subscribe(listener: CoreEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
