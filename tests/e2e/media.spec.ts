// Footage in Debian's Chromium through the browser host: a clip opened through the contract (with
// a justification) plays from `/media/<token>` with the headers the host sends (nosniff and the
// CSP included) as MP4 and as Matroska, seeks to a presented frame, loads in two elements at
// once, and can be fetched in byte ranges (the frame cache's path).
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Expected } from '../fixtures/generate-station.ts';
import { expect, test } from './fixtures.ts';

function expectedOf(drive: string): Expected {
  return JSON.parse(readFileSync(path.join(path.dirname(process.env.REVIER_E2E_DRIVE ?? drive), 'expected.json'), 'utf8')) as Expected;
}

interface OpenedMedia {
  clipId: number;
  width: number;
  height: number;
  token: string;
  mimeType: string;
}

/**
 * Opens a playable clip through the contract as the renderer would: the first whose container
 * family is `choice`, or the largest of all.
 */
async function openClip(page: Page, choice: 'matroska' | 'mp4' | 'largest'): Promise<OpenedMedia> {
  return page.evaluate(async (choice) => {
    const call = async (method: string, payload: unknown): Promise<unknown> => {
      const response = await fetch(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
      return result.value;
    };
    type Clip = { id: number; container: string; playable: boolean; width: number; height: number; sizeBytes: number };
    const list = (await call('library.list', { limit: 500 })) as { recordings: { id: number }[] };
    const clips: Clip[] = [];
    for (const { id } of list.recordings) clips.push(...((await call('library.get', { id })) as { clips: Clip[] }).clips.filter((c) => c.playable));
    const clip =
      choice === 'largest'
        ? clips.sort((a, b) => b.sizeBytes - a.sizeBytes)[0]
        : clips.find((c) => c.container.split(',').includes(choice === 'mp4' ? 'mp4' : 'matroska'));
    if (!clip) throw new Error(`no playable clip (${choice})`);
    const opened = (await call('player.open', { clipId: clip.id, justification: 'E2E Wiedergabeprüfung' })) as { media: { token: string; mimeType: string } | null };
    if (!opened.media) throw new Error(`clip ${clip.id} has no media`);
    return { clipId: clip.id, width: clip.width, height: clip.height, ...opened.media };
  }, choice);
}

interface Played {
  width: number;
  height: number;
  duration: number;
  seekedTo: number;
  presentedMediaTime: number;
}

/**
 * Plays `/media/<token>` in `count` <video> elements at once; each seeks to the middle and waits
 * for the frame presented there. Each element gets its own query string: Chromium shares the
 * loaded bytes of one URL between elements, and here every element is to ask the host itself.
 */
function play(page: Page, token: string, count: number, load: string): Promise<Played[]> {
  return page.evaluate(
    async ({ token, count, load }) => {
      const one = async (element: number): Promise<Played> => {
        const video = document.createElement('video');
        video.muted = true;
        video.preload = 'auto';
        video.src = `/media/${token}?load=${load}-${element}`;
        document.body.append(video);
        await new Promise((resolve, reject) => {
          video.addEventListener('loadeddata', resolve, { once: true });
          video.addEventListener('error', () => reject(new Error(`media error ${video.error?.code}: ${video.error?.message}`)), { once: true });
        });
        const seekedTo = video.duration / 2;
        const presented = new Promise<number>((resolve) => video.requestVideoFrameCallback((_now, frame) => resolve(frame.mediaTime)));
        video.currentTime = seekedTo;
        const presentedMediaTime = await presented;
        const played = { width: video.videoWidth, height: video.videoHeight, duration: video.duration, seekedTo, presentedMediaTime };
        video.removeAttribute('src');
        video.load();
        video.remove();
        return played;
      };
      return Promise.all(Array.from({ length: count }, (_, element) => one(element)));
    },
    { token, count, load },
  );
}

async function scannedLibrary(page: Page, recordings: number): Promise<void> {
  await expect(page.getByTestId('library-total')).toContainText(`${recordings} Aufzeichnungen`, { timeout: 30_000 });
}

for (const family of ['mp4', 'matroska'] as const) {
  test(`Chromium plays an opened ${family} clip from /media/ with the host's headers, seeks, and plays it twice at once`, async ({ page, station }) => {
    const expected = expectedOf(station.drive);
    await scannedLibrary(page, expected.recordings.length);
    const media: { status: number; headers: Record<string, string> }[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/media/')) media.push({ status: response.status(), headers: response.headers() });
    });
    const opened = await openClip(page, family);
    expect(opened.mimeType).toBe(family === 'mp4' ? 'video/mp4' : 'video/x-matroska');
    expect(expected.clips.map((c) => `${c.width}x${c.height}`)).toContain(`${opened.width}x${opened.height}`);

    const [alone] = await play(page, opened.token, 1, 'alone');
    expect(alone!.width).toBe(opened.width);
    expect(alone!.height).toBe(opened.height);
    expect(alone!.presentedMediaTime).toBeGreaterThan(0);
    expect(Math.abs(alone!.presentedMediaTime - alone!.seekedTo)).toBeLessThan(0.1);

    const together = await play(page, opened.token, 2, 'together');
    for (const played of together) expect(played.width).toBe(opened.width);

    // One request per element at least: all three asked the host, two of them at once.
    expect(media.length).toBeGreaterThanOrEqual(3);
    for (const response of media) {
      expect([200, 206]).toContain(response.status);
      expect(response.headers).toMatchObject({ 'content-type': opened.mimeType, 'x-content-type-options': 'nosniff', 'accept-ranges': 'bytes' });
    }
  });
}

test('the largest clip plays in two elements at once from byte ranges', async ({ page, station }) => {
  const expected = expectedOf(station.drive);
  await scannedLibrary(page, expected.recordings.length);
  const ranges: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/media/')) ranges.push(request.headers()['range'] ?? 'none');
  });
  const statuses: number[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/media/')) statuses.push(response.status());
  });
  const opened = await openClip(page, 'largest');
  const played = await play(page, opened.token, 2, 'largest');
  for (const one of played) {
    expect(one.width).toBe(opened.width);
    expect(Math.abs(one.presentedMediaTime - one.seekedTo)).toBeLessThan(0.1);
  }
  // Its index sits at the end of the file: Chromium must have asked for ranges beyond the start.
  expect(ranges.filter((range) => range !== 'bytes=0-').length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set([206]));
});

test('the page fetches byte ranges of opened media (connect-src \'self\')', async ({ page, station }) => {
  const expected = expectedOf(station.drive);
  await scannedLibrary(page, expected.recordings.length);
  const opened = await openClip(page, 'matroska');
  const seen = await page.evaluate(async (token) => {
    const range = await fetch(`/media/${token}`, { headers: { Range: 'bytes=0-3' } });
    const bytes = Array.from(new Uint8Array(await range.arrayBuffer()), (byte) => byte.toString(16).padStart(2, '0')).join('');
    return { status: range.status, contentRange: range.headers.get('content-range'), bytes };
  }, opened.token);
  expect(seen).toMatchObject({ status: 206, contentRange: expect.stringMatching(/^bytes 0-3\/\d+$/), bytes: '1a45dfa3' });
});
