// The player on real camera files (../shared/realdata, see PROVENANCE.md there): the picture on
// screen for frame n must be ffmpeg's decode of frame n of the original (PSNR ≥ 35 dB), for phone
// clips that are rotated, variable-frame-rate or slow motion and for the container oddities,
// whether Chromium plays the original or the H.264 review proxy the core makes. Frame n is the
// n-th picture of `ffmpeg -i FILE -map 0:v:0` (display order, edit lists applied, autorotated).
// So that an off-by-one cannot pass, the frames next to n must score clearly lower wherever the
// clip moves between them, and so must a frame far away.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { realdataFolder } from '../support/realdata.ts';
import { expect, test } from './fixtures.ts';
import { comparableShot, pngSize, psnr, referenceDecode, screenshotShownPicture } from './picture.ts';
import { callApi } from './api.ts';

/** Luma PSNR from which two pictures count as the same frame. */
const SAME_PICTURE_DB = 35;
/**
 * How much better frame n must match than another frame that differs from it by more than the
 * noise of the comparison. If the screen showed m instead, the score of n would drop to about
 * ffmpeg's n~m PSNR and m's would rise to the noise level; showing n, m's score is the noise and
 * the n~m difference combined, at least 3 dB below n's.
 */
const MARGIN_DB = 1.5;

interface RealClip {
  /** Path inside the realdata folder. */
  file: string;
  /** Why the file is not tested; absent: tested. */
  skip?: string;
  /** The problem code the scan reports for a file that is damaged but still has all its frames. */
  problem?: string;
}

const realClips: RealClip[] = [
  { file: 'phones/pixel7_h264_1080p_rot180_vfr_videoonly.mp4' },
  { file: 'phones/iphone12promax_ios14.5.1_hevc_rot90_location.mp4' },
  { file: 'phones/apple_coremedia_h264_bt601_vfr_remuxed.mov' },
  { file: 'phones/samsung_sef_slow_motion_240fps_capture.mp4' },
  { file: 'phones/android_slow_motion_240fps_capture.mp4' },
  { file: 'containers/avi_mpeg4asp_mp3_23976.avi' },
  {
    file: 'containers/coremedia_h264_25fps_edts_negative_audio_ts.mp4',
    skip: 'every picture is black (ffmpeg: mean Y 16, stdev 0 in all 225 frames): nothing to tell the frames apart by',
  },
  { file: 'containers/exoplayer_sample_h264_2997_bframes_gps_xyz.mp4' },
  { file: 'containers/fmp4_h264_aac_fragmented.mp4' },
  {
    file: 'containers/h264_1080p30_edit_list_positive_shift.mp4',
    skip: 'every picture is black (ffmpeg: one checksum for all 270 frames): nothing to tell the frames apart by',
  },
  { file: 'containers/h264_3026x1386_cursed_vfr.mp4' },
  // High 4:4:4 Predictive with B-frames: Chromium shows only its I-frames, so it plays through a proxy.
  { file: 'containers/h264_704x576_bframes_editlist_1fps.mp4' },
  { file: 'containers/h264_720p_12.5fps_1s.mp4' },
  { file: 'containers/h264_timescale29917_bframes_editlist.mp4' },
  { file: 'containers/mkv_h264_aac.mkv' },
  { file: 'containers/mkv_htc_rotation_in_track_name.mkv' },
  { file: 'containers/mp4_mdat_size_too_long_truncated.mp4', problem: 'TRUNCATED' },
  { file: 'containers/mp4_partially_fragmented.mp4' },
  { file: 'containers/mpeg_ps_mpeg2video_mp2.ps' },
  { file: 'containers/mpegts_h264.ts' },
  { file: 'containers/mpegts_h264_starts_without_keyframe.ts' },
  { file: 'containers/mpegts_h265.ts' },
];

/**
 * The frames to look at: the first, a middle one, the last, and both sides of the longest step
 * between picture times when it is a gap (over 1.5 times the median step) and of the shortest
 * when the frame rate varies (under the median step by a third).
 */
function framesToCheck(times: number[]): number[] {
  const last = times.length - 1;
  const frames = new Set([0, Math.floor(last / 2), last]);
  const steps = times.slice(1).map((t, i) => ({ frame: i + 1, step: t - (times[i] as number) }));
  if (steps.length > 1) {
    const sorted = [...steps].sort((a, b) => a.step - b.step);
    const median = (sorted[Math.floor(sorted.length / 2)] as { step: number }).step;
    const shortest = sorted[0] as { frame: number; step: number };
    const longest = sorted[sorted.length - 1] as { frame: number; step: number };
    const telling = [longest.step > 1.5 * median ? longest : null, shortest.step < median / 1.5 ? shortest : null];
    for (const step of telling) {
      if (!step) continue;
      frames.add(step.frame - 1);
      frames.add(step.frame);
    }
  }
  return [...frames].sort((a, b) => a - b);
}


interface LibraryClip {
  id: number;
  path: string;
  frameCount: number;
  playable: boolean;
  problem: { code: string; message: string } | null;
}

/** The library's clip of a drive file, once the host's own scan has ingested it. */
async function scannedClip(page: Page, clipPath: string): Promise<LibraryClip> {
  const find = async (): Promise<LibraryClip | null> => {
    const list = await callApi<{ recordings: { id: number }[] }>(page, 'library.list', { limit: 500 });
    for (const recording of list.recordings) {
      const detail = await callApi<{ clips: LibraryClip[] }>(page, 'library.get', { id: recording.id });
      const clip = detail.clips.find((c) => c.path === clipPath);
      if (clip) return clip;
    }
    return null;
  };
  await expect.poll(find, { timeout: 30_000, message: `${clipPath} in the library` }).not.toBeNull();
  return (await find()) as LibraryClip;
}

