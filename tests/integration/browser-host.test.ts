// The browser host over real HTTP on 127.0.0.1: token exchange, guards, signing in, the contract,
// events.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browser-host.ts';
import type { Core } from '../../electron/core/core.ts';
import { contentSecurityPolicy } from '../../electron/security/csp.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { adminActor, openTestCore, signInAs, testPassword } from '../support/core.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
let core: Core;
let host: BrowserHost;
let cookie: string;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so that Host and Origin can be set as an attacker would. */
function raw(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path: pathname, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function call(method: string, payload: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(`/api/${method}`, {
    method: 'POST',
    headers: { cookie, origin: host.origin, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
}

/** A contract call's parsed answer. */
async function answer(method: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return JSON.parse((await call(method, payload)).body);
}

/** Signs the page in as a user `beforeEach` created: `admin` (administrator) or `pk4711` (supervisor). */
async function signIn(username: 'admin' | 'pk4711'): Promise<void> {
  expect(await answer('session.signIn', { username, password: testPassword })).toMatchObject({ ok: true, value: { state: 'signed-in', user: { username } } });
}

/** Opens the event stream, runs `act` once it is connected, and answers what arrived until `until` matched. */
function events(act: () => Promise<unknown>, until: RegExp): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { cookie } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.once('data', () => void act().catch(reject));
      res.on('data', (chunk: string) => {
        text += chunk;
        if (until.test(text)) {
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

beforeEach(async () => {
  const renderer = tempFolder();
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Revier</title>');
  mkdirSync(path.join(renderer, 'assets'));
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  core = await openTestCore(tempFolder());
  // The accounts: `admin` (administrator, made first) and `pk4711` (supervisor).
  await signInAs(core, 'supervisor', 'pk4711');
  host = await startBrowserHost({ core, rendererDir: renderer });
  const exchange = await raw(new URL(host.url).pathname + new URL(host.url).search);
  cookie = String(exchange.headers['set-cookie']).split(';')[0] ?? '';
});

afterEach(async () => {
  await host.close();
  await core.close();
});

describe('browser host', () => {
  it('listens on 127.0.0.1 only and prints an address with a token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('exchanges the token for an HttpOnly SameSite=Strict cookie and redirects to a clean address', async () => {
    const exchange = await raw(new URL(host.url).pathname + new URL(host.url).search);
    expect(exchange.status).toBe(303);
    expect(exchange.headers.location).toBe('/');
    const setCookie = String(exchange.headers['set-cookie']);
    expect(setCookie).toMatch(/^revier_session=[\w-]+; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(setCookie).not.toContain(new URL(host.url).searchParams.get('token'));
  });

  it('answers 401 without the token or cookie, and for a wrong token', async () => {
    expect((await raw('/')).status).toBe(401);
    expect((await raw('/assets/app.js')).status).toBe(401);
    expect((await raw('/?token=wrong')).status).toBe(401);
    expect((await raw('/api/app.status', { method: 'POST', headers: { origin: host.origin, 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await raw('/', { headers: { cookie: 'revier_session=forged' } })).status).toBe(401);
  });

  it('serves the renderer with the strict CSP once signed in', async () => {
    const page = await raw('/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Revier</title>');
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw('/assets/app.js', { headers: { cookie } })).headers['content-type']).toMatch(/javascript/);
  });

  it('refuses paths outside the renderer folder', async () => {
    for (const pathname of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc%2fpasswd', '/missing.js', '/index']) {
      expect((await raw(pathname, { headers: { cookie } })).status, pathname).toBe(404);
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const response = await raw('/', { headers: { cookie, host: `evil.example:${host.port}` } });
    expect(response.status).toBe(421);
  });

  it('refuses calls from another origin and calls without an origin', async () => {
    expect((await call('app.status', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('app.status', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const noOrigin = await raw('/api/app.status', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(noOrigin.status).toBe(403);
  });

  it('answers contract calls with the real core values', async () => {
    await signIn('admin');
    const status = JSON.parse((await call('app.status', {})).body);
    expect(status).toMatchObject({ ok: true, value: { version: '0.0.0-test', database: { migrations: migrations.length } } });
    const updated = JSON.parse((await call('settings.update', { retentionDays: 14 })).body);
    expect(updated).toMatchObject({ ok: true, value: { retentionDays: 14 } });
    expect((await core.settings.get()).retentionDays).toBe(14);
  });

  it.each([
    ['unknown method', 'clips.delete', {}, 'unknown_method'],
    ['wrong type', 'audit.query', { page: 'x' }, 'invalid_request'],
    ['extra key', 'settings.update', { retentionDays: 14, isAdmin: true }, 'invalid_request'],
    ['prototype pollution', 'settings.update', JSON.parse('{"__proto__":{"retentionDays":1}}'), 'invalid_request'],
    ['not an object', 'settings.get', [1, 2], 'invalid_request'],
  ])('refuses a hostile payload (%s) with a clear error', async (_case, method, payload, code) => {
    await signIn('admin');
    const response = await call(method, payload);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code } });
    expect((await core.settings.get()).retentionDays).toBe(28);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await raw('/api/app.status', {
      method: 'POST',
      headers: { cookie, origin: host.origin, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_request', message: 'Request body is not valid JSON' } });
  });

  it('pushes core events to the event stream', async () => {
    await signIn('pk4711');
    let update: Promise<RawResponse> | undefined;
    const text = await events(async () => (update = call('settings.update', { language: 'en' })), /event: settings\.changed/);
    expect((await update)?.status).toBe(200);
    expect(text).toMatch(/event: settings\.changed\ndata: \{[^\n]*"language":"en"/);
  });
});

describe('signing in at the browser host', () => {
  it('refuses every call but the session ones until someone signs in', async () => {
    expect(await answer('session.state', {})).toEqual({ ok: true, value: { state: 'signed-out' } });
    for (const [method, payload] of [['app.status', {}], ['settings.get', {}], ['library.list', {}], ['audit.query', { page: 1, pageSize: 5 }]] as const) {
      expect(await answer(method, payload), method).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    expect(await answer('session.signIn', { username: 'pk4711', password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: 'Wrong user name or password' } });
    expect(await answer('app.status', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await signIn('pk4711');
    expect(await answer('app.status', {})).toMatchObject({ ok: true });
    expect(await answer('session.signOut', {})).toEqual({ ok: true, value: { state: 'signed-out' } });
    expect(await answer('app.status', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('refuses calls while the screen is locked, until the password unlocks it', async () => {
    await signIn('pk4711');
    expect(await answer('session.lock', {})).toMatchObject({ ok: true, value: { state: 'locked', user: { username: 'pk4711' }, role: 'supervisor' } });
    expect(await answer('app.status', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await answer('library.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await answer('session.unlock', { password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await answer('app.status', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await answer('session.unlock', { password: testPassword })).toMatchObject({ ok: true, value: { state: 'signed-in' } });
    expect(await answer('app.status', {})).toMatchObject({ ok: true });
  });

  it('checks what the signed-in role may do', async () => {
    await signIn('pk4711');
    expect(await answer('settings.update', { retentionDays: 14 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await core.settings.get()).retentionDays).toBe(28);
    expect(await answer('users.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await signIn('admin');
    expect(await answer('users.list', {})).toMatchObject({ ok: true, value: [{ username: 'admin' }, { username: 'pk4711' }] });
  });

  it('delivers no events to a page nobody is signed in at, nor while it is locked', async () => {
    // Each change emits settings.changed; only the last one happens while someone is signed in and unlocked.
    const text = await events(async () => {
      await core.settings.update(adminActor, { retentionDays: 20 });
      await signIn('pk4711');
      await answer('session.lock', {});
      await core.settings.update(adminActor, { retentionDays: 21 });
      await answer('session.unlock', { password: testPassword });
      await core.settings.update(adminActor, { retentionDays: 22 });
    }, /"retentionDays":22/);
    expect(text).not.toMatch(/"retentionDays":2[01]/);
    expect(text.match(/event: settings\.changed/g)).toHaveLength(1);
    // A supervisor may not read the audit log: its appended entries are not pushed either.
    expect(text).not.toContain('event: audit.appended');
  });
});
