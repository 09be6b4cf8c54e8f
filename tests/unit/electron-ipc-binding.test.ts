// The contract over IPC with a fake ipcMain and window, and a real core on a temporary SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/api/actor.ts';
import { ipcChannel, ipcEventChannel, methodNames } from '../../shared/api/contract.ts';
import type { Result } from '../../shared/api/result.ts';
import { openCore, type Core } from '../../electron/core/core.ts';
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

const actor: Actor = { userId: 'pk4711', role: 'supervisor', sessionId: 'electron-session' };
let dataFolder: string;
let core: Core;
let ipcMain: FakeIpcMain;
let window: FakeWindow;
let logged: LoggedEvent[];
let unbind: () => void;

beforeAll(async () => {
  dataFolder = mkdtempSync(path.join(os.tmpdir(), 'revier-ipc-'));
  core = await openCore({ host: 'electron', version: '0.0.0-test', dataFolder, offline: electronOfflineFacts });
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
  unbind = bindContract({ ipcMain, handlers: createHandlers(core), actor, window, events: core.events, log });
  return () => unbind();
});

const call = (method: (typeof methodNames)[number], payload: unknown, frame: SenderFrame | null = mainFrame) =>
  ipcMain.invoke(ipcChannel(method), frame, payload);

describe('bindContract', () => {
  it('registers exactly one handler per contract method, and removes them again', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodNames.map(ipcChannel).sort());
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers a valid call from the window with the real core value', async () => {
    const status = await call('app.status', {});
    expect(status).toMatchObject({ ok: true, value: { host: 'electron', dataFolder, offline: electronOfflineFacts } });
    const settings = await call('settings.get', {});
    expect(settings).toMatchObject({ ok: true, value: { retentionProfile: 'BW', retentionDays: 28, language: 'de' } });
  });

  it('runs the call as the host actor: the audit entry names it', async () => {
    const updated = await call('settings.update', { language: 'en' });
    expect(updated).toMatchObject({ ok: true, value: { language: 'en' } });
    const page = await call('audit.list', { page: 1, pageSize: 5 });
    if (!page.ok) throw new Error(page.error.message);
    const entries = (page.value as { entries: { event: string; actor: Actor }[] }).entries;
    expect(entries.find((entry) => entry.event === 'settings.update')?.actor).toEqual(actor);
  });

  it.each<[string, SenderFrame | null]>([
    ['no sender frame', null],
    ['a sub-frame of the window', { ...mainFrame, routingId: 2 }],
    ['a frame of another renderer process', { ...mainFrame, processId: 9 }],
    ['the main frame after it left the app origin', { ...mainFrame, url: 'https://example.org/' }],
    ['the main frame on another app host', { ...mainFrame, url: 'app://other/index.html' }],
  ])('refuses a call from %s as forbidden, and logs it', async (_case, frame) => {
    const answer = await call('settings.update', { retentionDays: 999 }, frame);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(logged).toEqual([{ event: 'ipc call refused', details: expect.objectContaining({ method: 'settings.update' }) as unknown }]);
    expect((await core.settings.get()).retentionDays).not.toBe(999);
  });

  it.each<[string, (typeof methodNames)[number], unknown]>([
    ['a string page for audit.list', 'audit.list', { page: 'x' }],
    ['an unknown setting', 'settings.update', { language: 'en', uploadTo: 'https://example.org' }],
    ['a wrong type for a setting', 'settings.update', { retentionDays: '28; DROP TABLE setting' }],
    ['a __proto__ key', 'settings.update', JSON.parse('{"__proto__":{"x":1}}')],
    ['a __proto__ key on a no-argument call', 'app.status', JSON.parse('{"__proto__":{"polluted":true}}')],
    ['no payload', 'settings.get', undefined],
    ['an array', 'audit.list', [1, 2]],
  ])('refuses %s as invalid_request', async (_case, method, payload) => {
    const answer = await call(method, payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('forwards core events to the window until unbound, and never to a destroyed window', async () => {
    await call('settings.update', { retentionDays: 30 });
    expect(window.sent).toContainEqual([ipcEventChannel, 'settings.changed', expect.objectContaining({ retentionDays: 30 })]);
    expect(window.sent.some(([, name]) => name === 'audit.appended')).toBe(true);

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
