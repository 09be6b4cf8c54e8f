// Playwright fixtures: Debian's Chromium behind a network trap, a fresh station per test, and
// a page that is signed in and ready. Every test fails if the page logged a console error or
// anything requested an origin other than the station's.
import { test as base, chromium, expect, type Browser, type Page } from '@playwright/test';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { offlineBrowserSwitches } from '../../electron/browser-host/open-browser.ts';
import { startNetworkTrap, type NetworkTrap } from './network-trap.ts';
import type { Role } from '../../shared/api/actor.ts';
import { e2ePassword, e2eUsers, startStation, type Station } from './station.ts';
import { driveVariable } from './global-setup.ts';

/** The switches the browser host starts Chromium with, plus what a root CI machine needs. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', ...offlineBrowserSwitches];

export interface SessionRecord {
  /** Every URL the pages of the test requested. */
  requests: string[];
  consoleErrors: string[];
}

interface Fixtures {
  /** Serve a writable copy of the fixture drive (for tests that change originals). */
  copyDrive: boolean;
  /**
   * Serve another drive: this folder, read in place (null: the fixture drive). With `driveFiles`,
   * a fresh folder with copies of just those files (paths relative to it) is served instead.
   */
  driveSource: string | null;
  driveFiles: readonly string[] | null;
  /** Who the page signs in as (null: nobody, the page stays at the sign-in or first-start screen). */
  role: Role | null;
  /** Whether the station has an account per role (false: a first start, no account at all). */
  accounts: boolean;
  station: Station;
  session: SessionRecord;
  page: Page;
}

export const test = base.extend<Fixtures, { trap: NetworkTrap; browser: Browser }>({
  trap: [
    async ({}, use) => {
      const trap = await startNetworkTrap();
      await use(trap);
      await trap.close();
    },
    { scope: 'worker' },
  ],
  browser: [
    async ({ trap }, use) => {
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...chromiumArgs, trap.proxyArgument] });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  copyDrive: [false, { option: true }],
  driveSource: [null, { option: true }],
  driveFiles: [null, { option: true }],
  role: ['supervisor', { option: true }],
  accounts: [true, { option: true }],
  station: async ({ copyDrive, driveSource, driveFiles, accounts }, use, testInfo) => {
    const source = driveSource ?? process.env[driveVariable];
    if (!source) throw new Error(`${driveVariable} is not set: the global setup did not run`);
    const drive = copyDrive || driveFiles ? testInfo.outputPath('drive') : source;
    if (driveFiles) {
      for (const file of driveFiles) cpSync(path.join(source, file), path.join(drive, file), { preserveTimestamps: true });
    } else if (copyDrive) cpSync(source, drive, { recursive: true, preserveTimestamps: true });
    const station = await startStation(testInfo.outputPath('data'), drive, { accounts });
    await use(station);
    await station.stop();
  },
  session: async ({}, use) => {
    await use({ requests: [], consoleErrors: [] });
  },
  page: async ({ browser, station, session, trap, role }, use) => {
    const attemptsBefore = trap.attempts.length;
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    context.on('request', (request) => session.requests.push(request.url()));
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') session.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => session.consoleErrors.push(error.message));
    await page.goto(station.url);
    if (role) {
      await signIn(page, role);
      await expect(page.locator('html[data-ready="true"]')).toBeAttached();
    } else {
      await expect(page.locator('html[data-session="signed-out"], html[data-session="setup"]')).toBeAttached();
    }
    await use(page);
    await context.close();
    expect(session.consoleErrors, 'console errors').toEqual([]);
    const foreign = session.requests.filter((url) => !url.startsWith(`${station.origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
    expect(foreign, 'requests to other origins').toEqual([]);
    expect(trap.attempts.slice(attemptsBefore), 'connections beyond the loopback host').toEqual([]);
  },
});

/** Signs in through the sign-in screen as the station's account of this role. */
export async function signIn(page: Page, role: Role): Promise<void> {
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Benutzername').fill(e2eUsers[role].username);
  await form.getByLabel('Passwort').fill(e2ePassword);
  await form.getByRole('button', { name: 'Anmelden' }).click();
}

export { expect };
