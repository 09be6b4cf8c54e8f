import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real renderer through the browser host in Debian's Chromium
// (Playwright cannot download browsers here). Each test starts its own host on a fresh data folder.
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 800 },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    trace: 'off',
  },
});
