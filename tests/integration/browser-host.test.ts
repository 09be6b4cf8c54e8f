// The browser host over real HTTP on 127.0.0.1: token exchange, guards, the contract, events.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browser-host.ts';
import type { Core } from '../../electron/core/core.ts';
import { contentSecurityPolicy } from '../../electron/security/csp.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { openTestCore, testActor } from '../support/core.ts';
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

beforeEach(async () => {
  const renderer = tempFolder();
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Revier</title>');
  mkdirSync(path.join(renderer, 'assets'));
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  core = await openTestCore(tempFolder());
  host = await startBrowserHost({ core, actor: testActor, rendererDir: renderer });
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
    const status = JSON.parse((await call('app.status', {})).body);
    expect(status).toMatchObject({ ok: true, value: { version: '0.0.0-test', database: { migrations: migrations.length } } });
    const updated = JSON.parse((await call('settings.update', { retentionDays: 14 })).body);
    expect(updated).toMatchObject({ ok: true, value: { retentionDays: 14 } });
    expect((await core.settings.get()).retentionDays).toBe(14);
  });

  it.each([
    ['unknown method', 'clips.delete', {}, 'unknown_method'],
    ['wrong type', 'audit.list', { page: 'x' }, 'invalid_request'],
    ['extra key', 'settings.update', { retentionDays: 14, isAdmin: true }, 'invalid_request'],
    ['prototype pollution', 'settings.update', JSON.parse('{"__proto__":{"retentionDays":1}}'), 'invalid_request'],
    ['not an object', 'settings.get', [1, 2], 'invalid_request'],
  ])('refuses a hostile payload (%s) with a clear error', async (_case, method, payload, code) => {
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
    let update: Promise<RawResponse> | undefined;
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: host.port, path: '/api/events', headers: { cookie } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.once('data', () => (update = call('settings.update', { language: 'en' })));
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('event: settings.changed')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    const text = await received;
    expect((await update)?.status).toBe(200);
    expect(text).toMatch(/event: settings\.changed\ndata: \{[^\n]*"language":"en"/);
  });
});
