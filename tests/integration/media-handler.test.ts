// The media handler against real files on disk: byte ranges with the exact bytes, the refusals
// (symlinks and `../` out of the drive, prefix look-alikes, vanished files, unknown tokens and
// types), and the open file released when the client goes away.
import { randomBytes } from 'node:crypto';
import { mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMediaHandler, isInside } from '../../electron/core/media/media-handler.ts';
import type { MediaFile } from '../../electron/core/player/player-service.ts';
import { contentSecurityPolicy } from '../../electron/security/csp.ts';
import { evidenceMediaUrl, httpMediaPath } from '../../shared/api/media.ts';
import { useTempFolders } from '../support/temp-folder.ts';
import { openDescriptors } from '../support/open-descriptors.ts';

const tempFolder = useTempFolders();

const size = 300_001;
const clipBytes = randomBytes(size);
const secret = Buffer.from('SECRET FOOTAGE OF ANOTHER CASE');

let drive: string;
let files: Record<string, MediaFile>;

/** A token per case; the resolver knows exactly these. */
const tokenOf = (name: string): string => Buffer.from(name.padEnd(16, '.').slice(0, 16)).toString('hex');

function handler(): (request: Request) => Promise<Response> {
  const byToken = new Map(Object.entries(files).map(([name, file]) => [tokenOf(name), file]));
  return createMediaHandler(async (token) => byToken.get(token) ?? null);
}

function get(name: string, init: RequestInit & { range?: string } = {}): Promise<Response> {
  const { range, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (range !== undefined) headers.set('range', range);
  return handler()(new Request(`http://127.0.0.1:4000${httpMediaPath(tokenOf(name))}`, { ...rest, headers }));
}

async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

beforeEach(() => {
  const station = realpathSync(tempFolder('revier-media-'));
  drive = path.join(station, 'drive');
  const evil = path.join(station, 'drive-evil');
  const outside = path.join(station, 'outside');
  for (const dir of [drive, evil, outside, path.join(drive, 'folder.mp4')]) mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(drive, 'clip.mp4'), clipBytes);
  writeFileSync(path.join(drive, 'empty.mp4'), Buffer.alloc(0));
  writeFileSync(path.join(evil, 'secret.mp4'), secret);
  writeFileSync(path.join(outside, 'secret.mp4'), secret);
  symlinkSync(path.join(outside, 'secret.mp4'), path.join(drive, 'escape.mp4'));
  symlinkSync(path.join(drive, 'clip.mp4'), path.join(drive, 'alias.mp4'));
  symlinkSync(drive, path.join(station, 'drive-link'));
  const inDrive = (name: string, mimeType = 'video/mp4'): MediaFile => ({ path: path.join(drive, name), roots: [drive], mimeType });
  files = {
    clip: inDrive('clip.mp4'),
    mkv: inDrive('clip.mp4', 'video/x-matroska'),
    empty: inDrive('empty.mp4'),
    alias: inDrive('alias.mp4'),
    viaLinkedRoot: { path: path.join(station, 'drive-link', 'clip.mp4'), roots: [path.join(station, 'drive-link')], mimeType: 'video/mp4' },
    escape: inDrive('escape.mp4'),
    dotdot: inDrive('../outside/secret.mp4'),
    lookalike: inDrive('../drive-evil/secret.mp4'),
    lookalikePath: { path: path.join(evil, 'secret.mp4'), roots: [drive], mimeType: 'video/mp4' },
    theRoot: { path: drive, roots: [drive], mimeType: 'video/mp4' },
    folder: inDrive('folder.mp4'),
    vanished: inDrive('gone.mp4'),
    text: inDrive('clip.mp4', 'text/html'),
  };
});

