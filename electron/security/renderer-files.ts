// Serves the built renderer's files (web Request in, Response out) for both hosts: only files
// that resolve inside the renderer folder, only known types, with the security headers.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { securityHeaders } from './headers.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Answers a GET for `pathname` (already URL-decoded by the caller's URL parser) from `rendererDir`. */
export async function serveRendererFile(pathname: string, rendererDir: string): Promise<Response> {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return notFound();
  }
  if (relative.includes('\0')) return notFound();
  const type = contentTypes[path.extname(relative).toLowerCase()];
  if (!type) return notFound();
  let file: string;
  let root: string;
  try {
    root = await realpath(rendererDir);
    file = await realpath(path.resolve(root, relative));
  } catch {
    return notFound();
  }
  if (!file.startsWith(root + path.sep)) return notFound();
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return notFound();
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: 200,
    headers: {
      ...securityHeaders,
      'Content-Type': type,
      'Content-Length': String(info.size),
      'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'private, max-age=3600',
    },
  });
}
