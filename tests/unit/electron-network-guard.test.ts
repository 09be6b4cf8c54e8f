// The network guard on a fake session: every remote request is cancelled and logged, and app
// responses carry the CSP.
import { describe, expect, it } from 'vitest';
import {
  blockedUrlPatterns,
  blockNetwork,
  electronOfflineFacts,
  enforceContentSecurityPolicy,
  type RequestSession,
} from '../../electron/electron-host/network-guard.ts';
import { contentSecurityPolicy } from '../../electron/security/csp.ts';
import { recordingLog } from './electron-fakes.ts';

type WebRequest = RequestSession['webRequest'];

function fakeSession() {
  const registered: {
    filter?: { urls: string[] };
    beforeRequest?: Parameters<WebRequest['onBeforeRequest']>[1];
    headersReceived?: Parameters<WebRequest['onHeadersReceived']>[0];
  } = {};
  const session: RequestSession = {
    webRequest: {
      onBeforeRequest: (filter, listener) => Object.assign(registered, { filter, beforeRequest: listener }),
      onHeadersReceived: (listener) => Object.assign(registered, { headersReceived: listener }),
    },
  };
  return { session, registered };
}

describe('blockNetwork', () => {
  it('filters every remote scheme', () => {
    const { session, registered } = fakeSession();
    blockNetwork(session, recordingLog().log);
    expect(registered.filter?.urls).toEqual(blockedUrlPatterns);
    expect(blockedUrlPatterns).toEqual(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*']);
  });

  it.each([
    ['https://example.org/track.js', 'script'],
    ['http://192.168.0.10/upload', 'xhr'],
    ['wss://example.org/socket', 'webSocket'],
    ['http://127.0.0.1:9000/', 'mainFrame'],
  ])('cancels %s and logs it', (url, resourceType) => {
    const { session, registered } = fakeSession();
    const { log, entries } = recordingLog();
    blockNetwork(session, log);
    const answers: unknown[] = [];
    registered.beforeRequest?.({ url, method: 'GET', resourceType }, (response) => answers.push(response));
    expect(answers).toEqual([{ cancel: true }]);
    expect(entries).toEqual([{ event: 'network request cancelled', details: { url, method: 'GET', resourceType } }]);
  });

  it('tells the status panel that offline is enforced and how', () => {
    expect(electronOfflineFacts.enforced).toBe(true);
    expect(electronOfflineFacts.mechanism).toMatch(/cancelled/);
  });
});

describe('enforceContentSecurityPolicy', () => {
  function answer(url: string, responseHeaders?: Record<string, string[]>) {
    const { session, registered } = fakeSession();
    enforceContentSecurityPolicy(session);
    const answers: unknown[] = [];
    registered.headersReceived?.({ url, ...(responseHeaders ? { responseHeaders } : {}) }, (response) => answers.push(response));
    return answers;
  }

  it('puts the app CSP on app responses, replacing any other policy in any spelling', () => {
    expect(answer('app://renderer/index.html', { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] })).toEqual([
      { responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] } },
    ]);
    expect(answer('app://renderer/index.html')).toEqual([{ responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy] } }]);
  });

  it('leaves responses of other schemes unchanged', () => {
    expect(answer('evidence://clip/1', { 'Content-Type': ['video/mp4'] })).toEqual([{}]);
  });
});
