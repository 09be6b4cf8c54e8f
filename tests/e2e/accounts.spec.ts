// Accounts in the real renderer: the first start, signing in and out, the lock after wrong
// passwords, the screen lock (by hand and after the idle time) that hides the picture at once,
// what each role is offered, and the administrator's account management.
import type { Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { callApi } from './api.ts';
import { expect, signIn, test } from './fixtures.ts';
import { clipTagged, openClip } from './player-page.ts';
import { e2ePassword, storedAuditEntries } from './station.ts';

/** A contract call's error code from inside the page (null when it succeeded). */
async function refusal(page: Page, method: string, request: unknown): Promise<string | null> {
  return callApi(page, method, request).then(
    () => null,
    (error: Error) => /"code":"(\w+)"/.exec(error.message)?.[1] ?? error.message,
  );
}

test.describe('the first start', () => {
  test.use({ accounts: false, role: null });

  test('creates the administrator, who then adds an investigator', async ({ page, station }) => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ersteinrichtung');
    const setup = page.getByTestId('setup-form');
    await setup.getByLabel('Anzeigename').fill('Anna Admin');
    await setup.getByLabel('Benutzername').fill('admin.a');
    await setup.getByLabel('Dienstnummer').fill('A-77');
    await setup.getByLabel('Neues Passwort').fill('kurz');
    await expect(setup.getByRole('status')).toContainText('mindestens 10 Zeichen');
    await setup.getByLabel('Neues Passwort').fill(e2ePassword);
    await setup.getByLabel('Passwort wiederholen').fill(e2ePassword);
    await setup.getByRole('button', { name: 'Administrationskonto anlegen' }).click();
    await expect(page.locator('html[data-ready="true"]')).toBeAttached();
    await expect(page.getByTestId('user-menu')).toContainText('Anna Admin');
    // Administrators see no footage: neither library nor player is offered.
    await expect(page.getByTestId('nav-library')).toHaveCount(0);
    await expect(page.getByTestId('nav-player')).toHaveCount(0);
    expect(await refusal(page, 'library.list', {})).toBe('forbidden');

    await page.getByTestId('nav-users').click();
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Anzeigename').fill('KK Erik Neu');
    await dialog.getByLabel('Benutzername').fill('neu.e');
    await dialog.getByLabel('Dienstnummer').fill('4712');
    await dialog.getByLabel('Erstes Passwort').fill(e2ePassword);
    await dialog.getByLabel('Ermittler/in').check();
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    await expect(dialog).toHaveCount(0);
    const row = page.getByTestId('users-table').locator('tr[data-username="neu.e"]');
    await expect(row).toContainText('KK Erik Neu');
    await expect(row).toContainText('Ermittler/in');
    await page.screenshot({ path: test.info().outputPath('users.png') });

    const events = storedAuditEntries(station.dataFolder).map((entry) => `${entry.event} ${entry.target} ${entry.userId}`);
    expect(events).toContain('account.setup user:admin.a system');
    expect(events).toContain('account.create user:neu.e admin.a');
  });
});

test.describe('signing in', () => {
  test.use({ role: null });

  test('a wrong password is refused; five in a row lock the account', async ({ page, station }) => {
    const form = page.getByTestId('sign-in-form');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await form.getByLabel('Benutzername').fill('dvg');
      await form.getByLabel('Passwort').fill(`falsch-${attempt}`);
      await form.getByRole('button', { name: 'Anmelden' }).click();
      await expect(form.getByRole('alert')).toContainText('Wrong user name or password');
    }
    await signIn(page, 'supervisor');
    await expect(form.getByRole('alert')).toContainText('locked after too many wrong passwords');
    await expect(page.locator('html[data-session="signed-out"]')).toBeAttached();
    const events = storedAuditEntries(station.dataFolder).map((entry) => entry.event);
    expect(events.filter((event) => event === 'session.sign-in.refused')).toHaveLength(6);
    expect(events).toContain('account.locked');
  });

  test('before signing in the core answers nothing but the session calls', async ({ page }) => {
    expect(await refusal(page, 'library.list', {})).toBe('unauthenticated');
    expect(await refusal(page, 'app.status', {})).toBe('unauthenticated');
  });
});

