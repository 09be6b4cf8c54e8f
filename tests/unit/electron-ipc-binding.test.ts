// The contract over IPC with a fake ipcMain and window, and a real core on a temporary SQLite file:
// the window's sign-in seat, the frame guard, payload checks and the events the seat may see.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/api/actor.ts';
import { ipcChannel, ipcEventChannel, methodNames } from '../../shared/api/contract.ts';
import type { Result } from '../../shared/api/result.ts';
import { openCore, type Core } from '../../electron/core/core.ts';
import { adminActor, signInAs, testPassword } from '../support/core.ts';
import { createHandlers } from '../../electron/core/handlers.ts';
import { bindContract, type ContractIpcMain, type ContractWindow, type SenderFrame } from '../../electron/electron-host/ipc-binding.ts';
import { electronOfflineFacts } from '../../electron/electron-host/network-guard.ts';
import { recordingLog, type LoggedEvent } from './electron-fakes.ts';

type IpcListener = Parameters<ContractIpcMain['handle']>[1];

class FakeIpcMain implements ContractIpcMain {
  readonly handlers = new Map<string, IpcListener>();

  handle(channel: string, listener: IpcListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Calls a channel as Electron would for a message from `senderFrame`. */
  invoke(channel: string, senderFrame: SenderFrame | null, payload: unknown): Promise<Result<unknown>> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener({ senderFrame }, payload);
  }
}

const mainFrame: SenderFrame = { processId: 4, routingId: 1, url: 'app://renderer/index.html' };

class FakeWindow implements ContractWindow {
  readonly sent: unknown[][] = [];
  destroyed = false;
  readonly webContents = {
    mainFrame,
    send: (channel: string, ...args: unknown[]) => this.sent.push([channel, ...args]),
    isDestroyed: () => this.destroyed,
  };
}

let dataFolder: string;
let core: Core;
let ipcMain: FakeIpcMain;
let window: FakeWindow;
let logged: LoggedEvent[];
let unbind: () => void;

beforeAll(async () => {
  dataFolder = mkdtempSync(path.join(os.tmpdir(), 'revier-ipc-'));
  core = await openCore({ host: 'electron', version: '0.0.0-test', dataFolder, offline: electronOfflineFacts });
  // The accounts: `admin` (administrator), `pk4711` (supervisor) and `dsb1` (data protection officer).
  await signInAs(core, 'supervisor', 'pk4711');
  await signInAs(core, 'dpo', 'dsb1');
});

afterAll(async () => {
  await core.close();
  rmSync(dataFolder, { recursive: true, force: true });
});

beforeEach(() => {
  ipcMain = new FakeIpcMain();
  window = new FakeWindow();
  const { log, entries } = recordingLog();
  logged = entries;
  unbind = bindContract({ ipcMain, core, handlers: createHandlers(core), window, log });
  return () => unbind();
});

const call = (method: (typeof methodNames)[number], payload: unknown, frame: SenderFrame | null = mainFrame) =>
  ipcMain.invoke(ipcChannel(method), frame, payload);

/** Signs the window's seat in over IPC, as the sign-in screen does. */
async function signIn(username: 'admin' | 'pk4711' | 'dsb1'): Promise<void> {
  expect(await call('session.signIn', { username, password: testPassword })).toMatchObject({ ok: true, value: { state: 'signed-in', user: { username } } });
}