/** Jumps to frame n with the frame field and waits until the player reports it painted. */
async function jumpTo(page: Page, frame: number): Promise<void> {
  const player = page.getByTestId('player');
  if ((await player.getAttribute('data-frame')) !== String(frame)) {
    await page.getByTestId('frame-input').fill(String(frame));
    await page.getByTestId('frame-input').press('Enter');
  }
  await expect(player).toHaveAttribute('data-frame', String(frame), { timeout: 5_000 });
  await expect(page.getByTestId('frame-number')).toHaveText(String(frame));
}

const dB = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '∞');

for (const realClip of realClips) {
  const title = `shows ffmpeg's picture of each frame: ${realClip.file}`;
  test.describe(realClip.file, () => {
    test.use({ driveSource: realdataFolder, driveFiles: [realClip.file] });

    if (realClip.skip) {
      test.skip(title, { annotation: { type: 'skip', description: realClip.skip } }, () => {});
      return;
    }

    test(title, async ({ page }, testInfo) => {
      const clip = await scannedClip(page, realClip.file);
      expect(clip.problem?.code ?? null, `problem the scan found: ${clip.problem?.message}`).toBe(realClip.problem ?? null);
      await page.goto(`${new URL(page.url()).origin}/#/clips/${clip.id}`);
      await page.getByTestId('justification-input').fill('Az. 4711 Js 123/24');
      await page.getByTestId('justification-submit').click();
      // A review proxy is made when the clip is opened.
      await expect(page.getByTestId('player')).toHaveAttribute('data-frame', /^\d+$/, { timeout: 45_000 });
      await jumpTo(page, 0);
      const size = pngSize(await screenshotShownPicture(page));

      const reference = referenceDecode(path.join(realdataFolder, realClip.file), size);
      const count = reference.times.length;
      expect(clip.frameCount, 'frames in the library, counted as ffmpeg outputs them').toBe(count);
      expect(size.width < size.height, `portrait picture (${size.width}×${size.height}) as ffmpeg's upright decode`).toBe(reference.aspect < 1);
      expect(size.width / size.height, `aspect of the picture (${size.width}×${size.height})`).toBeCloseTo(reference.aspect, 1);

      const picture = (n: number): Uint8Array => reference.pictures[n] as Uint8Array;
      const apart = (n: number, m: number): number => psnr(picture(n), picture(m), 'luma');
      const report: string[] = [];
      for (const n of framesToCheck(reference.times)) {
        await jumpTo(page, n);
        const shot = await screenshotShownPicture(page);
        expect(pngSize(shot), `size of the picture at frame ${n}`).toEqual(size);
        const shown = comparableShot(shot);
        const score = psnr(shown, picture(n), 'luma');
        expect.soft(score, `luma PSNR of frame ${n} against ffmpeg's frame ${n}`).toBeGreaterThanOrEqual(SAME_PICTURE_DB);
        if (score < SAME_PICTURE_DB) await testInfo.attach(`frame ${n} on screen`, { body: shot, contentType: 'image/png' });
        const line = [`frame ${n} (${reference.times[n]} s): ${dB(score)} dB (RGB ${dB(psnr(shown, picture(n)))})`];
        const neighbours = [n - 1, n + 1].filter((m) => m >= 0 && m < count).map((m) => ({ frame: m, score: psnr(shown, picture(m), 'luma'), apart: apart(n, m) }));
        const unlike = reference.pictures.reduce((least, _, m) => (m !== n && apart(n, m) < least.apart ? { frame: m, apart: apart(n, m) } : least), { frame: n, apart: Infinity });
        // The noise of the comparison: how well the picture matches the frame it shows, whichever
        // of n and its neighbours that is.
        const noise = Math.max(score, ...neighbours.map((m) => m.score));
        // Where a neighbour differs by more than the noise, showing it instead of n must be plain.
        for (const m of neighbours) {
          line.push(`vs ${m.frame}: ${dB(m.score)} (ffmpeg ${n}~${m.frame}: ${dB(m.apart)})`);
          if (m.apart < noise) expect.soft(m.score, `luma PSNR of frame ${n} against ffmpeg's neighbouring frame ${m.frame}`).toBeLessThan(score - MARGIN_DB);
        }
        // The frame least like n must score lower, however little the clip moves.
        if (unlike.frame !== n) {
          const other = psnr(shown, picture(unlike.frame), 'luma');
          line.push(`least alike ${unlike.frame}: ${dB(other)} (ffmpeg ${n}~${unlike.frame}: ${dB(unlike.apart)})`);
          expect.soft(other, `luma PSNR of frame ${n} against ffmpeg's frame ${unlike.frame}, the least like it`).toBeLessThan(unlike.apart < noise ? score - MARGIN_DB : score);
        }
        report.push(line.join('; '));
      }
      await testInfo.attach('psnr', { body: report.join('\n'), contentType: 'text/plain' });
      console.log(`${realClip.file}: ${count} frames, shown ${size.width}×${size.height} from the ${clip.playable ? 'original' : 'review proxy'}\n  ${report.join('\n  ')}`);
    });
  });
}
