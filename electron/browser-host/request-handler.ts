// The browser host's routes, as a web Request → Response function: the token exchange, the
// contract over `POST /api/<method>`, core events as server-sent events, footage under
// `/media/<token>` (same origin, so the CSP's 'self' covers it), and the renderer.
import { httpEventsPath } from '../../shared/api/bridge.ts';
import { httpMediaPrefix } from '../../shared/api/media.ts';
import { fail } from '../../shared/api/result.ts';
import type { Core } from '../core/core.ts';
import { callContext, dispatch, eventAllowed, type HandlerTable, type Seat } from '../core/handlers.ts';
import type { MediaHandler } from '../core/media/media-handler.ts';
import { securityHeaders } from '../security/headers.ts';
import { serveRendererFile } from '../security/renderer-files.ts';
import type { SessionGuard } from './session-guard.ts';

/** Large enough for an annotation document being imported (ImportRequestSchema). */
export const maxRequestBytes = 48 * 1024 * 1024;

export interface BrowserHostContext {
  guard: SessionGuard;
  core: Core;
  handlers: HandlerTable;
  /** The one window's sign-in slot (the host serves one window, holding the session cookie). */
  seat: Seat;
  rendererDir: string;
  /** Serves `/media/<token>` (createMediaHandler over the player's tokens). */
  media: MediaHandler;
}

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8', ...headers } });
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export function createRequestHandler(context: BrowserHostContext): (request: Request) => Promise<Response> {
  const { guard } = context;
  return async (request) => {
    if (!guard.hostAllowed(request)) return text(421, 'Unknown host');
    if (!guard.originAllowed(request)) return text(403, 'Cross-origin request refused');
    const url = new URL(request.url);
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!guard.tokenMatches(offered)) return text(401, 'Invalid token: open the address that `revier serve` printed.');
      return new Response(null, { status: 303, headers: { ...securityHeaders, Location: '/', 'Set-Cookie': guard.sessionCookie() } });
    }
    if (!guard.hasSession(request)) return text(401, 'Not signed in: open the address that `revier serve` printed.');
    if (url.pathname === httpEventsPath && request.method === 'GET') return eventStream(context, request.signal);
    if (url.pathname.startsWith(httpMediaPrefix)) return context.media(request);
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') return text(405, 'Use POST', { Allow: 'POST' });
      return json(await callMethod(context, url.pathname.slice('/api/'.length), request));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed', { Allow: 'GET' });
    return serveRendererFile(url.pathname, context.rendererDir);
  };
}

async function callMethod(context: BrowserHostContext, method: string, request: Request): Promise<unknown> {
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) {
    return fail('invalid_request', 'Request body must be application/json');
  }
  const body = await request.text();
  if (body.length > maxRequestBytes) return fail('invalid_request', `Request body larger than ${maxRequestBytes} bytes`);
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return fail('invalid_request', 'Request body is not valid JSON');
  }
  return dispatch(context.handlers, method, payload, callContext(context.core, context.seat));
}

function eventStream(context: BrowserHostContext, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  let cancelled = (): void => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(': connected\n\n'));
      const unsubscribe = context.core.events.subscribe((event, payload) => {
        if (!eventAllowed(context.core, context.seat, event)) return;
        controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`));
      });
      let open = true;
      const end = (closeStream: boolean): void => {
        if (!open) return;
        open = false;
        unsubscribe();
        if (closeStream) controller.close();
      };
      signal.addEventListener('abort', () => end(true));
      cancelled = () => end(false);
    },
    cancel() {
      cancelled();
    },
  });
  return new Response(body, {
    headers: { ...securityHeaders, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' },
  });
}
