// Four eyes in the real renderer: a hold asked for in the library's clip panel is refused to its
// requester in Freigaben and approved by a second supervisor; a home lock stops viewing until a
// judge's decision is entered.
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { localCalendarDate } from '../../shared/time/calendar-date.ts';
import { expect, test } from './fixtures.ts';
import { clipIdOf, clipTagged } from './player-page.ts';
import { e2ePassword, e2eUsers, secondSupervisor, storedAuditEntries } from './station.ts';

const clipPath = clipTagged('b-frames').path;

/** Opens the clip's recording in the library and returns the clip's part of the detail panel. */
async function clipInLibrary(page: Page, clipId: number): Promise<Locator> {
  await page.getByTestId('nav-library').click();
  await page.getByTestId('filter-text').fill(path.basename(clipPath).replace(/\.[^.]+$/, ''));
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await page.getByTestId('library-row').first().click();
  const clip = page.getByTestId('detail-panel').locator(`[data-testid="detail-clip"][data-clip-id="${clipId}"]`);
  await expect(clip.getByTestId('clip-governance')).toBeVisible();
  return clip;
}

/** The confirmation of what was just done, closed again so that it covers nothing. */
async function confirmed(page: Page, text: string): Promise<void> {
  const toast = page.getByTestId('toast').filter({ hasText: text });
  await expect(toast).toBeVisible();
  await toast.getByRole('button', { name: 'Meldung schließen' }).click();
  await expect(toast).toHaveCount(0);
}

/** The detail panel, scrolled to the clip's holds and locks. */
async function panelShot(page: Page, clip: Locator, name: string): Promise<void> {
  await clip.getByTestId('clip-governance').scrollIntoViewIfNeeded();
  await page.getByTestId('detail-panel').screenshot({ path: test.info().outputPath(name) });
}

async function justify(page: Page): Promise<void> {
  await page.getByTestId('justification-input').fill('Az. 4711 Js 123/26 – Sichtung');
  await page.getByTestId('justification-submit').click();
}

test('a hold is approved by a second supervisor, never by the one who asked for it', async ({ page, station }) => {
  const clipId = await clipIdOf(page, clipPath);
  const clip = await clipInLibrary(page, clipId);
  await clip.getByRole('button', { name: 'Aufbewahrung verlängern' }).click();
  const request = page.getByRole('dialog');
  await request.getByLabel('Grund', { exact: true }).selectOption({ label: 'Strafverfolgung' });
  await request.getByLabel('Aktenzeichen').fill('4711 Js 123/26');
  const inAMonth = new Date();
  inAMonth.setDate(inAMonth.getDate() + 30);
  await request.getByLabel('Überprüfung bis').fill(localCalendarDate(inAMonth));
  await request.getByLabel('Begründung').fill('Widerstand gegen Vollstreckungsbeamte, Verfahren läuft');
  await page.screenshot({ path: test.info().outputPath('hold-dialog.png') });
  await request.getByRole('button', { name: 'Verlängerung beantragen' }).click();
  await expect(request).toHaveCount(0);
  const hold = clip.getByTestId('clip-hold');
  await expect(hold).toHaveAttribute('data-status', 'requested');
  await expect(hold).toContainText('Wartet auf Freigabe');
  await confirmed(page, 'Aufbewahrungsverlängerung beantragt');
  await panelShot(page, clip, 'clip-panel-requested.png');

  // The requester sees the button and the rule: the core refuses the decision.
  await page.getByTestId('nav-approvals').click();
  const row = page.getByTestId('approval-row').filter({ hasText: 'Aufbewahrungsverlängerung' });
  await expect(row).toContainText('Ihr Antrag');
  await expect(row).toContainText('Az. 4711 Js 123/26');
  await expect(row).toContainText('Grund: Strafverfolgung');
  await expect(row.getByRole('link', { name: `Clip ${clipId}` })).toHaveAttribute('href', `#/clips/${clipId}`);
  await page.screenshot({ path: test.info().outputPath('approvals-own.png'), fullPage: true });
  await row.getByRole('button', { name: 'genehmigen' }).click();
  const decision = page.getByRole('dialog');
  await decision.getByRole('button', { name: 'Genehmigen' }).click();
  await expect(decision.getByRole('alert')).toHaveAttribute('data-error-code', 'forbidden');
  await expect(decision.getByRole('alert')).toContainText('four eyes');
  await page.screenshot({ path: test.info().outputPath('approvals-refused.png') });
  await decision.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(row).toHaveAttribute('data-status', 'pending');

  await page.getByTestId('user-menu').getByRole('button', { name: 'Abmelden' }).click();
  const signIn = page.getByTestId('sign-in-form');
  await signIn.getByLabel('Benutzername').fill(secondSupervisor.username);
  await signIn.getByLabel('Passwort').fill(e2ePassword);
  await signIn.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByTestId('user-menu')).toContainText(secondSupervisor.displayName);

  await page.getByTestId('nav-approvals').click();
  await expect(row).not.toContainText('Ihr Antrag');
  await row.getByRole('button', { name: 'genehmigen' }).click();
  await decision.getByLabel('Notiz (freiwillig)').fill('Geprüft, Az. liegt vor');
  await decision.getByRole('button', { name: 'Genehmigen' }).click();
  await expect(decision).toHaveCount(0);
  await expect(page.getByTestId('approvals-empty')).toContainText('Keine offenen Anträge.');
  await confirmed(page, 'Antrag genehmigt');
  await page.getByLabel('Entschiedene anzeigen').check();
  const decided = page.getByTestId('approvals-decided').getByTestId('approval-row');
  await expect(decided).toHaveAttribute('data-status', 'approved');
  await expect(decided).toContainText(`von ${secondSupervisor.username}`);
  await expect(decided).toContainText('Geprüft, Az. liegt vor');
  await page.screenshot({ path: test.info().outputPath('approvals-decided.png'), fullPage: true });

  const approved = await clipInLibrary(page, clipId);
  await expect(approved.getByTestId('clip-hold')).toHaveAttribute('data-status', 'active');
  await expect(approved.getByTestId('clip-hold')).toContainText(`Genehmigt von ${secondSupervisor.username}`);
  await expect(page.getByTestId('library-row').locator('[data-status="held"]')).toHaveText('Aufbewahrungsverlängerung');
  await panelShot(page, approved, 'clip-panel-active.png');

  const entries = storedAuditEntries(station.dataFolder).filter((entry) => entry.target === `clip:${clipId}`);
  expect(entries.map((entry) => `${entry.event} ${entry.userId}`)).toEqual(
    expect.arrayContaining([`approval.request ${e2eUsers.supervisor.username}`, `access.denied ${e2eUsers.supervisor.username}`, `approval.approve ${secondSupervisor.username}`]),
  );
  expect(entries.find((entry) => entry.event === 'access.denied')?.details.rule).toBe('four-eyes');
});

