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
  };
}

export function httpTransport(): Transport {
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
      const source = new EventSource(httpEventsPath);
      const handlers = eventNames.map((name) => {
        const handler = (message: MessageEvent<string>) => listener(name as EventName, JSON.parse(message.data));
        source.addEventListener(name, handler);
        return handler;
      });
      return () => {
        eventNames.forEach((name, i) => source.removeEventListener(name, handlers[i] as EventListener));
        source.close();
      };
    },
  };
}

export function chooseTransport(): Transport {
  return window.revier ? preloadTransport(window.revier) : httpTransport();
}
