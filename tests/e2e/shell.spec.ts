// The application shell in the real renderer, driven through the browser host.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { databaseFile } from '../../electron/core/data-folder.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { expect, test } from './fixtures.ts';

const latestMigration = new migrations[migrations.length - 1]!().name ?? '';
const ffmpegVersion = /version\s+(\S+)/.exec(execFileSync('ffmpeg', ['-hide_banner', '-version']).toString())?.[1] ?? '';

function storedSetting(dataFolder: string, key: string): unknown {
  const sqlite = new Database(databaseFile(dataFolder), { readonly: true });
  const row = sqlite.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined;
  sqlite.close();
  return row === undefined ? undefined : JSON.parse(row.value);
}

test('the shell loads in German with the real station status', async ({ page, station }) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page).toHaveURL(/#\/library$/);
  const status = page.getByTestId('status-panel');
  await expect(status.getByTestId('status-offline')).toContainText('Offline — keine Verbindung nach außen');
  await expect(status.getByTestId('status-drive')).toContainText(station.drive);
  await expect(status.getByTestId('status-drive')).toContainText('Eingebunden und lesbar');
  expect(ffmpegVersion).not.toBe('');
  await expect(status.getByTestId('status-ffmpeg')).toContainText(ffmpegVersion);
  await expect(status.getByTestId('status-schema')).toContainText(latestMigration);
  await expect(status).toContainText(path.resolve(station.dataFolder));
});

test('the navigation reaches every view of the role', async ({ page }) => {
  const views = [
    ['nav-player', /#\/player$/, 'Player'],
    ['nav-exports', /#\/exports$/, 'Exporte'],
    ['nav-approvals', /#\/approvals$/, 'Freigaben'],
    ['nav-access-requests', /#\/access-requests$/, 'Auskunftsersuchen'],
    ['nav-retention', /#\/retention$/, 'Löschfristen'],
    ['nav-cases', /#\/cases$/, 'Vorgänge'],
    ['nav-library', /#\/library$/, 'Bibliothek'],
  ] as const;
  for (const [testId, url, heading] of views) {
    await page.getByTestId(testId).click();
    await expect(page).toHaveURL(url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  }
  await expect(page.getByRole('navigation').getByRole('link')).toHaveCount(views.length);
  await page.getByTestId('nav-player').click();
  await expect(page.getByRole('main')).toContainText('Wählen Sie eine Aufzeichnung in der Bibliothek');
});

test('switching the language changes the interface at once and is stored', async ({ page, station }) => {
  await page.getByTestId('language-en').click();
  await expect(page.getByTestId('nav-library')).toContainText('Library');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect.poll(() => storedSetting(station.dataFolder, 'language')).toBe('en');
  await page.reload();
  await expect(page.locator('html[data-ready="true"]')).toBeAttached();
  await expect(page.getByTestId('nav-exports')).toContainText('Exports');
  await page.getByTestId('language-de').click();
  await expect(page.getByTestId('nav-exports')).toContainText('Exporte');
});

test.describe('as the administrator', () => {
  test.use({ role: 'administrator' });

  test('a settings change is saved and audited', async ({ page, station }) => {
    await expect(page).toHaveURL(/#\/retention$/);
    await page.getByTestId('nav-settings').click();
    const form = page.getByTestId('settings-form');
    await form.getByLabel('Löschfrist in Tagen').fill('35');
    await page.getByTestId('settings-save').click();
    await expect(page.getByText('Einstellungen gespeichert.')).toBeVisible();
    await expect.poll(() => storedSetting(station.dataFolder, 'retentionDays')).toBe(35);
    const sqlite = new Database(databaseFile(station.dataFolder), { readonly: true });
    const entry = sqlite.prepare("SELECT user_id, role FROM audit_entry WHERE event = 'settings.update' ORDER BY sequence DESC").get();
    sqlite.close();
    expect(entry).toEqual({ user_id: 'admin', role: 'administrator' });
  });

  test('an invalid setting is refused with the reason and nothing is stored', async ({ page, station }) => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-form').getByLabel('Löschfrist in Tagen').fill('0');
    await page.getByTestId('settings-save').click();
    await expect(page.getByRole('alert')).toContainText('retentionDays');
    expect(storedSetting(station.dataFolder, 'retentionDays')).toBe(3650);
  });
});

test.describe('as the data protection officer', () => {
  test.use({ role: 'dpo' });

  test('the Protokoll verifies the chain and names an entry altered in the database', async ({ page, station }) => {
    await expect(page).toHaveURL(/#\/exports$/);
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-verify').click();
    await expect(page.getByTestId('audit-verify-result')).toContainText('Protokoll unverändert');

    const sqlite = new Database(databaseFile(station.dataFolder));
    sqlite.exec('DROP TRIGGER audit_entry_no_update');
    sqlite.exec("UPDATE audit_entry SET user_id = 'intruder' WHERE sequence = 1");
    sqlite.close();

    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await expect(result).toContainText('Integritätswarnung');
    await expect(result).toContainText('Erster fehlerhafter Eintrag: Nr. 1');
  });
});

test('the host refuses a browser without the token', async ({ browser, station }) => {
  const stranger = await browser.newContext();
  const page = await stranger.newPage();
  const response = await page.goto(station.origin);
  expect(response?.status()).toBe(401);
  const api = await page.request.post(`${station.origin}/api/app.status`, { data: {}, headers: { Origin: station.origin } });
  expect(api.status()).toBe(401);
  await stranger.close();
});

test('a whole session requests nothing but the station host', async ({ page, session, station }) => {
  for (const view of ['nav-cases', 'nav-player', 'nav-exports', 'nav-approvals', 'nav-access-requests', 'nav-retention', 'nav-library']) {
    await page.getByTestId(view).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  // Spell checking would make Chromium fetch a dictionary from the internet at the first typed word.
  await page.getByTestId('nav-library').click();
  await page.getByTestId('filter-text').pressSequentially('Königstraße Zeuge');
  expect(await page.getByTestId('filter-text').evaluate((input: HTMLInputElement) => input.spellcheck)).toBe(false);
  expect(session.requests.length).toBeGreaterThan(5);
  expect(session.requests.every((url) => url.startsWith(`${station.origin}/`))).toBe(true);
  expect(session.requests.some((url) => url.endsWith('/api/app.status'))).toBe(true);
});
