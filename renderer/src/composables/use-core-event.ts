// Subscribes to an event the core pushes and unsubscribes when the calling component (or store
// scope) goes away, so no listener outlives its view.
import { onScopeDispose } from 'vue';
import type { EventName, EventOf } from '../../../shared/api/contract.ts';
import { client } from '../api/index.ts';

export function useCoreEvent<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): void {
  const unsubscribe = client.on(event, listener);
  onScopeDispose(unsubscribe);
}

/** Runs `listener` whenever the event stream (re)connects, until the calling scope goes away. */
export function useCoreReconnect(listener: () => void): void {
  onScopeDispose(client.onConnected(listener));
}
