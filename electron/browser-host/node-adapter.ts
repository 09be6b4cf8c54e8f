// Bridges Node's http server to a web Request → Response handler, streaming both ways. The
// request's signal aborts when the client goes away before the answer is complete (Chromium
// aborts media requests all the time); response bodies are piped, never buffered.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

export type WebHandler = (request: Request) => Promise<Response>;

/**
 * The web Request of `incoming`. Its signal follows `outgoing`: the request's own 'close' fires
 * as soon as a body has been read, long before the answer is sent, so it says nothing about
 * whether the client is still there.
 */
export function toWebRequest(incoming: IncomingMessage, origin: string, outgoing: ServerResponse): Request {
  const controller = new AbortController();
  outgoing.once('close', () => {
    if (!outgoing.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = incoming.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(incoming.url ?? '/', origin), {
    method,
    headers,
    signal: controller.signal,
    ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  });
}

export async function sendWebResponse(response: Response, outgoing: ServerResponse, method: string): Promise<void> {
  if (outgoing.destroyed) {
    // The client left while the handler was working: nobody reads the body, release it now.
    await response.body?.cancel();
    return;
  }
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  outgoing.writeHead(response.status, headers);
  if (!response.body || method === 'HEAD') {
    await response.body?.cancel();
    outgoing.end();
    return;
  }
  const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
  outgoing.on('close', () => body.destroy());
  body.on('error', () => outgoing.destroy());
  body.pipe(outgoing);
}

export function nodeListener(handler: WebHandler, origin: string) {
  return (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    const method = incoming.method ?? 'GET';
    handler(toWebRequest(incoming, origin, outgoing))
      .then((response) => sendWebResponse(response, outgoing, method))
      .catch((error: unknown) => {
        console.error('[revier] request failed:', error);
        if (!outgoing.headersSent) outgoing.writeHead(500, { 'Content-Type': 'text/plain' });
        outgoing.end('Internal error');
      });
  };
}
