// The two ways the renderer reaches the core: the Electron preload bridge, or HTTP to the
// browser host on 127.0.0.1 (same origin, session cookie). Chosen once, at start.
import { eventNames, type EventName, type Transport } from '../../../shared/api/contract.ts';
import { httpApiPath, httpEventsPath, type PreloadBridge } from '../../../shared/api/bridge.ts';

declare global {
  interface Window {
    revier?: PreloadBridge;
  }
}

export function preloadTransport(bridge: PreloadBridge): Transport {
  return {
    invoke: (method, request) => bridge.methods[method](request),
    subscribe: (listener) => bridge.onEvent(listener),
    // IPC delivers every event to the preload from the start: nothing is missed.
    onConnected: () => () => undefined,
  };
}

export function httpTransport(): Transport {
  // One event stream for all subscribers: each open EventSource holds one of the browser's few
  // connections per origin (six over HTTP/1.1), which page and thumbnail requests need.
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const connectedListeners = new Set<() => void>();
  let source: EventSource | null = null;
  const handlers = eventNames.map((name) => (message: MessageEvent<string>) => {
    const payload: unknown = JSON.parse(message.data);
    for (const listener of [...listeners]) listener(name as EventName, payload);
  });

  const announceConnected = (): void => {
    for (const listener of [...connectedListeners]) listener();
  };

  function open(): EventSource {
    const opened = new EventSource(httpEventsPath);
    eventNames.forEach((name, i) => opened.addEventListener(name, handlers[i] as EventListener));
    opened.addEventListener('open', announceConnected);
    return opened;
  }

  return {
    async invoke(method, request) {
      const response = await fetch(httpApiPath(method), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        credentials: 'same-origin',
      });
      if (response.status === 401) throw new Error('session expired: open the address printed by `revier serve` again');
      return response.json();
    },
    subscribe(listener) {
      listeners.add(listener);
      source ??= open();
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || !source) return;
        eventNames.forEach((name, i) => source?.removeEventListener(name, handlers[i] as EventListener));
        source.removeEventListener('open', announceConnected);
        source.close();
        source = null;
      };
    },
    onConnected(listener) {
      connectedListeners.add(listener);
      return () => connectedListeners.delete(listener);
    },
  };
}

export function chooseTransport(): Transport {
  return window.revier ? preloadTransport(window.revier) : httpTransport();
}
