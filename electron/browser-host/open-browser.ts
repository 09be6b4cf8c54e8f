// Opens the browser host's address in a locally installed Chromium or Chrome as an app window,
// with a profile of its own under the data folder and its background networking switched off.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { findOnPath } from '../core/media/media-tools.ts';

const browserNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'msedge'];

export function findBrowser(): string | null {
  for (const name of browserNames) {
    const found = findOnPath(name);
    if (found) return found;
  }
  return null;
}

/** An address on this machine where nothing listens: Google services pointed there stay silent. */
const deadEnd = 'http://127.0.0.1:9/';

/**
 * Switches that keep Chromium's own services from reaching out (measured with a trapping proxy
 * in tests/e2e: without the last three, Chromium 156 contacts accounts.google.com for every new
 * profile, content-autofill.googleapis.com for every form, and update.googleapis.com for an
 * on-demand component).
 */
export const offlineBrowserSwitches = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate,NetworkTimeServiceQuerying',
  `--gaia-url=${deadEnd}`,
  `--component-updater=url-source=${deadEnd}`,
];

export function browserArguments(url: string, dataFolder: string): string[] {
  return [`--app=${url}`, `--user-data-dir=${path.join(dataFolder, 'browser-profile')}`, ...offlineBrowserSwitches];
}

/** Returns the browser it started, or null when none is installed. */
export function openBrowser(url: string, dataFolder: string): string | null {
  const browser = findBrowser();
  if (!browser) return null;
  const child = spawn(browser, browserArguments(url, dataFolder), { detached: true, stdio: 'ignore' });
  child.on('error', (error) => console.error(`[revier] could not start ${browser}: ${error.message}`));
  child.unref();
  return browser;
}
