// The frame-accurate player on the fixture footage: what is on screen is read back from the
// block pattern of a screenshot and must be exactly the frame asked for, for constant and
// variable frame rates, B-frames, an edit list, Matroska millisecond timestamps, a long-GOP
// 1080p clip and an AVI played through its review proxy.
import type { Page } from '@playwright/test';
import type { ExpectedClip } from '../fixtures/generate-station.ts';
import type { VariantTag } from '../fixtures/station-recipe.ts';
import { expect, test } from './fixtures.ts';
import { storedAuditEntries } from './station.ts';
import { codeOnScreen } from './picture.ts';
import { clipIdOf, clipTagged, expectedFixture, openClip } from './player-page.ts';

/** Waits for the player to report frame n painted, then reads the screen. */
async function expectFrame(page: Page, clip: ExpectedClip, frame: number): Promise<void> {
  await expect(page.getByTestId('player')).toHaveAttribute('data-frame', String(frame), { timeout: 15_000 });
  await expect(page.getByTestId('frame-number')).toHaveText(String(frame));
  expect(await codeOnScreen(page), `frame code on screen for frame ${frame}`).toBe(clip.firstFrameCode + frame);
}

/** Deterministic pseudo-random frames (a test that fails must fail again). */
function randomFrames(count: number, frames: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % frames;
  });
}

const variants: VariantTag[] = ['cfr-30', 'mkv-ms-timestamps', 'vfr', 'b-frames', 'edit-list', 'long-gop-1080p', 'avi-mjpeg'];

for (const tag of variants) {
  test(`shows exactly the frame asked for: ${tag}`, async ({ page }) => {
    const clip = clipTagged(tag);
    await openClip(page, clip.path);
    await expectFrame(page, clip, 0);
    const last = clip.frameCount - 1;

    let frame = 0;
    for (const [key, delta] of [['ArrowRight', 1], ['ArrowRight', 1], ['Shift+ArrowRight', 10], ['ArrowLeft', -1], ['Shift+ArrowRight', 10], ['Shift+ArrowLeft', -10], ['ArrowLeft', -1]] as const) {
      await page.keyboard.press(key);
      frame += delta;
      await expectFrame(page, clip, frame);
    }
    for (const target of randomFrames(4, clip.frameCount, clip.frameCount)) {
      await page.getByTestId('frame-input').fill(String(target));
      await page.getByTestId('frame-input').press('Enter');
      await expectFrame(page, clip, target);
    }
    await page.getByTestId('player').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('End');
    await expectFrame(page, clip, last);
    await page.keyboard.press('ArrowLeft');
    await expectFrame(page, clip, last - 1);
    await page.keyboard.press('Home');
    await expectFrame(page, clip, 0);
  });
}

test('asks for a justification before any picture, audits it and offers it again', async ({ page, session, station }) => {
  const clip = clipTagged('b-frames');
  const id = await clipIdOf(page, clip.path);
  await page.goto(`${new URL(page.url()).origin}/#/clips/${id}`);
  await expect(page.getByTestId('justification-input')).toBeVisible();
  await expect(page.getByTestId('player-video')).toHaveCount(0);
  await page.getByTestId('justification-input').fill('ab');
  await page.getByTestId('justification-submit').click();
  await expect(page.getByRole('alert').filter({ hasText: 'mindestens 3 Zeichen' })).toBeVisible();
  expect(session.requests.filter((url) => url.includes('/media/')), 'media requested before a justification').toEqual([]);

  await page.getByTestId('justification-input').fill('Az. 4711 Js 123/24 – Widerstand');
  await page.getByTestId('justification-submit').click();
  await expectFrame(page, clip, 0);
  expect(storedAuditEntries(station.dataFolder).find((e) => e.event === 'player.open')).toMatchObject({
    action: 'consultation',
    target: `clip:${id}`,
    details: { justification: 'Az. 4711 Js 123/24 – Widerstand' },
  });

  // Another clip of the same case: the justification is offered for reuse.
  const other = clipTagged('vfr');
  const otherId = await clipIdOf(page, other.path);
  await page.goto(`${new URL(page.url()).origin}/#/clips/${otherId}`);
  await page.getByRole('button', { name: 'Übernehmen: Az. 4711 Js 123/24 – Widerstand' }).click();
  await expectFrame(page, other, 0);
});

test('plays a split recording as one timeline across its clips', async ({ page }) => {
  const clips = expectedFixture().clips.filter((c) => c.tags.includes('split'));
  const [first, second] = clips;
  if (!first || !second) throw new Error('the split fixture has fewer than two clips');
  const firstId = await openClip(page, first.path);
  await expectFrame(page, first, 0);
  await expect(page.getByTestId('frame-displays')).toContainText('Clip 1 von 2');

  await page.getByTestId('frame-input').fill(String(first.frameCount - 1));
  await page.getByTestId('frame-input').press('Enter');
  await expectFrame(page, first, first.frameCount - 1);
  await page.getByTestId('player').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('player')).not.toHaveAttribute('data-clip-id', String(firstId));
  await expectFrame(page, second, 0);
  await expect(page.getByTestId('frame-displays')).toContainText('Clip 2 von 2');
  await page.keyboard.press('End');
  await expectFrame(page, second, second.frameCount - 1);
  await page.keyboard.press('Home');
  await expect(page.getByTestId('player')).toHaveAttribute('data-clip-id', String(firstId));
  await expectFrame(page, first, 0);
  await page.keyboard.press('ArrowLeft');
  await expectFrame(page, first, 0);
});

