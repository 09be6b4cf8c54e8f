// The privileged schemes and the `app:` handler, called with web Requests as Electron would.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFileHandler } from '../../electron/electron-host/app-files.ts';
import { appEntryUrl, isAppUrl } from '../../electron/electron-host/app-origin.ts';
import { handleSchemes, privilegedSchemes, registerPrivilegedSchemes } from '../../electron/electron-host/schemes.ts';
import { createMediaHandler } from '../../electron/core/media/media-handler.ts';
import { contentSecurityPolicy, evidenceScheme } from '../../electron/security/csp.ts';
import { evidenceMediaUrl } from '../../shared/api/media.ts';

// station/secret.txt beside station/renderer/{index.html, assets/app.js, outside.js -> ../secret.txt}
let station: string;
let renderer: string;
const secret = 'SECRET-OUTSIDE-THE-RENDERER';

beforeAll(() => {
  station = mkdtempSync(path.join(os.tmpdir(), 'revier-app-scheme-'));
  renderer = path.join(station, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Revier</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'export const ready = true;');
  writeFileSync(path.join(station, 'secret.txt'), secret);
  writeFileSync(path.join(station, 'package.json'), secret);
  symlinkSync(path.join(station, 'secret.txt'), path.join(renderer, 'outside.js'));
});

afterAll(() => rmSync(station, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppFileHandler(renderer)(new Request(url, { method }));

describe('privileged schemes', () => {
  it('registers app: and evidence: as standard, secure, fetchable schemes that never bypass the CSP', () => {
    const registered: unknown[] = [];
    registerPrivilegedSchemes({ registerSchemesAsPrivileged: (schemes) => registered.push(schemes) });
    expect(registered).toEqual([privilegedSchemes]);
    expect(privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, bypassCSP: false } },
      { scheme: evidenceScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true, bypassCSP: false } },
    ]);
  });

  it('handles app: with the renderer files and evidence: with the media handler it is given', async () => {
    const token = '0123456789abcdef0123456789abcdef';
    const footage = Buffer.from('0123456789 bytes of footage');
    writeFileSync(path.join(station, 'footage.mp4'), footage);
    const asked: string[] = [];
    const media = createMediaHandler(async (candidate) => {
      asked.push(candidate);
      return candidate === token ? { path: path.join(station, 'footage.mp4'), roots: [station], mimeType: 'video/mp4' } : null;
    });
    const handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
    handleSchemes({ handle: (scheme, handler) => handlers.set(scheme, handler) }, media, renderer);
    expect([...handlers.keys()]).toEqual(['app', evidenceScheme]);

    const range = await handlers.get(evidenceScheme)?.(new Request(evidenceMediaUrl(token), { headers: { range: 'bytes=2-5' } }));
    expect(range?.status).toBe(206);
    expect(range?.headers.get('content-range')).toBe(`bytes 2-5/${footage.length}`);
    expect(range?.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await range!.arrayBuffer()).toString()).toBe('2345');
    // Only the renderer's origin may read footage across origins, with the range headers.
    expect(range?.headers.get('access-control-allow-origin')).toBe('app://renderer');
    expect(range?.headers.get('access-control-expose-headers')).toContain('Content-Range');
    const unknown = await handlers.get(evidenceScheme)?.(new Request(evidenceMediaUrl('f'.repeat(32))));
    expect(unknown?.status).toBe(404);
    expect(asked).toEqual([token, 'f'.repeat(32)]);
    const page = await handlers.get('app')?.(new Request(appEntryUrl));
    expect(page?.status).toBe(200);
  });

  it('knows its own origin', () => {
    expect(isAppUrl('app://renderer/index.html')).toBe(true);
    expect(isAppUrl('app://renderer.evil/index.html')).toBe(false);
    expect(isAppUrl('https://renderer/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('app: handler', () => {
  it('serves index.html with its type and the CSP', async () => {
    const response = await get('app://renderer/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('<!doctype html><title>Revier</title>');
  });

  it('serves index.html for the bare origin and scripts as JavaScript', async () => {
    expect(await (await get('app://renderer/')).text()).toContain('<title>Revier</title>');
    const script = await get('app://renderer/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export const ready = true;');
  });

  it.each([
    'app://renderer/../../package.json',
    'app://renderer/%2e%2e/%2e%2e/package.json',
    'app://renderer/..%2f..%2fsecret.txt',
    'app://renderer/..%2fsecret.txt',
    'app://renderer/assets/..%2f..%2f..%2fsecret.txt',
    'app://renderer/..%5csecret.txt',
    'app://renderer/outside.js',
    'app://renderer/index.html%00.js',
  ])('refuses %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(secret);
  });

  it('answers 404 for a missing file and for another host', async () => {
    expect((await get('app://renderer/missing.js')).status).toBe(404);
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://renderer/index.html', 'POST')).status).toBe(405);
    expect((await get('app://renderer/index.html', 'HEAD')).status).toBe(200);
  });
});
