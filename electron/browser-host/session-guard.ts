// Who may talk to the browser host: requests for this host name and port only (no DNS
// rebinding), from this origin only, carrying the session cookie that the one-time URL token
// was exchanged for.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const sessionCookieName = 'revier_session';

export interface SessionGuard {
  /** The secret given once in the URL that the host prints. */
  readonly token: string;
  /** The origins this host answers for. */
  readonly origins: readonly string[];
  hostAllowed(request: Request): boolean;
  originAllowed(request: Request): boolean;
  tokenMatches(candidate: string | null): boolean;
  hasSession(request: Request): boolean;
  sessionCookie(): string;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

export function createSessionGuard(port: number): SessionGuard {
  const token = randomBytes(24).toString('base64url');
  const session = randomBytes(32).toString('base64url');
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = hosts.map((host) => `http://${host}`);
  return {
    token,
    origins,
    hostAllowed: (request) => hosts.includes(request.headers.get('host') ?? ''),
    originAllowed(request) {
      const origin = request.headers.get('origin');
      const fetchSite = request.headers.get('sec-fetch-site');
      if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return false;
      // Requests that change something must name their origin; a GET may omit it.
      if (origin === null) return request.method === 'GET' || request.method === 'HEAD';
      return origins.includes(origin);
    },
    tokenMatches: (candidate) => candidate !== null && sameSecret(candidate, token),
    hasSession(request) {
      const value = cookieValue(request.headers.get('cookie'), sessionCookieName);
      return value !== null && sameSecret(value, session);
    },
    sessionCookie: () => `${sessionCookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`,
  };
}
