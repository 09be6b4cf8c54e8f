// Annotations in the player, end to end in Chromium: a redaction box drawn at frame 10 and moved
// at frame 50 sits halfway at frame 30 (read from the overlay's geometry and from the preview's
// pixels in a screenshot); undo and redo restore exact states; a reload keeps everything; every
// change has its audit entry. Markers are set with M and edited in the side list.
import type { Page } from '@playwright/test';
import type { Marker, PackedTrack, Track } from '../../shared/api/annotations.ts';
import { unpackTrack } from '../support/packed-annotations.ts';
import type { Box } from '../../shared/tracks/interpolation.ts';
import { callApi } from './api.ts';
import { expect, test } from './fixtures.ts';
import { storedAuditEntries } from './station.ts';
import { grayOf } from './picture.ts';
import { clipTagged, openClip } from './player-page.ts';

/** The b-frames fixture: 320×240, 30 fps, 210 frames, stereo AAC. */
const clip = clipTagged('b-frames');
const picture = { width: 320, height: 240 };

async function goToFrame(page: Page, frame: number): Promise<void> {
  await page.getByTestId('frame-input').fill(String(frame));
  await page.getByTestId('frame-input').press('Enter');
  await expect(page.getByTestId('player')).toHaveAttribute('data-frame', String(frame), { timeout: 15_000 });
}

/** The page point of a source-pixel point of the picture (the overlay's viewBox is the picture). */
async function pagePoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  return page.getByTestId('redaction-overlay').evaluate(
    (svg, point) => {
      const matrix = (svg as SVGSVGElement).getScreenCTM();
      if (!matrix) throw new Error('the overlay has no screen transform');
      return { x: matrix.a * point.x + matrix.e, y: matrix.d * point.y + matrix.f };
    },
    { x, y },
  );
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.getByTestId('redaction-overlay').scrollIntoViewIfNeeded();
  const start = await pagePoint(page, from.x, from.y);
  const end = await pagePoint(page, to.x, to.y);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 4 });
  await page.mouse.up();
}

/** The geometry the overlay shows for the one mask on screen. */
async function maskOnScreen(page: Page): Promise<Box> {
  const mask = page.getByTestId('redaction-mask');
  await expect(mask).toHaveCount(1);
  const value = async (name: string) => Number(await mask.getAttribute(`data-${name}`));
  return { x: await value('x'), y: await value('y'), width: await value('width'), height: await value('height') };
}

async function tracksOf(page: Page, clipId: number): Promise<Track[]> {
  const { tracks } = await callApi<{ tracks: PackedTrack[] }>(page, 'annotations.get', { clipId });
  return tracks.map(unpackTrack);
}

function annotationEvents(dataFolder: string, clipId: number): string[] {
  return storedAuditEntries(dataFolder)
    .filter((e) => e.target === `clip:${clipId}` && e.event.startsWith('annotation'))
    .map((e) => e.event)
    .reverse();
}

/** Gray levels of the picture at source-pixel points, from a screenshot of the page. */
async function grayAt(page: Page, points: { x: number; y: number }[]): Promise<number[]> {
  await page.getByTestId('redaction-overlay').scrollIntoViewIfNeeded();
  const corner = await pagePoint(page, 0, 0);
  const far = await pagePoint(page, picture.width, picture.height);
  const rect = { x: Math.ceil(corner.x), y: Math.ceil(corner.y), width: Math.floor(far.x - corner.x) - 1, height: Math.floor(far.y - corner.y) - 1 };
  const gray = grayOf(await page.screenshot({ clip: rect, animations: 'disabled', caret: 'hide' }), rect.width, rect.height);
  const scale = (far.x - corner.x) / picture.width;
  return points.map((point) => gray[Math.round((corner.y + point.y * scale - rect.y)) * rect.width + Math.round(corner.x + point.x * scale - rect.x)] ?? -1);
}

