// No network: every http(s), ws(s) and ftp request of the session is cancelled and logged, and
// every response on the app's origin carries the CSP (the app scheme handler sets it too; this
// covers any response that does not come from that handler).
import { contentSecurityPolicy } from '../security/csp.ts';
import type { AppStatus } from '../../shared/api/status.ts';
import { isAppUrl } from './app-origin.ts';
import type { SecurityLog } from './security-log.ts';

export const blockedUrlPatterns = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

/** What the status panel says about how this host stays offline. */
export const electronOfflineFacts: AppStatus['offline'] = {
  enforced: true,
  mechanism:
    'Electron session: every http, https, ws, wss and ftp request is cancelled; navigation away from the app, ' +
    'new windows and all permissions are refused.',
};

type ResponseHeaders = Record<string, string | string[]>;

/** The part of Electron's Session.webRequest the guards use. */
export interface RequestSession {
  webRequest: {
    onBeforeRequest(
      filter: { urls: string[] },
      listener: (details: { url: string; method: string; resourceType: string }, callback: (response: { cancel: boolean }) => void) => void,
    ): void;
    onHeadersReceived(
      listener: (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: ResponseHeaders }) => void) => void,
    ): void;
  };
}

export function blockNetwork(session: RequestSession, log: SecurityLog): void {
  session.webRequest.onBeforeRequest({ urls: blockedUrlPatterns }, (details, callback) => {
    log('network request cancelled', { url: details.url, method: details.method, resourceType: details.resourceType });
    callback({ cancel: true });
  });
}

export function enforceContentSecurityPolicy(session: RequestSession): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders ?? {}) });
  });
}

/** The headers with any CSP the response brought replaced by the app's own. */
export function withContentSecurityPolicy(headers: Record<string, string[]>): ResponseHeaders {
  const kept = Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [contentSecurityPolicy] };
}
