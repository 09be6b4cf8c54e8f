// Footage through the browser host over real HTTP: `/media/<token>` only with the session cookie,
// only for a token the player handed out after an audited `player.open` to the page's signed-in
// session, with byte ranges; and the Node adapter streams the bytes and releases the
// file when the client goes away.
import { randomBytes } from 'node:crypto';
import { readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browser-host.ts';
import { nodeListener } from '../../electron/browser-host/node-adapter.ts';
import type { Core } from '../../electron/core/core.ts';
import { scanDrive } from '../../electron/core/library/station-scanner.ts';
import { createMediaHandler } from '../../electron/core/media/media-handler.ts';
import { ClipEntity } from '../../electron/db/entities/library.ts';
import { httpMediaPath } from '../../shared/api/media.ts';
import type { Expected } from '../fixtures/generate-station.ts';
import { adminActor, openTestCore, signInAs, testActor, testPassword } from '../support/core.ts';
import { copyOfStationDrive } from '../support/station-drive.ts';
import { useTempFolders } from '../support/temp-folder.ts';
import { openDescriptors } from '../support/open-descriptors.ts';

const tempFolder = useTempFolders('file');
let folder: string;
let core: Core;
let host: BrowserHost;
let cookie: string;
let drive: string;
let expected: Expected;
let clipIds: Map<string, number>;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function raw(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path: pathname, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function call(method: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const response = await raw(`/api/${method}`, {
    method: 'POST',
    headers: { cookie, origin: host.origin, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return JSON.parse(response.body.toString('utf8'));
}

function clipOf(container: 'mkv' | 'mp4'): { id: number; file: string } {
  const clip = expected.clips.find((c) => c.container === container && c.videoCodec === 'h264');
  const id = clip && clipIds.get(clip.path);
  if (!clip || id === undefined) throw new Error(`no ingested ${container} clip`);
  return { id, file: path.join(drive, clip.path) };
}

beforeAll(async () => {
  folder = tempFolder();
  ({ drive, expected } = await copyOfStationDrive(folder));
  core = await openTestCore(path.join(folder, 'data'));
  await core.settings.update(adminActor, { stationDrive: drive });
  await scanDrive(core, testActor, drive, { derive: false });
  clipIds = new Map((await core.db.dataSource.getRepository(ClipEntity).find()).map((clip) => [clip.path, clip.id]));
  const renderer = tempFolder();
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Revier</title>');
  host = await startBrowserHost({ core, rendererDir: renderer });
  const exchange = await raw(new URL(host.url).pathname + new URL(host.url).search);
  cookie = String(exchange.headers['set-cookie']).split(';')[0] ?? '';
  await signInAs(core, 'supervisor', 'pk4711');
  expect(await call('session.signIn', { username: 'pk4711', password: testPassword })).toMatchObject({ ok: true, value: { state: 'signed-in' } });
});

afterAll(async () => {
  await host.close();
  await core.close();
});

describe('footage through the browser host', () => {
  it('has no media for a clip before it is opened: player.media is forbidden and no token serves it', async () => {
    const { id } = clipOf('mp4');
    expect(await call('player.media', { clipId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await raw(httpMediaPath(randomBytes(16).toString('hex')), { headers: { cookie } })).status).toBe(404);
  });

  it('serves the bytes of an opened clip in ranges, and only with the session cookie', async () => {
    const { id, file } = clipOf('mp4');
    const bytes = readFileSync(file);
    const opened = await call('player.open', { clipId: id, justification: 'Az. 4711 Js 123/24' });
    expect(opened).toMatchObject({ ok: true, value: { media: { source: 'original', mimeType: 'video/mp4' } } });
    const token = (opened.value as { media: { token: string } }).media.token;
    expect(await call('player.media', { clipId: id })).toMatchObject({ ok: true, value: { token } });

    const withoutSession = await raw(httpMediaPath(token), { headers: { range: 'bytes=0-99' } });
    expect(withoutSession.status).toBe(401);
    expect(withoutSession.body.length).toBeLessThan(100);
    expect((await raw(httpMediaPath(token), { headers: { cookie: 'revier_session=forged' } })).status).toBe(401);

    const middle = await raw(httpMediaPath(token), { headers: { cookie, range: 'bytes=1000-4999' } });
    expect(middle.status).toBe(206);
    expect(middle.headers).toMatchObject({
      'content-type': 'video/mp4',
      'content-range': `bytes 1000-4999/${bytes.length}`,
      'content-length': '4000',
      'accept-ranges': 'bytes',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    expect(middle.body.equals(bytes.subarray(1000, 5000))).toBe(true);

    const suffix = await raw(httpMediaPath(token), { headers: { cookie, range: 'bytes=-10' } });
    expect(suffix.body.equals(bytes.subarray(bytes.length - 10))).toBe(true);
    const whole = await raw(httpMediaPath(token), { headers: { cookie } });
    expect(whole.status).toBe(200);
    expect(whole.body.equals(bytes)).toBe(true);
    const head = await raw(httpMediaPath(token), { method: 'HEAD', headers: { cookie } });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(bytes.length));
    expect(head.body.length).toBe(0);
    const outside = await raw(httpMediaPath(token), { headers: { cookie, range: `bytes=${bytes.length}-` } });
    expect(outside.status).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${bytes.length}`);
  });

  it('serves an opened Matroska clip as video/x-matroska', async () => {
    const { id, file } = clipOf('mkv');
    const opened = await call('player.open', { clipId: id, justification: 'Vorgang Widerstand 14.03.' });
    const media = (opened.value as { media: { token: string; mimeType: string } }).media;
    expect(media.mimeType).toBe('video/x-matroska');
    const first = await raw(httpMediaPath(media.token), { headers: { cookie, range: 'bytes=0-3' } });
    expect(first.status).toBe(206);
    expect(first.headers['content-type']).toBe('video/x-matroska');
    expect(first.body.equals(readFileSync(file).subarray(0, 4))).toBe(true);
    expect(first.body.toString('hex')).toBe('1a45dfa3');
  });

  it('answers 404 for an unknown token with a session, and 405 for other methods', async () => {
    const unknown = await raw(httpMediaPath('0'.repeat(32)), { headers: { cookie } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.toString()).not.toContain(drive);
    const post = await raw(httpMediaPath('0'.repeat(32)), { method: 'POST', headers: { cookie, origin: host.origin } });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('keeps serving the open clip to its locked window (the player resumes after unlocking), but no contract call', async () => {
    const { id, file } = clipOf('mp4');
    const opened = await call('player.open', { clipId: id, justification: 'Az. 4711 Js 123/24' });
    const token = (opened.value as { media: { token: string } }).media.token;
    expect((await raw(httpMediaPath(token), { headers: { cookie, range: 'bytes=0-3' } })).status).toBe(206);

    expect(await call('session.lock', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    const locked = await raw(httpMediaPath(token), { headers: { cookie, range: 'bytes=0-3' } });
    expect(locked.status).toBe(206);
    expect(await call('player.media', { clipId: id })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await call('player.open', { clipId: id, justification: 'Az. 4711 Js 123/24' })).toMatchObject({ ok: false, error: { code: 'locked' } });

    expect(await call('session.unlock', { password: testPassword })).toMatchObject({ ok: true, value: { state: 'signed-in' } });
    const unlocked = await raw(httpMediaPath(token), { headers: { cookie, range: 'bytes=0-3' } });
    expect(unlocked.status).toBe(206);
    expect(unlocked.body.equals(readFileSync(file).subarray(0, 4))).toBe(true);
  });

  it('serves no token of another session, signed in elsewhere or not at all', async () => {
    const { id } = clipOf('mp4');
    const elsewhere = await signInAs(core, 'supervisor', 'pk4711');
    const theirs = (await core.player.open(elsewhere, id, 'Az. 4711 Js 123/24')).media?.token ?? '';
    // A token belongs to the session that opened the clip: the page's own session has another.
    const ours = ((await call('player.media', { clipId: id })).value as { token: string }).token;
    expect(theirs).not.toBe(ours);
    // The token is the grant: it serves while the session holding it is live.
    expect((await raw(httpMediaPath(theirs), { headers: { cookie, range: 'bytes=0-3' } })).status).toBe(206);
    await core.accounts.signOut(elsewhere.sessionId);
    expect((await raw(httpMediaPath(theirs), { headers: { cookie, range: 'bytes=0-3' } })).status).toBe(404);
    const nobody = (await core.player.open(testActor, id, 'Az. 4711 Js 123/24')).media?.token ?? '';
    expect((await raw(httpMediaPath(nobody), { headers: { cookie, range: 'bytes=0-3' } })).status).toBe(404);
  });

  it('refuses an opened clip whose file vanished with 404', async () => {
    const clip = expected.clips.filter((c) => c.container === 'mp4' && c.videoCodec === 'h264')[1]!;
    const opened = await call('player.open', { clipId: clipIds.get(clip.path)!, justification: 'Az. 4711 Js 124/24' });
    const token = (opened.value as { media: { token: string } }).media.token;
    rmSync(path.join(drive, clip.path));
    const response = await raw(httpMediaPath(token), { headers: { cookie } });
    expect(response.status).toBe(404);
    expect(response.body.toString()).toMatch(/no longer there/);
  });

  it('withdraws every token when the page signs out', async () => {
    const { id } = clipOf('mkv');
    const opened = await call('player.open', { clipId: id, justification: 'Vorgang Widerstand 14.03.' });
    const token = (opened.value as { media: { token: string } }).media.token;
    expect((await raw(httpMediaPath(token), { headers: { cookie, range: 'bytes=0-3' } })).status).toBe(206);
    expect(await call('session.signOut', {})).toMatchObject({ ok: true, value: { state: 'signed-out' } });
    expect((await raw(httpMediaPath(token), { headers: { cookie, range: 'bytes=0-3' } })).status).toBe(404);
    expect(await call('player.media', { clipId: id })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // Signing in again gives a new session: the old grant does not come back.
    expect(await call('session.signIn', { username: 'pk4711', password: testPassword })).toMatchObject({ ok: true });
    expect(await call('player.media', { clipId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await raw(httpMediaPath(token), { headers: { cookie, range: 'bytes=0-3' } })).status).toBe(404);
  });
});


describe.skipIf(process.platform !== 'linux')('the Node adapter', () => {
  let server: Server;
  let port: number;
  let big: string;

  beforeAll(async () => {
    const root = realpathSync(tempFolder('revier-adapter-'));
    big = path.join(root, 'big.mp4');
    writeFileSync(big, Buffer.alloc(32 * 1024 * 1024, 3));
    const token = 'ab'.repeat(16);
    const media = createMediaHandler(async (candidate) => (candidate === token ? { path: big, roots: [root], mimeType: 'video/mp4' } : null));
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    // `/signal`: reads the body, lets the event loop run, then says whether its signal fired.
    const handler = async (request: Request): Promise<Response> => {
      if (!request.url.endsWith('/signal')) return media(request);
      await request.text();
      for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      return new Response(JSON.stringify({ aborted: request.signal.aborted }));
    };
    server.on('request', nodeListener(handler, `http://127.0.0.1:${port}`));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('keeps the request signal quiet while the client waits for the answer to a POST', async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/signal`, { method: 'POST', body: '{"clipId":1}' });
    expect(await answer.json()).toEqual({ aborted: false });
  });

  it('streams the body as the client reads and closes the file when the client disconnects', async () => {
    const firstChunk = await new Promise<{ length: number; disconnect: () => void }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: httpMediaPath('ab'.repeat(16)) }, (res) => {
        res.once('data', (chunk: Buffer) => {
          res.pause();
          resolve({ length: chunk.length, disconnect: () => req.destroy() });
        });
      });
      req.on('error', (error) => (error.message === 'socket hang up' ? undefined : reject(error)));
      req.end();
    });
    expect(firstChunk.length).toBeGreaterThan(0);
    expect(openDescriptors(big)).toBe(1);
    firstChunk.disconnect();
    await vi.waitFor(() => expect(openDescriptors(big)).toBe(0));
  });
});