test('a box drawn at frame 10 and moved at frame 50 sits halfway at frame 30; undo, redo and reload keep exact states', async ({ page, station }) => {
  const clipId = await openClip(page, clip.path);
  await expect(page.getByTestId('player')).toHaveAttribute('data-frame', '0', { timeout: 15_000 });
  await expect(page.getByTestId('markers-empty')).toBeVisible();

  // Draw at frame 10.
  await goToFrame(page, 10);
  await page.keyboard.press('r');
  await drag(page, { x: 40, y: 40 }, { x: 120, y: 100 });
  await expect(page.getByTestId('track-row')).toHaveCount(1);
  const drawn = await maskOnScreen(page);
  expect(drawn.x).toBeCloseTo(40, -0.5);
  expect(drawn.width).toBeCloseTo(80, -0.5);
  let [track] = await tracksOf(page, clipId);
  expect(track?.keyframes).toEqual([{ frame: 10, box: drawn, outside: false }]);

  // Move at frame 50 by (+80, +40).
  await goToFrame(page, 50);
  expect(await maskOnScreen(page)).toEqual(drawn);
  await drag(page, { x: drawn.x + 20, y: drawn.y + 20 }, { x: drawn.x + 100, y: drawn.y + 60 });
  const moved = { ...drawn, x: drawn.x + 80, y: drawn.y + 40 };
  await expect.poll(() => maskOnScreen(page)).toEqual(moved);
  [track] = await tracksOf(page, clipId);
  expect(track?.keyframes).toEqual([
    { frame: 10, box: drawn, outside: false },
    { frame: 50, box: moved, outside: false },
  ]);

  // Halfway at frame 30.
  const halfway = { ...drawn, x: drawn.x + 40, y: drawn.y + 20 };
  await goToFrame(page, 30);
  expect(await maskOnScreen(page)).toEqual(halfway);

  // The preview paints it exactly there, as the export will: solid fill inside, picture outside.
  await page.getByTestId('track-method-fill').check();
  await page.getByTestId('track-save').click();
  await expect.poll(async () => (await tracksOf(page, clipId))[0]?.method).toBe('fill');
  const inside = [0.2, 0.5, 0.8].flatMap((fx) => [0.25, 0.75].map((fy) => ({ x: halfway.x + fx * halfway.width, y: halfway.y + fy * halfway.height })));
  const outside = [
    { x: halfway.x - 6, y: halfway.y + halfway.height / 2 },
    { x: halfway.x + halfway.width + 6, y: halfway.y + halfway.height / 2 },
    { x: halfway.x + halfway.width / 2, y: halfway.y - 6 },
    { x: halfway.x + halfway.width / 2, y: halfway.y + halfway.height + 6 },
  ];
  await expect(page.getByTestId('mask-preview')).toHaveAttribute('data-masks', '1');
  await page.getByTestId('frame-input').blur();
  const withMask = await grayAt(page, [...inside, ...outside]);
  await page.keyboard.press('v');
  await expect(page.getByTestId('mask-preview')).toHaveAttribute('data-masks', '0');
  const withoutMask = await grayAt(page, [...inside, ...outside]);
  expect(withMask.slice(0, inside.length).every((g) => g <= 8), `inside the mask is black: ${withMask.join(', ')}`).toBe(true);
  expect(withoutMask.slice(0, inside.length).some((g) => g > 30), `the picture under the mask is not black: ${withoutMask.join(', ')}`).toBe(true);
  for (let i = inside.length; i < withMask.length; i++) expect(Math.abs((withMask[i] ?? 0) - (withoutMask[i] ?? 0)), `outside point ${i}`).toBeLessThanOrEqual(2);
  await page.keyboard.press('v');

  // Undo the method change and the move: the box stays where it was drawn; redo brings both back.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await tracksOf(page, clipId))[0]?.method).toBe('pixelate');
  await page.keyboard.press('Control+z');
  await expect.poll(() => maskOnScreen(page)).toEqual(drawn);
  expect((await tracksOf(page, clipId))[0]?.keyframes).toEqual([{ frame: 10, box: drawn, outside: false }]);
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(() => maskOnScreen(page)).toEqual(halfway);
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(async () => (await tracksOf(page, clipId))[0]?.method).toBe('fill');
  const final = (await tracksOf(page, clipId))[0];
  expect(final?.keyframes).toEqual([
    { frame: 10, box: drawn, outside: false },
    { frame: 50, box: moved, outside: false },
  ]);

  // Every change has its audit entry, in order.
  expect(annotationEvents(station.dataFolder, clipId)).toEqual([
    'annotation.track.create',
    'annotation.track.keyframe.set',
    'annotation.track.update',
    'annotation.undo',
    'annotation.undo',
    'annotation.redo',
    'annotation.redo',
  ]);

  // A reload keeps it all.
  await page.reload();
  await page.getByTestId('justification-input').fill('Az. 4711 Js 123/24');
  await page.getByTestId('justification-submit').click();
  await expect(page.getByTestId('player')).toHaveAttribute('data-frame', '0', { timeout: 15_000 });
  await goToFrame(page, 30);
  expect(await maskOnScreen(page)).toEqual(halfway);
  expect(await tracksOf(page, clipId)).toEqual([final]);
});

