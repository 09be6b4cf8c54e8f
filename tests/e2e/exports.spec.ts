// Exports end to end through the browser host: a still of the frame on screen from the player's
// menu, a training clip of the in/out range, a court package from the court form checked with
// `sha256sum -c`, a court export cancelled while it runs (nothing of it may remain), and the
// empty export view of a fresh station. What the view shows is compared with the files on disk.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { clipIdOf, clipTagged, openClip } from './player-page.ts';

const run = promisify(execFile);
const sha256Hex = /^[0-9a-f]{64}$/;

/** The b-frames fixture: 320×240, 30 fps, 210 frames. */
const shortClip = clipTagged('b-frames');

async function sha256Of(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

async function expectFrame(page: Page, frame: number): Promise<void> {
  await expect(page.getByTestId('player')).toHaveAttribute('data-frame', String(frame), { timeout: 15_000 });
}

/** The row of the one past export, once it has the status asked for. */
async function finishedRow(page: Page, status: 'done' | 'cancelled' | 'failed', timeout = 60_000) {
  const row = page.getByTestId('export-row');
  await expect(row).toHaveCount(1, { timeout });
  await expect(row).toHaveAttribute('data-status', status, { timeout });
  return row;
}

test('a still of the frame on screen: exported from the player, listed with the SHA-256 of the file on disk', async ({ page, station }, testInfo) => {
  const clipId = await openClip(page, shortClip.path);
  await expectFrame(page, 0);
  for (let n = 0; n < 3; n++) await page.keyboard.press('ArrowRight');
  await expectFrame(page, 3);

  await page.getByTestId('export-menu').click();
  await expect(page.getByRole('menu', { name: 'Exportieren' })).toBeVisible();
  await shot(page, testInfo, 'player-export-menu');
  await page.getByTestId('export-menu-still').click();
  const dialog = page.getByTestId('still-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('still-frame')).toHaveText(`Bild 3 von Clip ${clipId}`);
  // The justification the clip was opened with is offered, and the first field has the focus.
  const justification = dialog.getByTestId('export-justification');
  await expect(justification).toHaveValue('Az. 4711 Js 123/24');
  await expect(justification).toBeFocused();

  // Keys typed in the dialog are text, not player shortcuts (L plays, I and O mark, M sets a marker).
  await dialog.getByTestId('still-case').fill('');
  await dialog.getByTestId('still-case').pressSequentially('4711 Js 123/24 mlio');
  await dialog.getByTestId('still-case').fill('4711 Js 123/24');
  await shot(page, testInfo, 'still-dialog');
  await justification.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('range')).toHaveText('Bereich: nicht gesetzt');
  await expectFrame(page, 3);

  const toast = page.getByTestId('toast').filter({ hasText: 'Standbild wird erstellt' });
  await expect(toast).toBeVisible();
  await toast.getByTestId('toast-link').click();
  await expect(page).toHaveURL(/#\/exports$/);

  const row = await finishedRow(page, 'done');
  await expect(row.getByTestId('export-status')).toHaveText('Fertig');
  await expect(row).toContainText('Standbild');
  await expect(row).toContainText(`Clip ${clipId}`);
  const shownHash = (await row.getByTestId('export-sha256').textContent())?.trim() ?? '';
  expect(shownHash).toMatch(sha256Hex);

  const output = (await row.getByTestId('export-output').textContent())?.trim() ?? '';
  expect(path.dirname(output)).toBe(path.join(path.resolve(station.dataFolder), 'exports'));
  expect(path.basename(output)).toMatch(new RegExp(`^Standbild_clip-${clipId}_bild-3_\\d{8}T\\d{6}Z\\.png$`));
  expect(await sha256Of(output)).toBe(shownHash);
  // The PNG itself, not just any file.
  expect((await readFile(output)).subarray(1, 4).toString('latin1')).toBe('PNG');

  await row.getByTestId('export-files-toggle').click();
  const files = page.getByTestId('export-files');
  await expect(files.getByTestId('export-file')).toHaveCount(1);
  await expect(files.getByTestId('export-file-sha256')).toHaveText(shownHash);
  await expect(files.getByTestId('export-file')).toHaveAttribute('data-role', 'still');
});

test('a training clip of the in/out range: the dialog says which range, Esc closes it, the clip is made', async ({ page, station }, testInfo) => {
  await openClip(page, shortClip.path);
  await expectFrame(page, 0);
  await page.getByTestId('frame-input').fill('5');
  await page.getByTestId('frame-input').press('Enter');
  await expectFrame(page, 5);
  await page.keyboard.press('i');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('o');
  await expect(page.getByTestId('range')).toHaveText('Bereich: 5 – 25');

  // Opened and closed with the keyboard: the menu button, Enter, arrow down, Enter; then Esc.
  await page.getByTestId('export-menu').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('export-menu-still')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('export-menu-training')).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('training-dialog');
  await expect(dialog.getByTestId('training-range')).toHaveText('Bereich: In- bis Out-Punkt, Bild 5 bis 25 (21 Bilder).');
  await expect(dialog.getByTestId('export-justification')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('export-menu')).toBeFocused();
  await expectFrame(page, 25);

  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-menu-training').click();
  // Too short a justification is refused next to the field, nothing is started.
  await dialog.getByTestId('export-justification').fill('ab');
  await dialog.getByTestId('export-submit').click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Bitte 3 bis 500 Zeichen angeben.' })).toBeVisible();
  await dialog.getByTestId('export-justification').fill('Schulung Eigensicherung 2026');
  await dialog.getByTestId('training-audio-tone').check();
  await dialog.getByTestId('training-whole-picture').check();
  await expect(dialog.getByTestId('training-block-size')).toHaveValue('32');
  await shot(page, testInfo, 'training-dialog');
  await dialog.getByTestId('export-submit').click();
  await expect(dialog).toBeHidden();

  await page.getByTestId('nav-exports').click();
  const row = await finishedRow(page, 'done');
  await expect(row).toContainText('Schulungsmaterial');
  const output = (await row.getByTestId('export-output').textContent())?.trim() ?? '';
  expect(path.basename(output)).toMatch(/^Schulungsmaterial_[0-9a-f]{12}$/);
  await row.getByTestId('export-files-toggle').click();
  const file = page.getByTestId('export-files').getByTestId('export-file');
  await expect(file).toHaveCount(1);
  await expect(file).toHaveAttribute('data-role', 'training-video');
  const listed = (await file.getByTestId('export-file-sha256').textContent())?.trim() ?? '';
  expect(await sha256Of(path.join(output, (await file.getAttribute('data-path')) ?? ''))).toBe(listed);
  expect(path.dirname(output)).toBe(path.join(path.resolve(station.dataFolder), 'exports'));
});

test('a court package from the player through the court form: files listed, SHA256SUMS checks out', async ({ page, station }, testInfo) => {
  const clipId = await openClip(page, shortClip.path);
  await expectFrame(page, 0);
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-menu-court').click();
  await expect(page).toHaveURL(new RegExp(`#/exports\\?clip=${clipId}$`));

  const form = page.getByTestId('court-form');
  await expect(form.getByTestId('court-clip')).toHaveCount(1);
  await expect(form.getByTestId('court-clip')).toHaveAttribute('data-clip-id', String(clipId));
  await expect(form.getByTestId('court-case')).toBeFocused();
  await expect(form.getByTestId('court-legal-basis')).toHaveAttribute('placeholder', 'Übersendung an die Staatsanwaltschaft nach § 163 Abs. 2 StPO');

  // Empty required fields and a half range are named next to their fields.
  await form.getByTestId('court-clip-from').fill('10');
  await form.getByTestId('court-submit').click();
  await expect(form.getByRole('alert').filter({ hasText: 'Bitte ausfüllen.' })).toHaveCount(2);
  await expect(form.getByRole('alert').filter({ hasText: 'Bitte beide Bildnummern angeben' })).toBeVisible();
  await expect(form.getByTestId('court-clip-from')).toBeFocused();
  await shot(page, testInfo, 'court-form-problems');
  await form.getByTestId('court-clip-from').fill('');
  await form.getByTestId('court-case').fill('4711 Js 123/24');
  await form.getByTestId('court-recipient').fill('Staatsanwaltschaft Stuttgart');
  await shot(page, testInfo, 'court-form');
  await form.getByTestId('court-recipient').press('Enter');
  await expect(form).toBeHidden();
  await expect(page).toHaveURL(/#\/exports$/);

  const row = await finishedRow(page, 'done', 90_000);
  await expect(row).toContainText('Gerichtsexport');
  await expect(row).toContainText('4711 Js 123/24');
  await expect(row).toContainText('Staatsanwaltschaft Stuttgart');
  const output = (await row.getByTestId('export-output').textContent())?.trim() ?? '';
  expect(path.dirname(output)).toBe(path.join(path.resolve(station.dataFolder), 'exports'));
  expect(path.basename(output)).toMatch(/^Gerichtsexport_4711-Js-123-24_\d{8}T\d{6}Z$/);

  await row.getByTestId('export-files-toggle').click();
  const files = page.getByTestId('export-files');
  const paths = await files.getByTestId('export-file').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')));
  expect(paths).toContain('bericht.pdf');
  expect(paths).toContain(`videos/clip-${clipId}_0-${shortClip.frameCount - 1}_geschwaerzt.mp4`);
  expect(paths.some((p) => p?.startsWith('originale/'))).toBe(false);
  await shot(page, testInfo, 'exports-done-files');

  // The hashes shown are those in SHA256SUMS, and sha256sum itself finds every file intact.
  const sums = await readFile(path.join(output, 'SHA256SUMS'), 'utf8');
  const listed = new Map(sums.trim().split('\n').map((line) => [line.slice(66), line.slice(0, 64)]));
  const report = files.locator('[data-testid="export-file"][data-path="bericht.pdf"]');
  await expect(report.getByTestId('export-file-sha256')).toHaveText(listed.get('bericht.pdf') ?? 'missing in SHA256SUMS');
  expect(listed.has('manifest.json')).toBe(true);
  const check = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: output });
  expect(check.stdout).toContain('bericht.pdf: OK');
  expect(check.stdout).not.toMatch(/FAILED/);
});

