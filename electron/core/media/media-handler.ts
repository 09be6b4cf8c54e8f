// The one handler that serves footage bytes, for both hosts (browser host `/media/<token>`,
// Electron `evidence://media/<token>`): a web Request in, a web Response out.
//
// Only tokens the player handed out after an audited consultation resolve to a file. The file's
// real path (symlinks followed) must lie inside one of the real roots the player names, so
// neither a `../` in a clip path nor a symlink on the drive leads anywhere else. Byte ranges are
// answered here (no `net.fetch(file://)`, which breaks seeking) and the bytes are streamed from
// one open file: its size and its bytes come from the same inode, nothing is read whole, and the
// file is closed as soon as the client goes away (Chromium aborts media requests all the time).
// No answer ever names a path.
import type { FileHandle } from 'node:fs/promises';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { mediaTokenFromUrl } from '../../../shared/api/media.ts';
import { securityHeaders } from '../../security/headers.ts';
import type { MediaFile } from '../player/player-service.ts';
import { contentRange, parseRange, unsatisfiedRange } from './byte-range.ts';

export type ResolveMedia = (token: string) => Promise<MediaFile | null>;
export type MediaHandler = (request: Request) => Promise<Response>;

/** The media types the renderer plays; nothing else is served under a media token. */
export const servedMediaTypes: ReadonlySet<string> = new Set(['video/mp4', 'video/x-matroska', 'video/webm']);

const mediaMethods = 'GET, HEAD';

function refuse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, {
    status,
    headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

const gone = (): Response => refuse(404, "The clip's file is no longer there: the station drive may be unplugged or the file removed.");

/** True when `file` lies strictly inside `root` (both real, absolute paths). */
export function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

type Located = { kind: 'inside'; file: string } | { kind: 'outside' } | { kind: 'gone' };

async function locate(media: MediaFile): Promise<Located> {
  const file = await realpath(media.path).catch(() => null);
  if (file === null) return { kind: 'gone' };
  const roots = await Promise.all(media.roots.map((root) => realpath(root).catch(() => null)));
  return roots.some((root) => root !== null && isInside(root, file)) ? { kind: 'inside', file } : { kind: 'outside' };
}

/** The bytes `start`..`end` (inclusive) of the open file as a web stream that owns the handle. */
function fileBytes(handle: FileHandle, start: number, end: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  const stream = handle.createReadStream({ start, end });
  const abort = (): void => {
    stream.destroy();
  };
  signal.addEventListener('abort', abort, { once: true });
  stream.once('close', () => signal.removeEventListener('abort', abort));
  if (signal.aborted) abort();
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

async function serve(request: Request, media: MediaFile, file: string): Promise<Response> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return gone();
  let keepOpen = false;
  try {
    const info = await handle.stat();
    if (!info.isFile()) return refuse(404, "The clip's media is not a file.");
    const size = info.size;
    const range = parseRange(request.headers.get('range'), size);
    const headers: Record<string, string> = {
      ...securityHeaders,
      'Content-Type': media.mimeType,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
    };
    if (range.kind === 'unsatisfiable') {
      return refuse(416, 'Range not satisfiable: ask for one byte range inside the file.', { 'Accept-Ranges': 'bytes', 'Content-Range': unsatisfiedRange(size) });
    }
    const partial = range.kind === 'partial';
    const { start, end } = partial ? range : { start: 0, end: size - 1 };
    headers['Content-Length'] = String(end - start + 1);
    if (partial) headers['Content-Range'] = contentRange(start, end, size);
    const status = partial ? 206 : 200;
    if (request.method === 'HEAD' || size === 0) return new Response(null, { status, headers });
    keepOpen = true;
    return new Response(fileBytes(handle, start, end, request.signal), { status, headers });
  } finally {
    if (!keepOpen) await handle.close();
  }
}

export function createMediaHandler(resolve: ResolveMedia): MediaHandler {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Use GET or HEAD.', { Allow: mediaMethods });
    const token = mediaTokenFromUrl(request.url);
    if (token === null) return refuse(404, 'No media under this address.');
    let media: MediaFile | null;
    try {
      media = await resolve(token);
    } catch (error) {
      console.error('[revier] media lookup failed:', error);
      return refuse(500, 'The media could not be looked up.');
    }
    if (!media) return refuse(404, 'Unknown media token: open the clip again.');
    if (!servedMediaTypes.has(media.mimeType)) return refuse(415, 'This media type is not served.');
    const located = await locate(media);
    if (located.kind === 'gone') return gone();
    if (located.kind === 'outside') return refuse(403, "The clip's file lies outside the folders it may be served from.");
    return serve(request, media, located.file);
  };
}
