// The library (Bibliothek) with the fixture station drive, scanned by the real core.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Expected } from '../fixtures/generate-station.ts';
import { expect, test } from './fixtures.ts';

function expectedOf(drive: string): Expected {
  return JSON.parse(readFileSync(path.join(path.dirname(process.env.REVIER_E2E_DRIVE ?? drive), 'expected.json'), 'utf8')) as Expected;
}

/** Waits until the scan the host starts on its own has filled the library. */
async function scannedLibrary(page: Page, recordings: number): Promise<void> {
  await expect(page.getByTestId('library-total')).toContainText(`${recordings} Aufzeichnungen`, { timeout: 30_000 });
}

test('lists every recording of the drive with officer, device and badges', async ({ page, station }) => {
  const expected = expectedOf(station.drive);
  await scannedLibrary(page, expected.recordings.length);
  const rows = page.getByTestId('library-row');
  await expect(rows).toHaveCount(expected.recordings.length);
  for (const officer of new Set(expected.recordings.map((r) => r.officer))) {
    await expect(page.getByTestId('library-list')).toContainText(officer);
  }
  await expect(rows.first()).toContainText('Neu');
});

test('filters by officer and by free text, and resets', async ({ page, station }) => {
  const expected = expectedOf(station.drive);
  await scannedLibrary(page, expected.recordings.length);
  const officer = expected.recordings[0]!.officer;
  const ofOfficer = expected.recordings.filter((r) => r.officer === officer).length;
  await page.getByTestId('filter-officer').selectOption(officer);
  await expect(page.getByTestId('library-row')).toHaveCount(ofOfficer);
  await expect(page.getByTestId('library-total')).toContainText(String(ofOfficer));
  await page.getByTestId('filter-reset').click();
  await expect(page.getByTestId('library-row')).toHaveCount(expected.recordings.length);

  const device = expected.recordings.find((r) => r.layout === 'motorola')!.device;
  await page.getByTestId('filter-text').fill('Motorola');
  await expect(page.getByTestId('library-row')).toHaveCount(expected.recordings.filter((r) => r.layout === 'motorola').length);
  await expect(page.getByTestId('library-list')).toContainText(device);
  await page.getByTestId('filter-text').fill('niemand-hier');
  await expect(page.getByTestId('library-no-match')).toBeVisible();
});

test('the detail panel shows clock sources, the silent pre-record and the hash of the original', async ({ page, station }) => {
  const expected = expectedOf(station.drive);
  await scannedLibrary(page, expected.recordings.length);
  const motorola = expected.recordings.find((r) => r.layout === 'motorola' && r.preRecordSeconds > 0)!;
  await page.getByTestId('filter-text').fill(motorola.clips[0]!.split('/').pop()!.replace(/\.[^.]+$/, ''));
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await page.getByTestId('library-row').first().focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('detail-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('detail-clock-source').first()).toHaveAttribute('data-source', 'sidecar');
  await expect(panel.getByTestId('detail-prerecord')).toHaveAttribute('data-has-audio', 'false');
  await expect(panel.getByTestId('detail-prerecord')).toContainText('Pre-Recording, ohne Ton');
  const sha256 = execFileSync('sha256sum', [path.join(station.drive, motorola.clips[0]!)]).toString().split(' ')[0]!;
  await expect(panel.getByTestId('detail-sha256').first()).toContainText(sha256);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});

test('a clip the browser cannot play gets its review proxy on request', async ({ page, station }) => {
  const expected = expectedOf(station.drive);
  await scannedLibrary(page, expected.recordings.length);
  const mjpeg = expected.clips.find((c) => c.videoCodec === 'mjpeg')!;
  await page.getByTestId('filter-text').fill(path.basename(mjpeg.path).replace(/\.[^.]+$/, ''));
  await expect(page.getByTestId('library-row')).toHaveCount(1);
  await page.getByTestId('library-row').first().click();
  const proxy = page.getByTestId('detail-panel').getByTestId('detail-proxy');
  await expect(proxy).toBeVisible();
  // The scan queued it in the background already; it may be done before anyone asks.
  const request = proxy.getByTestId('detail-proxy-request');
  if (await request.isVisible()) await request.click();
  await expect(proxy).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(proxy).toContainText('Prüfkopie bereit');
});

test('lists the files that could not be read, each with its code', async ({ page, station }) => {
  const expected = expectedOf(station.drive);
  await scannedLibrary(page, expected.recordings.length);
  const section = page.getByTestId('problems-section');
  await section.locator('summary').click();
  const codes = { 'zero-bytes': 'EMPTY', truncated: 'TRUNCATED', 'not-video': 'NOT_VIDEO' } as const;
  for (const broken of expected.broken) {
    await expect(section.locator(`[data-testid="problem-row"][data-code="${codes[broken.fault]}"]`)).toContainText(path.basename(broken.path));
  }
  await expect(section).toContainText('Datei ist leer');
});

test.describe('with a writable copy of the drive', () => {
  test.use({ copyDrive: true });

  test('a changed original raises the integrity alarm in the list and the detail panel', async ({ page, station }) => {
    const expected = expectedOf(station.drive);
    await scannedLibrary(page, expected.recordings.length);
    await page.getByTestId('filter-status').selectOption('integrity-alarm');
    await expect(page.getByTestId('library-no-match')).toBeVisible();
    appendFileSync(path.join(station.drive, expected.clips[0]!.path), Buffer.from([1]));
    // The file-system watch may find the change first; the button starts a scan either way.
    await page.getByTestId('scan-start').click();
    await expect(page.getByTestId('library-row')).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByTestId('library-row')).toContainText('Integritätswarnung');
    await page.getByTestId('library-row').first().click();
    await expect(page.getByTestId('detail-alarm')).toContainText(expected.clips[0]!.path.split('/').pop()!);
  });
});
