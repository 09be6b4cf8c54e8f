// Binds every contract method to `ipcMain.handle`. A call is answered only when it comes from
// the main frame of the Revier window while that frame shows the app's own origin; its payload
// is then parsed by the contract schema in `dispatch`. The window has one sign-in seat; core
// events go to it while its session may see them.
import { ipcChannel, ipcEventChannel, methodNames, type MethodName } from '../../shared/api/contract.ts';
import { fail, type Result } from '../../shared/api/result.ts';
import type { Core } from '../core/core.ts';
import { callContext, dispatch, eventAllowed, type HandlerTable, type Seat } from '../core/handlers.ts';
import { isAppUrl } from './app-origin.ts';
import type { SecurityLog } from './security-log.ts';

/** The part of Electron's WebFrameMain the check uses. */
export interface SenderFrame {
  readonly processId: number;
  readonly routingId: number;
  readonly url: string;
}

/** The part of Electron's IpcMain the binding uses. */
export interface ContractIpcMain {
  handle(channel: string, listener: (event: { readonly senderFrame: SenderFrame | null }, payload: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

/** The part of Electron's BrowserWindow the binding uses. */
export interface ContractWindow {
  readonly webContents: {
    readonly mainFrame: SenderFrame;
    send(channel: string, ...args: unknown[]): void;
    isDestroyed(): boolean;
  };
}

export interface ContractBinding {
  ipcMain: ContractIpcMain;
  core: Core;
  handlers: HandlerTable;
  window: ContractWindow;
  log: SecurityLog;
}

/** Why a sender may not call, or null when it may. */
export function refusalReason(frame: SenderFrame | null, window: ContractWindow): string | null {
  if (frame === null) return 'no sender frame (navigated away or destroyed)';
  const main = window.webContents.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return 'not the main frame of the Revier window';
  if (!isAppUrl(frame.url)) return 'sender is not on the app origin';
  return null;
}

/** Registers one handler per contract method; returns the function that removes them again. */
export function bindContract({ ipcMain, core, handlers, window, log }: ContractBinding): () => void {
  const seat: Seat = { sessionId: null };
  const answer = (method: MethodName) => async (event: { readonly senderFrame: SenderFrame | null }, payload: unknown) => {
    const reason = refusalReason(event.senderFrame, window);
    if (reason !== null) {
      log('ipc call refused', { method, reason, url: event.senderFrame?.url ?? '' });
      return fail('forbidden', `${method} refused: ${reason}`);
    }
    return dispatch(handlers, method, payload, callContext(core, seat));
  };
  for (const method of methodNames) ipcMain.handle(ipcChannel(method), answer(method));
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (!window.webContents.isDestroyed() && eventAllowed(core, seat, name)) window.webContents.send(ipcEventChannel, name, payload);
  });
  return () => {
    unsubscribe();
    void core.accounts.signOut(seat.sessionId);
    for (const method of methodNames) ipcMain.removeHandler(ipcChannel(method));
  };
}