test('I and O mark the frames asked for, even before they are painted', async ({ page }) => {
  const clip = clipTagged('cfr-30');
  await openClip(page, clip.path);
  await expectFrame(page, clip, 0);
  // No waiting between the keys: the marks follow the steps, not the paint.
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('i');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('o');
  await expect(page.getByTestId('range')).toHaveText('Bereich: 10 – 30');
  await expectFrame(page, clip, 30);
});

test('lists every shortcut on the cheat sheet', async ({ page }) => {
  await openClip(page, clipTagged('cfr-30').path);
  await expect(page.getByTestId('player')).toHaveAttribute('data-frame', '0');
  await page.keyboard.press('?');
  const sheet = page.getByTestId('cheat-sheet');
  await expect(sheet).toBeVisible();
  for (const key of ['Space', 'J', 'K', 'L', '←', '→', 'Shift + ←', 'Shift + →', 'I', 'O', '?']) {
    await expect(sheet.getByRole('rowheader', { name: key, exact: true })).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('the timeline shows the silent pre-record, zooms down to frames and seeks where clicked', async ({ page }) => {
  const clip = clipTagged('pre-record-silent');
  await openClip(page, clip.path);
  await expectFrame(page, clip, 0);
  const timeline = page.getByTestId('timeline');
  await expect(page.getByTestId('timeline-prerecord')).toHaveText('Pre-Recording, ohne Ton');
  await expect(timeline).toHaveAttribute('data-fitted', 'true');

  // Click the middle of the visible range: the player shows the frame at that time, exactly.
  const track = page.locator('.player-timeline__lane--ruler .player-timeline__track');
  const box = await track.boundingBox();
  if (!box) throw new Error('the timeline has no track');
  const [start, end] = [Number(await timeline.getAttribute('data-view-start')), Number(await timeline.getAttribute('data-view-end'))];
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const expected = Math.floor(((start + end) / 2) * 30);
  await expect.poll(async () => Math.abs(Number(await page.getByTestId('player').getAttribute('data-frame')) - expected)).toBeLessThanOrEqual(1);
  const shown = Number(await page.getByTestId('player').getAttribute('data-frame'));
  await expectFrame(page, clip, shown);

  // Zoom in until single frames are ticked; keyframes appear.
  for (let i = 0; i < 12 && (await timeline.getAttribute('data-tick-unit')) !== 'frames'; i++) await page.getByTestId('timeline-zoom-in').click();
  await expect(timeline).toHaveAttribute('data-tick-unit', 'frames');
  await expect(timeline).toHaveAttribute('data-fitted', 'false');
  await page.getByTestId('timeline-zoom-fit').click();
  await expect(timeline).toHaveAttribute('data-fitted', 'true');
});

test('shuttles forwards with L and backwards with J, K stops on an exact frame', async ({ page }) => {
  const clip = clipTagged('long-gop-1080p');
  await openClip(page, clip.path);
  await expectFrame(page, clip, 0);
  await page.keyboard.press('l');
  await page.waitForTimeout(1000);
  await page.keyboard.press('k');
  await expect(page.getByTestId('play-toggle')).toHaveAccessibleName(/Wiedergabe/);
  const forward = Number(await page.getByTestId('player').getAttribute('data-frame'));
  expect(forward).toBeGreaterThan(10);
  await expectFrame(page, clip, forward);

  await page.keyboard.press('j');
  await page.waitForTimeout(400);
  await page.keyboard.press('k');
  await page.waitForTimeout(200);
  const back = Number(await page.getByTestId('player').getAttribute('data-frame'));
  expect(back).toBeLessThan(forward);
  await expectFrame(page, clip, back);
});

test('shows the wall-clock time of the frame in local time and UTC with its clock', async ({ page }) => {
  const clip = clipTagged('local-date-differs-from-utc');
  await openClip(page, clip.path);
  await expectFrame(page, clip, 0);
  await expect(page.getByTestId('local-time')).toHaveText('31.03.2024, 00:30:00,000 (UTC+01:00)');
  await expect(page.getByTestId('utc-time')).toContainText('2024-03-30 23:30:00.000 UTC');
  await expect(page.getByTestId('utc-time')).toContainText('Uhrquelle: Dateiname');
  await page.getByTestId('frame-input').fill('20');
  await page.getByTestId('frame-input').press('Enter');
  await expectFrame(page, clip, 20);
  // Variable frame rate: frame 20 is at 0.833 s, not 20/24 s.
  const seconds = (clip.framePts?.pts[20] ?? NaN) / (clip.framePts?.timescale ?? NaN);
  await expect(page.getByTestId('media-time')).toHaveText(`00:00:00.${String(Math.floor(seconds * 1000)).padStart(3, '0')}`);
  await expect(page.getByTestId('local-time')).toHaveText(`31.03.2024, 00:30:00,${String(Math.floor(seconds * 1000)).padStart(3, '0')} (UTC+01:00)`);
});
