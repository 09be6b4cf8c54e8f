// The browser host: the same core and handler table as the Electron host, served over HTTP on
// 127.0.0.1 only to a locally installed Chromium. How Revier runs where no Electron runtime is
// installed, and how the end-to-end tests drive the real renderer.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/core.ts';
import { createHandlers } from '../core/handlers.ts';
import { createMediaHandler } from '../core/media/media-handler.ts';
import { nodeListener } from './node-adapter.ts';
import { createRequestHandler } from './request-handler.ts';
import { createSessionGuard } from './session-guard.ts';

export const loopbackAddress = '127.0.0.1';

export interface BrowserHostOptions {
  core: Core;
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface BrowserHost {
  /** The address to open once: it carries the one-time token. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: loopbackAddress, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const server = createServer();
  const port = await listen(server, options.port ?? 0);
  const origin = `http://${loopbackAddress}:${port}`;
  const guard = createSessionGuard(port);
  const handle = createRequestHandler({
    guard,
    core: options.core,
    handlers: createHandlers(options.core),
    seat: { sessionId: null },
    rendererDir: options.rendererDir,
    media: createMediaHandler((token) => options.core.player.resolveMedia(token)),
  });
  // Attached after listening: nobody knows the port, let alone the token, before this line.
  server.on('request', nodeListener(handle, origin));
  return {
    url: `${origin}/?token=${guard.token}`,
    origin,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
