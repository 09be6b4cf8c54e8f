import { describe, expect, it } from 'vitest';
import { browserArguments, offlineBrowserSwitches } from '../../electron/browser-host/open-browser.ts';

describe('opening the browser host', () => {
  it('starts an app window with a profile in the data folder and Chromium services silenced', () => {
    const args = browserArguments('http://127.0.0.1:4000/?token=abc', '/srv/revier');
    expect(args[0]).toBe('--app=http://127.0.0.1:4000/?token=abc');
    expect(args[1]).toBe('--user-data-dir=/srv/revier/browser-profile');
    expect(args.slice(2)).toEqual(offlineBrowserSwitches);
    expect(offlineBrowserSwitches).toEqual(
      expect.arrayContaining(['--disable-background-networking', '--disable-component-update', '--disable-sync']),
    );
    for (const redirected of offlineBrowserSwitches.filter((s) => s.startsWith('--gaia-url') || s.startsWith('--component-updater'))) {
      expect(redirected).toMatch(/=(url-source=)?http:\/\/127\.0\.0\.1:9\/$/);
    }
  });
});
