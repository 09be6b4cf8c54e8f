// Builds the object the preload exposes as `window.revier`: one function per contract method
// and an event subscription. It holds `invoke` in a closure and never hands out ipcRenderer,
// the raw invoke or the IPC event object (whose `sender` is ipcRenderer itself).
import type { PreloadBridge } from '../../shared/api/bridge.ts';
import { eventNames, ipcChannel, ipcEventChannel, methodNames, type EventName } from '../../shared/api/contract.ts';

export type IpcInvoke = (channel: string, request: unknown) => Promise<unknown>;
/** Subscribes to a channel with the message's arguments only; returns the unsubscribe. */
export type IpcSubscribe = (channel: string, listener: (...args: unknown[]) => void) => () => void;

/** The part of Electron's ipcRenderer the preload uses. */
export interface BridgeIpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const isEventName = (name: unknown): name is EventName => (eventNames as readonly unknown[]).includes(name);

export function createPreloadBridge(invoke: IpcInvoke, on: IpcSubscribe): PreloadBridge {
  const methods = Object.fromEntries(
    methodNames.map((method) => [method, (request: unknown) => invoke(ipcChannel(method), request)]),
  ) as PreloadBridge['methods'];
  return Object.freeze({
    methods: Object.freeze(methods),
    onEvent: (listener: (event: EventName, payload: unknown) => void) =>
      on(ipcEventChannel, (name, payload) => {
        if (isEventName(name)) listener(name, payload);
      }),
  });
}

/** `invoke` and `on` over ipcRenderer, with the IPC event object dropped before any listener. */
export function ipcRendererChannels(ipcRenderer: BridgeIpcRenderer): { invoke: IpcInvoke; on: IpcSubscribe } {
  return {
    invoke: (channel, request) => ipcRenderer.invoke(channel, request),
    on(channel, listener) {
      const forward = (_event: unknown, ...args: unknown[]) => listener(...args);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  };
}
