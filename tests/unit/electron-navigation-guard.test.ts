// The navigation guard on a fake web contents: every way out of app://renderer is refused.
import { describe, expect, it } from 'vitest';
import { guardNavigation } from '../../electron/electron-host/navigation-guard.ts';
import { FakeWebContents, navigationEvent, recordingLog } from './electron-fakes.ts';

function guarded() {
  const contents = new FakeWebContents();
  const { log, entries } = recordingLog();
  guardNavigation(contents, log);
  return { contents, entries };
}

describe('guardNavigation', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s away from the app is prevented and logged', (event) => {
    const { contents, entries } = guarded();
    for (const url of ['https://example.org/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)']) {
      const attempt = navigationEvent(url);
      contents.emit(event, attempt);
      expect(attempt.defaultPrevented, url).toBe(true);
    }
    expect(entries).toHaveLength(5);
    expect(entries[0]?.details).toEqual({ url: 'https://example.org/' });
  });

  it('lets the app reload or move within its own origin', () => {
    const { contents, entries } = guarded();
    const reload = navigationEvent('app://renderer/index.html#/settings');
    contents.emit('will-navigate', reload);
    expect(reload.defaultPrevented).toBe(false);
    expect(entries).toEqual([]);
  });

  it('refuses every <webview> and logs its source', () => {
    const { contents, entries } = guarded();
    const attach = navigationEvent('');
    contents.emit('will-attach-webview', attach, {}, { src: 'https://example.org/' });
    expect(attach.defaultPrevented).toBe(true);
    expect(entries).toEqual([{ event: 'webview prevented', details: { src: 'https://example.org/' } }]);
  });

  it('denies every new window, even one on the app origin', () => {
    const { contents, entries } = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://renderer/index.html' })).toEqual({ action: 'deny' });
    expect(entries.map((entry) => entry.details.url)).toEqual(['https://example.org/', 'app://renderer/index.html']);
  });

  it('registers its listeners once per web contents', () => {
    const contents = new FakeWebContents();
    const { log } = recordingLog();
    guardNavigation(contents, log);
    guardNavigation(contents, log);
    expect(contents.listeners.get('will-navigate')).toHaveLength(1);
  });
});
