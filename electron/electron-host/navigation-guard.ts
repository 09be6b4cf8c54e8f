// Keeps every web contents on the app's own pages: no navigation or redirect away from
// `app://renderer`, no <webview>, no new windows. Applied to each web contents Electron creates.
import { isAppUrl } from './app-origin.ts';
import type { SecurityLog } from './security-log.ts';

type NavigationEvent = { preventDefault(): void; readonly url: string };

/** The part of Electron's WebContents this guard uses. */
export interface NavigableContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }, webPreferences: unknown, params: Record<string, string>) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

const guarded = new WeakSet<NavigableContents>();

export function guardNavigation(contents: NavigableContents, log: SecurityLog): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const stayOnApp = (kind: string) => (event: NavigationEvent) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log(`${kind} prevented`, { url: event.url });
  };
  contents.on('will-navigate', stayOnApp('navigation'));
  contents.on('will-frame-navigate', stayOnApp('frame navigation'));
  contents.on('will-redirect', stayOnApp('redirect'));
  contents.on('will-attach-webview', (event, _webPreferences, params) => {
    event.preventDefault();
    log('webview prevented', { src: params.src ?? '' });
  });
  contents.setWindowOpenHandler(({ url }) => {
    log('new window denied', { url });
    return { action: 'deny' };
  });
}
