// The object the Electron preload exposes as `window.revier`: one named function per contract
// method (generated from the contract, never `ipcRenderer` itself) and an event subscription.
import type { EventName, MethodName } from './contract.ts';

export type PreloadBridge = {
  readonly methods: { readonly [M in MethodName]: (request: unknown) => Promise<unknown> };
  readonly onEvent: (listener: (event: EventName, payload: unknown) => void) => () => void;
};

/** Paths of the browser host's HTTP API: `POST /api/<method>` and an event stream. */
export const httpApiPath = (method: MethodName): string => `/api/${method}`;
export const httpEventsPath = '/api/events';