test('M sets a marker on the frame on screen; it is edited in the list, shown on the timeline, and a click jumps to it', async ({ page, station }) => {
  const clipId = await openClip(page, clip.path);
  await expect(page.getByTestId('player')).toHaveAttribute('data-frame', '0', { timeout: 15_000 });
  await goToFrame(page, 20);
  await page.getByTestId('frame-input').blur();
  await page.keyboard.press('m');
  await expect(page.getByTestId('marker-row')).toHaveCount(1);
  await page.getByTestId('marker-category').selectOption('Widerstand');
  await page.getByTestId('marker-statement-assessment').check();
  await page.getByTestId('marker-text').fill('Sperrt sich gegen die Festnahme');
  await page.getByTestId('marker-save').click();
  await expect.poll(async () => (await callApi<{ markers: Marker[] }>(page, 'annotations.get', { clipId })).markers).toEqual([
    expect.objectContaining({ startFrame: 20, endFrame: 20, category: 'Widerstand', statement: 'assessment', text: 'Sperrt sich gegen die Festnahme', version: 2 }),
  ]);
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-marker-count', '1');
  await expect(page.getByTestId('annotation-provenance')).toContainText('Version 2');

  // A range marker from I/O, then a jump back to the first marker from the list.
  await goToFrame(page, 60);
  await page.getByTestId('frame-input').blur();
  await page.keyboard.press('i');
  await goToFrame(page, 90);
  await page.getByTestId('frame-input').blur();
  await page.keyboard.press('o');
  await page.keyboard.press('Shift+M');
  await expect(page.getByTestId('marker-row')).toHaveCount(2);
  await page.getByTestId('marker-row').first().click();
  await expect(page.getByTestId('player')).toHaveAttribute('data-frame', '20', { timeout: 15_000 });

  // Delete keeps the record and is audited.
  await page.getByTestId('marker-delete').click();
  await expect(page.getByTestId('marker-row')).toHaveCount(1);
  const { markers } = await callApi<{ markers: Marker[] }>(page, 'annotations.get', { clipId });
  expect(markers).toEqual([expect.objectContaining({ startFrame: 60, endFrame: 90 })]);
  expect(annotationEvents(station.dataFolder, clipId)).toEqual(['annotation.marker.create', 'annotation.marker.update', 'annotation.marker.create', 'annotation.marker.delete']);
});

test('the side panel exports the annotations as JSON and WebVTT and imports a JSON document back', async ({ page, station }) => {
  const clipId = await openClip(page, clip.path);
  await expect(page.getByTestId('player')).toHaveAttribute('data-frame', '0', { timeout: 15_000 });
  await goToFrame(page, 45);
  await page.getByTestId('frame-input').blur();
  await page.keyboard.press('m');
  await expect(page.getByTestId('marker-row')).toHaveCount(1);

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('annotations-export-json').click()]);
  expect(json.suggestedFilename()).toMatch(/\.annotations\.json$/);
  const document = JSON.parse(await (await json.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'))) as { schema: string; markers: Marker[] };
  expect(document).toMatchObject({ schema: 'revier.annotations', markers: [expect.objectContaining({ startFrame: 45, endFrame: 45 })] });
  const [vtt] = await Promise.all([page.waitForEvent('download'), page.getByTestId('annotations-export-vtt').click()]);
  const cues = await (await vtt.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  // Frame 45 of a 30 fps clip starts at 1.5 s, its display ends at 1.533 s.
  expect(cues).toMatch(/^WEBVTT/);
  expect(cues).toContain('00:00:01.500 --> 00:00:01.533');

  // Deleted, then brought back by importing the exported document.
  await page.getByTestId('marker-delete').click();
  await expect(page.getByTestId('markers-empty')).toBeVisible();
  await page.getByTestId('annotations-import-file').setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(document)) });
  await expect(page.getByTestId('marker-row')).toHaveCount(1);
  const { markers } = await callApi<{ markers: Marker[] }>(page, 'annotations.get', { clipId });
  expect(markers).toEqual([expect.objectContaining({ startFrame: 45, version: 1 })]);
  expect(annotationEvents(station.dataFolder, clipId)).toEqual(['annotation.marker.create', 'annotations.export', 'annotations.export', 'annotation.marker.delete', 'annotations.import']);

  // A document for another original is refused with the core's message.
  const foreign = { ...document, clip: { ...(document as unknown as { clip: object }).clip, sha256: 'a'.repeat(64) } };
  await page.getByTestId('annotations-import-file').setInputFiles({ name: 'foreign.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(foreign)) });
  await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: 'another original' })).toBeVisible();
  await expect(page.getByTestId('marker-row')).toHaveCount(1);
});