// A longer clip than the fixtures hold, so that the export is surely still running when cancelled:
// 40 s of 1280×720 at 30 fps (1,200 frames), made once with ffmpeg and cached.
const longDrive = path.resolve('tests/fixtures/cache/e2e-exports/long-drive-v1');
const longClipPath = 'DCIM/240314/PK4711_20240314_120000_0001.MP4';

test.describe('a long court export', () => {
  test.use({ driveSource: longDrive });

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    if (existsSync(longDrive)) return;
    const partial = `${longDrive}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    await mkdir(path.join(partial, path.dirname(longClipPath)), { recursive: true });
    await run('ffmpeg', ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=1280x720:r=30', '-frames:v', '1200', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '60', path.join(partial, longClipPath)]);
    await rename(partial, longDrive);
  });

  test('is cancelled while it runs: the status says so and no package or draft remains', async ({ page, station }, testInfo) => {
    test.setTimeout(120_000);
    const clipId = await clipIdOf(page, longClipPath);
    await page.getByTestId('nav-exports').click();
    await page.getByTestId('court-open').click();
    const form = page.getByTestId('court-form');
    await expect(form.getByTestId('court-add-clip-id')).toBeFocused();
    await form.getByTestId('court-add-clip-id').fill(String(clipId));
    await form.getByTestId('court-add-clip-id').press('Enter');
    await expect(form.getByTestId('court-clip')).toHaveAttribute('data-clip-id', String(clipId));
    await form.getByTestId('court-case').fill('4711 Js 999/24');
    await form.getByTestId('court-recipient').fill('Amtsgericht Stuttgart');
    await form.getByTestId('court-submit').click();

    const progress = page.getByTestId('export-progress');
    await expect(progress).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
    const bar = progress.getByRole('progressbar');
    await expect(bar).toHaveAttribute('aria-valuenow', /^\d+$/);
    await expect(progress.getByTestId('export-step')).toContainText(/Video wird (mit Schwärzungen erstellt|Bild für Bild geprüft)/, { timeout: 30_000 });
    await expect(progress.getByTestId('export-time-left')).toHaveText(/^noch ca\. (\d+ s|\d+ min \d+ s|\d+ h \d+ min)$/, { timeout: 15_000 });
    const exportsFolder = path.join(station.dataFolder, 'exports');
    expect((await readdir(exportsFolder)).some((name) => /^\.Gerichtsexport_4711-Js-999-24_.*\.partial$/.test(name)), 'a draft while running').toBe(true);
    await shot(page, testInfo, 'exports-running');

    await progress.getByTestId('export-cancel').click();
    const row = await finishedRow(page, 'cancelled');
    await expect(row.getByTestId('export-status')).toHaveText('Abgebrochen');
    await expect(row.getByTestId('export-error')).toHaveText('Abgebrochen; was bis dahin erstellt war, wurde gelöscht.');
    await expect(page.getByTestId('export-progress')).toHaveCount(0);
    await expect(row.getByTestId('export-output')).toHaveCount(0);
    const left = await readdir(exportsFolder);
    expect(left.filter((name) => name.includes('Gerichtsexport_')), 'package folders, ZIPs or drafts left behind').toEqual([]);
    await shot(page, testInfo, 'exports-cancelled');
  });
});

test('a fresh station has no exports and says what to do', async ({ page }, testInfo) => {
  await page.getByTestId('nav-exports').click();
  await expect(page).toHaveURL(/#\/exports$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Exporte');
  const empty = page.getByTestId('export-empty');
  await expect(empty).toContainText('Noch keine Exporte');
  await expect(empty).toContainText('Öffnen Sie eine Aufzeichnung im Player');
  await expect(page.getByTestId('export-row')).toHaveCount(0);
  await expect(page.getByTestId('export-folder')).toHaveText(/\/data\/exports$/);
  await shot(page, testInfo, 'exports-empty');
});
