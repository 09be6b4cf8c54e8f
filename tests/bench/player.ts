// Player benchmark (npm run bench:player): latency from a key press to the painted frame in the
// real player (browser host, Debian's Chromium), for single steps forward and backward, 10-frame
// steps and random jumps on a 1080p H.264 clip with a keyframe every 2 s. Beside it, in the same
// page and run, a plain <video> element of the same media seeks to the same targets (the
// baseline: what the browser alone does). Every step is checked to land on exactly the frame asked
// for: the player's `data-frame`, and every few steps the frame code read from a screenshot.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs } from '../e2e/fixtures.ts';
import { codeOnScreen } from '../e2e/picture.ts';
import { startStation } from '../e2e/station.ts';
import { playerDrive } from './footage.ts';
import { callApi } from '../e2e/api.ts';

const frames = 1800;
const stepsPerCase = 40;
const checkEvery = 8;

interface Case {
  name: string;
  /** Where each measured move starts (the player is brought there unmeasured) and where it goes. */
  moves: { from: number; to: number; key: string }[];
}

/** Deterministic pseudo-random numbers, the same every run. */
function randoms(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function cases(): Case[] {
  const random = randoms(4711);
  const somewhere = (margin: number) => margin + Math.floor(random() * (frames - 2 * margin));
  const runs = (delta: number, key: string): Case['moves'] => {
    const moves: Case['moves'] = [];
    while (moves.length < stepsPerCase) {
      let at = somewhere(200);
      for (let i = 0; i < 8 && moves.length < stepsPerCase; i++, at += delta) moves.push({ from: at, to: at + delta, key });
    }
    return moves;
  };
  return [
    { name: 'step forward (→)', moves: runs(1, 'ArrowRight') },
    { name: 'step backward (←)', moves: runs(-1, 'ArrowLeft') },
    { name: '10 forward (Shift+→)', moves: runs(10, 'Shift+ArrowRight') },
    { name: '10 backward (Shift+←)', moves: runs(-10, 'Shift+ArrowLeft') },
    { name: 'random jump (Enter)', moves: Array.from({ length: stepsPerCase }, () => ({ from: -1, to: somewhere(0), key: 'Enter' })) },
  ];
}


/** Installs the in-page clock: key press (capture phase) to the `data-frame` change. */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = { pressed: 0 };
    window.addEventListener('keydown', () => (probe.pressed = performance.now()), { capture: true });
    (window as unknown as { benchProbe: unknown }).benchProbe = {
      /** Resolves with the milliseconds from the last key press to data-frame = frame. */
      until(frame: number): Promise<number> {
        const root = document.querySelector('[data-testid="player"]') as HTMLElement;
        return new Promise((resolve, reject) => {
          setTimeout(() => reject(new Error(`frame ${frame} was not painted within 15 s (on screen: ${root.dataset.frame})`)), 15_000);
          const check = () => {
            if (root.dataset.frame !== String(frame)) return false;
            resolve(performance.now() - probe.pressed);
            return true;
          };
          if (check()) return;
          const observer = new MutationObserver(() => check() && observer.disconnect());
          observer.observe(root, { attributes: true, attributeFilter: ['data-frame'] });
        });
      },
    };
  });
}

async function goTo(page: Page, frame: number): Promise<number> {
  const waited = page.evaluate((f) => (window as unknown as { benchProbe: { until(f: number): Promise<number> } }).benchProbe.until(f), frame);
  await page.getByTestId('frame-input').fill(String(frame));
  await page.getByTestId('frame-input').press('Enter');
  return waited;
}

async function measurePlayer(page: Page, move: Case['moves'][number]): Promise<number> {
  if (move.key === 'Enter') return goTo(page, move.to);
  const current = await page.getByTestId('player').getAttribute('data-frame');
  if (current !== String(move.from)) {
    await goTo(page, move.from);
    await page.waitForTimeout(600); // let pre-decoding around the new position settle, as a user would look first
  }
  const waited = page.evaluate((f) => (window as unknown as { benchProbe: { until(f: number): Promise<number> } }).benchProbe.until(f), move.to);
  await page.keyboard.press(move.key);
  return waited;
}