test('the cheat sheet lists the annotation keys', async ({ page }) => {
  await openClip(page, clip.path);
  await expect(page.getByTestId('player')).toHaveAttribute('data-frame', '0', { timeout: 15_000 });
  await page.keyboard.press('?');
  const sheet = page.getByTestId('cheat-sheet');
  await expect(sheet).toContainText('Beweismarker am aktuellen Bild setzen');
  await expect(sheet).toContainText('Strg + Shift + Z');
  await sheet.screenshot({ path: test.info().outputPath('cheat-sheet.png') });
});

test('a track is selected from its timeline row, moved and resized by keyboard and handle, ended with X and copied with N, each a keyframe on its frame', async ({ page }) => {
  const clipId = await openClip(page, clip.path);
  await expect(page.getByTestId('player')).toHaveAttribute('data-frame', '0', { timeout: 15_000 });
  await goToFrame(page, 10);
  await page.keyboard.press('r');
  await drag(page, { x: 40, y: 40 }, { x: 120, y: 100 });
  await expect(page.getByTestId('track-row')).toHaveCount(1);
  const drawn = await maskOnScreen(page);

  // Esc clears the selection; a click on the track's row in the timeline selects it again and seeks there.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('redaction-mask')).toHaveAttribute('data-selected', 'false');
  const lane = page.getByTestId('timeline-tracks').locator('.player-timeline__track');
  await lane.scrollIntoViewIfNeeded();
  const box = await lane.boundingBox();
  if (!box) throw new Error('the tracks lane is not on screen');
  await page.mouse.click(box.x + box.width * 0.6, box.y + 5);
  await expect(page.getByTestId('redaction-mask')).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('player')).not.toHaveAttribute('data-frame', '10');

  // Keyboard: three pixels right, two taller, on frame 60.
  await goToFrame(page, 60);
  await page.getByTestId('frame-input').blur();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Alt+ArrowRight');
  for (let i = 0; i < 2; i++) await page.keyboard.press('Alt+Shift+ArrowDown');
  const nudged = { ...drawn, x: drawn.x + 3, height: drawn.height + 2 };
  await expect.poll(async () => (await tracksOf(page, clipId))[0]?.keyframes.find((k) => k.frame === 60)?.box).toEqual(nudged);
  await expect.poll(() => maskOnScreen(page)).toEqual(nudged);

  // N copies the shape to frame 61 and goes there; the se handle then resizes it there.
  await page.keyboard.press('n');
  await expect(page.getByTestId('player')).toHaveAttribute('data-frame', '61', { timeout: 15_000 });
  await expect.poll(async () => (await tracksOf(page, clipId))[0]?.keyframes.find((k) => k.frame === 61)?.box).toEqual(nudged);
  const corner = { x: nudged.x + nudged.width, y: nudged.y + nudged.height };
  await drag(page, corner, { x: corner.x + 10, y: corner.y + 10 });
  const resized = { ...nudged, width: nudged.width + 10, height: nudged.height + 10 };
  await expect.poll(async () => (await tracksOf(page, clipId))[0]?.keyframes.find((k) => k.frame === 61)?.box).toEqual(resized);

  // X at frame 80 ends the track there: no mask from 80 on, the box it had until 79.
  await goToFrame(page, 80);
  await page.getByTestId('frame-input').blur();
  await page.keyboard.press('x');
  await expect.poll(async () => (await tracksOf(page, clipId))[0]?.keyframes.find((k) => k.frame === 80)?.outside).toBe(true);
  await expect(page.getByTestId('redaction-mask')).toHaveCount(0);
  await goToFrame(page, 79);
  expect(await maskOnScreen(page)).toEqual(resized);
  expect((await tracksOf(page, clipId))[0]?.keyframes.map((k) => [k.frame, k.outside])).toEqual([
    [10, false],
    [60, false],
    [61, false],
    [80, true],
  ]);
});