describe('byte ranges', () => {
  it.each([
    ['the first byte', 'bytes=0-0', 0, 0],
    ['a middle range', 'bytes=100000-165535', 100_000, 165_535],
    ['the last byte', `bytes=${size - 1}-${size - 1}`, size - 1, size - 1],
    ['a suffix', 'bytes=-1000', size - 1000, size - 1],
    ['an open range', 'bytes=250000-', 250_000, size - 1],
    ['an end past the file', 'bytes=299990-999999', 299_990, size - 1],
    ['a suffix longer than the file', 'bytes=-999999', 0, size - 1],
  ])('%s (%s) answers 206 with exactly those bytes', async (_case, range, start, end) => {
    const response = await get('clip', { range });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
    expect(response.headers.get('content-length')).toBe(String(end - start + 1));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-type')).toBe('video/mp4');
    const body = await bytesOf(response);
    expect(body.length).toBe(end - start + 1);
    expect(body.equals(clipBytes.subarray(start, end + 1))).toBe(true);
  });

  it('answers 200 with the whole file, its type, no caching and the security headers', async () => {
    const response = await get('mkv');
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'video/x-matroska',
      'content-length': String(size),
      'accept-ranges': 'bytes',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': contentSecurityPolicy,
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(response.headers.has('content-range')).toBe(false);
    expect((await bytesOf(response)).equals(clipBytes)).toBe(true);
  });

  it.each(['bytes=300001-', `bytes=${size + 10}-${size + 20}`, 'bytes=-0', 'bytes=5-1', 'bytes=0-1,4-5', 'bytes=abc', 'lines=0-1'])(
    'answers 416 with the size for %s',
    async (range) => {
      const response = await get('clip', { range });
      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toBe(`bytes */${size}`);
      expect(response.headers.get('accept-ranges')).toBe('bytes');
    },
  );

  it('sends only headers for HEAD, with the length a GET would send', async () => {
    const whole = await get('clip', { method: 'HEAD' });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(size));
    expect(whole.body).toBeNull();
    const part = await get('clip', { method: 'HEAD', range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${size}`);
    expect(part.headers.get('content-length')).toBe('10');
    expect(part.body).toBeNull();
  });

  it('answers an empty file with an empty 200, and any range of it with 416', async () => {
    const whole = await get('empty');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe('0');
    expect((await bytesOf(whole)).length).toBe(0);
    const ranged = await get('empty', { range: 'bytes=0-' });
    expect(ranged.status).toBe(416);
    expect(ranged.headers.get('content-range')).toBe('bytes */0');
  });

  it('serves a symlink that stays inside the drive, and a drive reached through a symlink', async () => {
    for (const name of ['alias', 'viaLinkedRoot']) {
      const response = await get(name, { range: 'bytes=-16' });
      expect(response.status, name).toBe(206);
      expect((await bytesOf(response)).equals(clipBytes.subarray(size - 16))).toBe(true);
    }
  });

  it('answers the evidence: form of the address the same way', async () => {
    const response = await handler()(new Request(evidenceMediaUrl(tokenOf('clip')), { headers: { range: 'bytes=1-2' } }));
    expect(response.status).toBe(206);
    expect((await bytesOf(response)).equals(clipBytes.subarray(1, 3))).toBe(true);
  });
});

describe('refusals', () => {
  it.each(['escape', 'dotdot', 'lookalike', 'lookalikePath', 'theRoot'])('refuses %s with 403 and never shows its bytes or path', async (name) => {
    const response = await get(name);
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(body).not.toContain('SECRET');
    expect(body).not.toContain(path.sep + 'drive');
  });

  it('answers 404 with a clear message for a vanished file and for a folder', async () => {
    const vanished = await get('vanished');
    expect(vanished.status).toBe(404);
    expect(await vanished.text()).toMatch(/no longer there/);
    rmSync(path.join(drive, 'clip.mp4'));
    expect((await get('clip')).status).toBe(404);
    expect((await get('alias')).status).toBe(404);
    const folder = await get('folder');
    expect(folder.status).toBe(404);
    expect(await folder.text()).not.toContain(drive);
  });

  it('answers 404 for an unknown token and for an address that names no token', async () => {
    const unknown = await handler()(new Request(`http://127.0.0.1:4000${httpMediaPath('f'.repeat(32))}`));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/Unknown media token/);
    for (const url of ['http://127.0.0.1:4000/media/xyz', `http://127.0.0.1:4000/media/${tokenOf('clip')}/x`, `evidence://other/${tokenOf('clip')}`]) {
      expect((await handler()(new Request(url))).status, url).toBe(404);
    }
  });

  it('serves no type but the video types the renderer plays', async () => {
    const response = await get('text');
    expect(response.status).toBe(415);
    expect(await response.text()).not.toContain('<');
  });

  it('answers 405 with Allow for methods other than GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = await get('clip', { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('answers 500 without details when the lookup fails, and logs the cause', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failing = createMediaHandler(async () => {
      throw new Error('database is locked at /secret/path');
    });
    const response = await failing(new Request(`http://127.0.0.1:4000${httpMediaPath(tokenOf('clip'))}`));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('/secret/path');
    expect(String(logged.mock.calls[0]?.[1])).toContain('database is locked');
    logged.mockRestore();
  });
});

describe('isInside', () => {
  it.each([
    ['/drive', '/drive/a.mp4', true],
    ['/drive', '/drive/sub/a.mp4', true],
    ['/drive', '/drive/..a.mp4', true],
    ['/drive', '/drive', false],
    ['/drive', '/drive-evil/a.mp4', false],
    ['/drive', '/drivea.mp4', false],
    ['/drive', '/a.mp4', false],
    ['/drive/sub', '/drive/a.mp4', false],
  ])('%s contains %s: %s', (root, file, inside) => {
    expect(isInside(root, file)).toBe(inside);
  });
});


describe.skipIf(process.platform !== 'linux')('the open file', () => {
  const bigSize = 16 * 1024 * 1024;

  beforeEach(() => {
    writeFileSync(path.join(drive, 'big.mp4'), Buffer.alloc(bigSize, 7));
    files.big = { path: path.join(drive, 'big.mp4'), roots: [drive], mimeType: 'video/mp4' };
  });

  it('is read as the client reads, and closed when the client aborts mid-stream', async () => {
    const file = path.join(drive, 'big.mp4');
    const client = new AbortController();
    const response = await get('big', { signal: client.signal });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.value?.length).toBeGreaterThan(0);
    expect(first.value!.length).toBeLessThan(bigSize);
    expect(openDescriptors(file)).toBe(1);
    client.abort();
    await vi.waitFor(() => expect(openDescriptors(file)).toBe(0));
  });

  it('is closed when the consumer cancels the body (as Electron does)', async () => {
    const file = path.join(drive, 'big.mp4');
    const response = await get('big', { range: 'bytes=1000-' });
    const reader = response.body!.getReader();
    await reader.read();
    expect(openDescriptors(file)).toBe(1);
    await reader.cancel();
    await vi.waitFor(() => expect(openDescriptors(file)).toBe(0));
  });

  it('is closed after a full read, after HEAD and after 416, and never opened for an aborted request', async () => {
    const file = path.join(drive, 'big.mp4');
    expect((await bytesOf(await get('big', { range: 'bytes=0-99' }))).length).toBe(100);
    await get('big', { method: 'HEAD' });
    await get('big', { range: 'bytes=0-1,2-3' });
    const gone = new AbortController();
    gone.abort();
    const aborted = await get('big', { signal: gone.signal });
    await aborted.body?.getReader().read().catch(() => undefined);
    await vi.waitFor(() => expect(openDescriptors(file)).toBe(0));
  });
});