test("a home lock stops viewing until a judge's decision is entered", async ({ page, station }) => {
  const clipId = await clipIdOf(page, clipPath);
  const clip = await clipInLibrary(page, clipId);
  await clip.getByRole('button', { name: 'Verarbeitungssperre setzen' }).click();
  const flag = page.getByRole('dialog');
  await expect(flag.getByLabel('Aufnahme in einer Wohnung')).toBeChecked();
  await flag.getByLabel('Begründung').fill('Einsatz in der Wohnung des Beschuldigten ab 0:12');
  await page.screenshot({ path: test.info().outputPath('lock-dialog.png') });
  await flag.getByRole('button', { name: 'Sperre setzen' }).click();
  await expect(flag).toHaveCount(0);
  await expect(clip.getByTestId('clip-lock')).toHaveAttribute('data-status', 'locked');
  await confirmed(page, 'Verarbeitungssperre gesetzt');
  await expect(page.getByTestId('library-row').locator('[data-status="locked"]')).toHaveText('Verarbeitungssperre');
  await panelShot(page, clip, 'clip-panel-locked.png');

  await page.getByTestId('open-player').click();
  await justify(page);
  const refusal = page.getByRole('main').getByRole('alert').filter({ hasText: 'Keine Berechtigung' });
  await expect(refusal).toHaveAttribute('data-error-code', 'forbidden');
  await expect(refusal).toContainText('processing lock');
  await expect(page.getByTestId('player-video')).toHaveCount(0);

  const locked = await clipInLibrary(page, clipId);
  await locked.getByRole('button', { name: 'Richterliche Entscheidung eintragen' }).click();
  const decision = page.getByRole('dialog');
  await decision.getByLabel('Gericht', { exact: true }).fill('Amtsgericht Stuttgart');
  await decision.getByLabel('Aktenzeichen des Gerichts').fill('12 Gs 345/26');
  await decision.getByLabel('Rechtmäßig').check();
  await decision.getByRole('button', { name: 'Entscheidung eintragen' }).click();
  await expect(decision).toHaveCount(0);
  await expect(locked.getByTestId('clip-lock')).toHaveAttribute('data-status', 'released');
  await confirmed(page, 'Richterliche Entscheidung eingetragen');
  await expect(locked.getByTestId('clip-lock')).toContainText('rechtmäßig (Amtsgericht Stuttgart, 12 Gs 345/26');
  await panelShot(page, locked, 'clip-panel-released.png');

  await page.getByTestId('open-player').click();
  await justify(page);
  await expect(page.getByTestId('player-video')).toBeVisible();
  const events = storedAuditEntries(station.dataFolder)
    .filter((entry) => entry.target === `clip:${clipId}`)
    .map((entry) => entry.event);
  expect(events).toEqual(expect.arrayContaining(['lock.flag', 'access.denied', 'lock.decide']));
});