/** The baseline: a plain <video> of the same media, seeking to the middle of the same frames. */
async function measureBaseline(page: Page, url: string, seconds: number[], moves: Case['moves']): Promise<number[]> {
  return page.evaluate(
    async ({ url, seconds, moves }) => {
      const video = document.createElement('video');
      video.muted = true;
      video.src = url;
      video.style.cssText = 'position:fixed;right:0;bottom:0;width:480px;height:270px;z-index:10';
      document.body.append(video);
      await new Promise((resolve, reject) => {
        video.addEventListener('loadeddata', resolve, { once: true });
        setTimeout(() => reject(new Error(`baseline video did not load: readyState ${video.readyState}, networkState ${video.networkState}, error ${video.error?.message ?? 'none'}`)), 20_000);
      });
      const middle = (n: number) => ((seconds[n] as number) + ((seconds[n + 1] ?? (seconds[n] as number) + 1 / 30) as number)) / 2;
      // The first picture after loading is presented late; the seeks start once it is.
      await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
      const seek = (n: number) =>
        new Promise<number>((resolve, reject) => {
          const started = performance.now();
          let last = -1;
          const timer = setTimeout(
            () => reject(new Error(`baseline never showed frame ${n} (${seconds[n]} s): last painted ${last} s, currentTime ${video.currentTime}, seeking ${video.seeking}, readyState ${video.readyState}`)),
            20_000,
          );
          const painted = (_now: number, metadata: VideoFrameCallbackMetadata) => {
            last = metadata.mediaTime;
            // A frame painted on the way (from an earlier seek) is not the one asked for.
            if (Math.abs(metadata.mediaTime - (seconds[n] as number)) > 1e-3) return void video.requestVideoFrameCallback(painted);
            clearTimeout(timer);
            resolve(performance.now() - started);
          };
          video.requestVideoFrameCallback(painted);
          video.currentTime = middle(n);
        });
      const times: number[] = [];
      let at = -1;
      for (const move of moves) {
        if (move.from >= 0 && move.from !== at) await seek(move.from);
        times.push(await seek(move.to));
        at = move.to;
      }
      video.remove();
      return times;
    },
    { url, seconds, moves },
  );
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const started = performance.now();
  const footage = await playerDrive();
  console.log(`Revier player benchmark: ${os.availableParallelism()} cores, Chromium /usr/bin/chromium`);
  console.log(`  clip: 1920x1080 H.264, 30 fps, keyframe every 60 frames, ${frames} frames (${footage.generatedSeconds === null ? 'cached' : `generated in ${footage.generatedSeconds.toFixed(0)} s`})`);
  const dataFolder = await mkdtemp(path.join(os.tmpdir(), 'revier-bench-player-'));
  const station = await startStation(path.join(dataFolder, 'data'), footage.drive);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(20_000);
    page.on('console', (message) => console.log(`  [page ${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => console.log(`  [page error] ${error.message}`));
    await page.goto(station.url);
    let clipId: number | null = null;
    while (clipId === null) {
      const list = await callApi<{ recordings: { id: number }[] }>(page, 'library.list', {});
      const first = list.recordings[0];
      if (first) clipId = (await callApi<{ clips: { id: number }[] }>(page, 'library.get', { id: first.id })).clips[0]?.id ?? null;
      if (clipId === null) await page.waitForTimeout(250);
    }
    await page.goto(`${station.origin}/#/clips/${clipId}`);
    await page.getByTestId('justification-input').fill('Benchmark');
    await page.getByTestId('justification-submit').click();
    await page.locator('[data-testid="player"][data-frame="0"]').waitFor({ timeout: 30_000 });
    await installProbe(page);
    const opened = await callApi<{ media: { token: string }; frames: { seconds: number[] } }>(page, 'player.open', { clipId, justification: 'Benchmark baseline' });

    const rows: string[][] = [];
    let checked = 0;
    for (const benchCase of cases()) {
      const ours: number[] = [];
      for (const [i, move] of benchCase.moves.entries()) {
        ours.push(await measurePlayer(page, move));
        if (i % checkEvery === 0) {
          const code = await codeOnScreen(page);
          if (code !== move.to) throw new Error(`${benchCase.name}: asked for frame ${move.to}, the screen shows ${code}`);
          checked++;
        }
      }
      const baseline = await measureBaseline(page, `/media/${opened.media.token}`, opened.frames.seconds, benchCase.moves);
      const row = [benchCase.name, ...[ours, baseline].flatMap((t) => [quantile(t, 0.5), quantile(t, 0.95)].map((v) => v.toFixed(0)))];
      row.push((quantile(ours, 0.95) / quantile(baseline, 0.95)).toFixed(2));
      rows.push(row);
      console.log(`  ${benchCase.name}: done`);
    }
    const header = ['case (ms, key press → painted)', 'median', 'p95', 'plain median', 'plain p95', 'p95 ratio'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
    console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
    for (const row of rows) console.log(line(row));
    console.log(`${stepsPerCase} moves per case; every one landed on the frame asked for (data-frame), ${checked} also read back from screenshots.`);
    console.log('plain = a bare <video> of the same media seeking to the middle of the same frames, in the same page; ratio = ours/plain.');
    console.log('target: p95 <= 100 ms for single steps in both directions.');
  } finally {
    await browser.close();
    await station.stop();
    await rm(dataFolder, { recursive: true, force: true });
  }
  console.log(`\nwhole run: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
