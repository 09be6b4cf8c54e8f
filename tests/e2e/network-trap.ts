// A proxy that answers nothing and records every connection Chromium tries to make to anywhere
// but the loopback host (Chromium sends loopback traffic directly, everything else here).
import { createServer, type Socket } from 'node:net';

export interface NetworkTrap {
  readonly proxyArgument: string;
  /** The first line of each attempted request (e.g. `CONNECT example.org:443 HTTP/1.1`). */
  readonly attempts: string[];
  close(): Promise<void>;
}

export async function startNetworkTrap(): Promise<NetworkTrap> {
  const attempts: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', (chunk) => {
      attempts.push(chunk.toString('latin1').split('\r\n')[0] ?? '?');
      socket.destroy();
    });
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    proxyArgument: `--proxy-server=http://127.0.0.1:${port}`,
    attempts,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
