// The object the preload exposes as `window.revier`, built over a fake ipcRenderer.
import { describe, expect, it } from 'vitest';
import { eventNames, ipcChannel, ipcEventChannel, methodNames } from '../../shared/api/contract.ts';
import { createPreloadBridge, ipcRendererChannels, type BridgeIpcRenderer } from '../../electron/electron-host/preload-bridge.ts';
import { FakeEmitter } from './electron-fakes.ts';

class FakeIpcRenderer extends FakeEmitter implements BridgeIpcRenderer {
  readonly invoked: unknown[][] = [];
  readonly sender = this;

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return Promise.resolve({ ok: true, value: channel });
  }

  removeListener(channel: string, listener: (...args: never[]) => unknown): this {
    this.listeners.set(channel, (this.listeners.get(channel) ?? []).filter((known) => known !== listener));
    return this;
  }

  /** A message from the main process, with the event object Electron passes first. */
  receive(channel: string, ...args: unknown[]): void {
    this.emit(channel, { sender: this, senderId: 0 }, ...args);
  }
}

function bridgeOver(ipc: FakeIpcRenderer) {
  const { invoke, on } = ipcRendererChannels(ipc);
  return createPreloadBridge(invoke, on);
}

/** Every function reachable from the bridge, by property path. */
function functionsOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === 'function' ? [`${prefix}${key}`] : functionsOf(inner, `${prefix}${key}.`),
  );
}

describe('createPreloadBridge', () => {
  it('exposes exactly one function per contract method plus onEvent, and no IPC primitive', () => {
    const bridge = bridgeOver(new FakeIpcRenderer());
    expect(Object.keys(bridge).sort()).toEqual(['methods', 'onEvent']);
    expect(Object.keys(bridge.methods).sort()).toEqual([...methodNames].sort());
    const exposed = functionsOf(bridge);
    expect(exposed.sort()).toEqual([...methodNames.map((method) => `methods.${method}`), 'onEvent'].sort());
    for (const name of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer', 'postMessage']) {
      expect(exposed.some((path) => path.split('.').includes(name)), name).toBe(false);
    }
  });

  it('is frozen, so the page cannot swap a method', () => {
    const bridge = bridgeOver(new FakeIpcRenderer());
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.methods)).toBe(true);
  });

  it('sends each method on its own channel with the request only', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = bridgeOver(ipc);
    for (const method of methodNames) {
      expect(await bridge.methods[method]({ page: 1 })).toEqual({ ok: true, value: ipcChannel(method) });
    }
    expect(ipc.invoked).toEqual(methodNames.map((method) => [ipcChannel(method), { page: 1 }]));
  });

  it('passes contract events to the listener without the IPC event object, and stops on unsubscribe', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = bridgeOver(ipc);
    const received: unknown[][] = [];
    const unsubscribe = bridge.onEvent((...args) => received.push(args));

    ipc.receive(ipcEventChannel, 'audit.appended', { sequence: 7, event: 'audit.list' });
    ipc.receive(ipcEventChannel, 'not.a.contract.event', { sequence: 8 });
    ipc.receive('some:other-channel', 'audit.appended', { sequence: 9, event: 'audit.list' });
    expect(received).toEqual([['audit.appended', { sequence: 7, event: 'audit.list' }]]);
    expect(eventNames).toContain('audit.appended');

    unsubscribe();
    expect(ipc.listeners.get(ipcEventChannel)).toEqual([]);
    ipc.receive(ipcEventChannel, 'audit.appended', { sequence: 10, event: 'audit.list' });
    expect(received).toHaveLength(1);
  });
});