describe('bindContract', () => {
  it('registers exactly one handler per contract method, and removes them again', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodNames.map(ipcChannel).sort());
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers a valid call from the signed-in window with the real core value', async () => {
    await signIn('pk4711');
    const status = await call('app.status', {});
    expect(status).toMatchObject({ ok: true, value: { host: 'electron', dataFolder, offline: electronOfflineFacts } });
    const settings = await call('settings.get', {});
    expect(settings).toMatchObject({ ok: true, value: { retentionProfile: 'BW', retentionDays: 28, language: 'de' } });
  });

  it('runs the call as the user signed in at the window: the audit entry names them and their session', async () => {
    await signIn('pk4711');
    const updated = await call('settings.update', { language: 'en' });
    expect(updated).toMatchObject({ ok: true, value: { language: 'en' } });
    const [entry] = (await core.audit.extract(['settings'])).filter((e) => e.event === 'settings.update').slice(-1);
    const actor: Actor | undefined = entry?.actor;
    expect(actor).toMatchObject({ userId: 'pk4711', role: 'supervisor' });
    expect(core.accounts.sessions.of('pk4711').map((session) => session.id)).toContain(actor?.sessionId);
    await call('settings.update', { language: 'de' });
  });

  it('refuses every call but the session ones until someone signs in, and while the window is locked', async () => {
    expect(await call('session.state', {})).toEqual({ ok: true, value: { state: 'signed-out' } });
    expect(await call('app.status', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await call('settings.get', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await signIn('pk4711');
    expect(await call('session.lock', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(await call('app.status', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await call('session.unlock', { password: testPassword })).toMatchObject({ ok: true, value: { state: 'signed-in' } });
    expect(await call('app.status', {})).toMatchObject({ ok: true });
    expect(await call('session.signOut', {})).toEqual({ ok: true, value: { state: 'signed-out' } });
    expect(await call('app.status', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('gives each window its own seat and signs it out when the window is unbound', async () => {
    await signIn('pk4711');
    const before = core.accounts.sessions.of('pk4711').length;
    const otherIpc = new FakeIpcMain();
    const unbindOther = bindContract({ ipcMain: otherIpc, core, handlers: createHandlers(core), window: new FakeWindow(), log: recordingLog().log });
    try {
      expect(await otherIpc.invoke(ipcChannel('app.status'), mainFrame, {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    } finally {
      unbindOther();
    }
    unbind();
    await expect.poll(() => core.accounts.sessions.of('pk4711').length).toBe(before - 1);
  });

  it.each<[string, SenderFrame | null]>([
    ['no sender frame', null],
    ['a sub-frame of the window', { ...mainFrame, routingId: 2 }],
    ['a frame of another renderer process', { ...mainFrame, processId: 9 }],
    ['the main frame after it left the app origin', { ...mainFrame, url: 'https://example.org/' }],
    ['the main frame on another app host', { ...mainFrame, url: 'app://other/index.html' }],
  ])('refuses a call from %s as forbidden, and logs it', async (_case, frame) => {
    await signIn('admin');
    logged.length = 0;
    const answer = await call('settings.update', { retentionDays: 999 }, frame);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(logged).toEqual([{ event: 'ipc call refused', details: expect.objectContaining({ method: 'settings.update' }) as unknown }]);
    expect((await core.settings.get()).retentionDays).not.toBe(999);
  });

  it.each<[string, (typeof methodNames)[number], unknown]>([
    ['a string page for audit.query', 'audit.query', { page: 'x' }],
    ['an unknown setting', 'settings.update', { language: 'en', uploadTo: 'https://example.org' }],
    ['a wrong type for a setting', 'settings.update', { retentionDays: '28; DROP TABLE setting' }],
    ['a __proto__ key', 'settings.update', JSON.parse('{"__proto__":{"x":1}}')],
    ['a __proto__ key on a no-argument call', 'app.status', JSON.parse('{"__proto__":{"polluted":true}}')],
    ['no payload', 'settings.get', undefined],
    ['an array', 'audit.query', [1, 2]],
  ])('refuses %s as invalid_request', async (_case, method, payload) => {
    await signIn('admin');
    const answer = await call(method, payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('forwards the core events the signed-in role may see to the window until unbound, and never to a destroyed window', async () => {
    await core.settings.update(adminActor, { retentionDays: 29 });
    expect(window.sent).toEqual([]);

    await signIn('admin');
    await call('settings.update', { retentionDays: 30 });
    expect(window.sent).toContainEqual([ipcEventChannel, 'settings.changed', expect.objectContaining({ retentionDays: 30 })]);
    // An administrator may not read the audit log, so its new entries are not announced to them.
    expect(window.sent.some(([, name]) => name === 'audit.appended')).toBe(false);

    await signIn('dsb1');
    window.sent.length = 0;
    await core.settings.update(adminActor, { retentionDays: 31 });
    expect(window.sent.some(([, name]) => name === 'audit.appended')).toBe(true);

    await call('session.lock', {});
    window.sent.length = 0;
    await core.settings.update(adminActor, { retentionDays: 32 });
    expect(window.sent).toEqual([]);
    await call('session.unlock', { password: testPassword });

    window.sent.length = 0;
    window.destroyed = true;
    core.events.emit('audit.appended', { sequence: 1 });
    expect(window.sent).toEqual([]);

    window.destroyed = false;
    unbind();
    core.events.emit('audit.appended', { sequence: 2 });
    expect(window.sent).toEqual([]);
  });
});