test('the lock hides the picture at once; only the password opens it again', async ({ page }) => {
  await openClip(page, clipTagged('b-frames').path);
  const video = page.getByTestId('player-video');
  await expect(video).toBeVisible();
  await video.evaluate((element: HTMLVideoElement) => element.play());
  await page.getByTestId('user-menu').getByRole('button', { name: 'Sperren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bildschirm gesperrt' })).toBeVisible();
  await expect(video).toBeHidden();
  expect(await video.evaluate((element: HTMLVideoElement) => element.paused)).toBe(true);
  await page.screenshot({ path: test.info().outputPath('locked.png') });
  expect(await refusal(page, 'library.list', {})).toBe('locked');

  const unlock = page.getByTestId('unlock-form');
  await unlock.getByLabel('Passwort').fill('falsch');
  await unlock.getByRole('button', { name: 'Entsperren' }).click();
  await expect(unlock.getByRole('alert')).toContainText('Wrong user name or password');
  await unlock.getByLabel('Passwort').fill(e2ePassword);
  await unlock.getByRole('button', { name: 'Entsperren' }).click();
  await expect(video).toBeVisible();
  expect(await refusal(page, 'library.list', {})).toBeNull();
});

test('the screen locks itself after the idle time', async ({ page }) => {
  await page.clock.install();
  await page.reload();
  await expect(page.locator('html[data-ready="true"]')).toBeAttached();
  await page.clock.fastForward('09:00');
  await expect(page.locator('html[data-session="signed-in"]')).toBeAttached();
  await page.clock.fastForward('01:30');
  await expect(page.locator('html[data-session="locked"]')).toBeAttached();
  await expect(page.getByRole('heading', { level: 1, name: 'Bildschirm gesperrt' })).toBeVisible();
});

test('signing out ends the session: the page starts afresh at the sign-in', async ({ page }) => {
  await page.getByTestId('user-menu').getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.locator('html[data-session="signed-out"]')).toBeAttached();
  await expect(page.getByTestId('sign-in-form')).toBeVisible();
  expect(await refusal(page, 'library.list', {})).toBe('unauthenticated');
});

test.describe('as a trainer', () => {
  test.use({ role: 'trainer' });

  test('only anonymised exports are offered; footage is refused by the core', async ({ page }) => {
    await expect(page).toHaveURL(/#\/exports$/);
    await expect(page.getByRole('navigation').getByRole('link')).toHaveText(['Exporte']);
    await page.goto(`${new URL(page.url()).origin}/#/library`);
    await expect(page).toHaveURL(/#\/exports$/);
    expect(await refusal(page, 'library.list', {})).toBe('forbidden');
    expect(await refusal(page, 'player.open', { clipId: 1, justification: 'Schulung Einsatztraining' })).toBe('forbidden');
  });
});

test.describe('as the data protection officer', () => {
  test.use({ role: 'dpo' });

  test('filters the Protokoll by user and saves the report on that user', async ({ page, station }) => {
    await page.getByTestId('nav-audit').click();
    const filter = page.getByTestId('audit-filter');
    await filter.getByLabel('Benutzer').fill('dsb');
    await filter.getByRole('button', { name: 'Filtern' }).click();
    await expect(page.getByTestId('audit-table')).toContainText('Angemeldet');
    await expect(filter).toContainText('Bericht über Benutzer dsb');
    await page.getByTestId('audit-report-pdf').click();
    await expect(page.getByText('Bericht im Exportordner gespeichert')).toBeVisible();
    const report = storedAuditEntries(station.dataFolder).find((entry) => entry.event === 'audit.report');
    expect(report?.details).toMatchObject({ subject: { userId: 'dsb' }, format: 'pdf' });
    const sha256 = String(report?.details.sha256);
    await expect(page.getByRole('region', { name: 'Meldungen' }).getByText(sha256)).toBeVisible();
    const saved = path.join(station.dataFolder, 'exports', 'Protokollberichte', String(report?.details.fileName));
    expect(createHash('sha256').update(readFileSync(saved)).digest('hex')).toBe(sha256);
    expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
