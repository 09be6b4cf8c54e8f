// The `app:` scheme handler: a web Request in, a web Response out. It serves the built renderer
// through the same file server as the browser host (security/renderer-files.ts: real path inside
// the renderer folder only, known content types, CSP and security headers on every answer).
import { rendererDir } from '../app-root.ts';
import { securityHeaders } from '../security/headers.ts';
import { serveRendererFile } from '../security/renderer-files.ts';
import { isAppUrl } from './app-origin.ts';

const refuse = (status: number, text: string): Response =>
  new Response(text, { status, headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });

export function createAppFileHandler(root: string = rendererDir): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isAppUrl(request.url)) return refuse(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    return serveRendererFile(new URL(request.url).pathname, root);
  };
}
