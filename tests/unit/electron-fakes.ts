// Fakes of Electron objects (which we do not own) that record what the host registers on them,
// so the tests can call the registered handlers the way Electron would.
import type { SecurityLog } from '../../electron/electron-host/security-log.ts';

type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: (...args: never[]) => unknown): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as Listener]);
    return this;
  }

  once(event: string, listener: (...args: never[]) => unknown): this {
    return this.on(event, listener);
  }

  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) => listener(...args));
  }
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
}

/** A cancellable Electron event carrying a URL, as `will-navigate` and friends pass it. */
export function navigationEvent(url: string): { url: string; defaultPrevented: boolean; preventDefault(): void } {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export interface LoggedEvent {
  event: string;
  details: Record<string, unknown>;
}

export function recordingLog(): { log: SecurityLog; entries: LoggedEvent[] } {
  const entries: LoggedEvent[] = [];
  return { log: (event, details) => entries.push({ event, details }), entries };
}
