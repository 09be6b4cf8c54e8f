// The proxy queue: one job at a time, opened clips before background work (newest open first),
// one shared job per original, cancel of queued and running jobs, failures reported and survived.
// The worker is a tiny real async function the test releases job by job (no timers, no sleeps);
// the last test runs a real ffmpeg job through the queue.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexFrames } from '../../electron/core/library/analysis/frame-index.ts';
import type { DerivedFileRecord } from '../../electron/core/library/derived/derived-store.ts';
import { ProxyJobCancelled, ProxyQueue, reviewProxyWorker, type ProxyJobEvent, type ProxyWorkerContext } from '../../electron/core/library/derived/proxy-queue.ts';
import { detectMediaTools } from '../../electron/core/media/media-tools.ts';
import { ensureStationDrive } from '../fixtures/generate-station.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
const sha = (name: string) => name.repeat(64).slice(0, 64);

interface TestJob {
  sha256: string;
  name: string;
}

function recordFor(job: TestJob): DerivedFileRecord {
  return { kind: 'proxy', parentSha256: job.sha256, path: `derived/${job.name}`, sha256: sha('f'), tool: 'ffmpeg', toolVersion: 'test', parameters: {}, createdUtc: '2024-01-01T00:00:00.000Z' };
}

/** A worker whose jobs finish when the test says so; it records what ran and how many ran at once. */
function controlledWorker() {
  const started: string[] = [];
  const pending = new Map<string, { finish: (outcome?: Error) => void; context: ProxyWorkerContext }>();
  let active = 0;
  let mostAtOnce = 0;
  const worker = (job: TestJob, context: ProxyWorkerContext) =>
    new Promise<DerivedFileRecord>((resolve, reject) => {
      started.push(job.name);
      active++;
      mostAtOnce = Math.max(mostAtOnce, active);
      const settle = (outcome?: Error) => {
        active--;
        pending.delete(job.name);
        if (outcome) reject(outcome);
        else resolve(recordFor(job));
      };
      pending.set(job.name, { finish: settle, context });
      context.signal.addEventListener('abort', () => settle(context.signal.reason as Error), { once: true });
    });
  return {
    worker,
    started,
    mostAtOnce: () => mostAtOnce,
    running: () => [...pending.keys()],
    /** Finishes the running job (optionally with an error) and waits until the queue has moved on. */
    async finish(name: string, error?: Error): Promise<void> {
      const job = pending.get(name);
      if (!job) throw new Error(`${name} is not running (running: ${[...pending.keys()].join(', ') || 'none'})`);
      job.finish(error);
      await Promise.resolve();
      await Promise.resolve();
    },
    progress(name: string, fraction: number): void {
      pending.get(name)?.context.onProgress(fraction);
    },
  };
}

const job = (name: string): TestJob => ({ sha256: sha(name), name });

async function drain(queue: ProxyQueue<TestJob>, control: ReturnType<typeof controlledWorker>): Promise<void> {
  for (let guard = 0; guard < 20 && control.running().length > 0; guard++) {
    const [name] = control.running();
    if (name) await control.finish(name);
  }
  await queue.idle();
}

describe('proxy queue', () => {
  it('runs one job at a time: opened clips first (newest first), background in request order', async () => {
    const control = controlledWorker();
    const queue = new ProxyQueue<TestJob>(control.worker);
    const results = ['a', 'b', 'c', 'd', 'e'].map((name) => queue.request(job(name), { priority: name === 'd' || name === 'e' ? 'open' : 'background' }));
    expect(control.started).toEqual(['a']);
    expect(queue.snapshot()).toEqual({ running: sha('a'), queued: [sha('e'), sha('d'), sha('b'), sha('c')] });
    await drain(queue, control);
    expect(control.started).toEqual(['a', 'e', 'd', 'b', 'c']);
    expect(control.mostAtOnce()).toBe(1);
    expect((await Promise.all(results)).map((r) => r.path)).toEqual(['derived/a', 'derived/b', 'derived/c', 'derived/d', 'derived/e']);
  });

  it('shares one job between requests for the same original, and lifts it when the clip is opened', async () => {
    const control = controlledWorker();
    const queue = new ProxyQueue<TestJob>(control.worker);
    const running = queue.request(job('a'), { priority: 'background' });
    const again = queue.request(job('a'), { priority: 'open' });
    expect(again).toBe(running);
    const b = queue.request(job('b'), { priority: 'background' });
    const c = queue.request(job('c'), { priority: 'background' });
    const cOpened = queue.request(job('c'), { priority: 'open' });
    expect(cOpened).toBe(c);
    expect(queue.snapshot().queued).toEqual([sha('c'), sha('b')]);
    await drain(queue, control);
    expect(control.started).toEqual(['a', 'c', 'b']);
    await Promise.all([running, b, c]);
  });

  it('reports queued, running with progress, and done', async () => {
    const control = controlledWorker();
    const queue = new ProxyQueue<TestJob>(control.worker);
    const events: ProxyJobEvent[] = [];
    const stop = queue.subscribe((event) => events.push(event));
    const done = queue.request(job('a'), { priority: 'open' });
    control.progress('a', 0.25);
    control.progress('a', 0.75);
    await control.finish('a');
    await done;
    stop();
    queue.request(job('b'), { priority: 'open' });
    expect(events).toEqual([
      { sha256: sha('a'), fraction: 0, state: 'queued' },
      { sha256: sha('a'), fraction: 0, state: 'running' },
      { sha256: sha('a'), fraction: 0.25, state: 'running' },
      { sha256: sha('a'), fraction: 0.75, state: 'running' },
      { sha256: sha('a'), fraction: 1, state: 'done' },
    ]);
    await drain(queue, control);
  });

  it('cancels a queued job without running it, and a running one through its signal', async () => {
    const control = controlledWorker();
    const queue = new ProxyQueue<TestJob>(control.worker);
    const events: ProxyJobEvent[] = [];
    queue.subscribe((event) => events.push(event));
    const a = queue.request(job('a'), { priority: 'background' });
    const b = queue.request(job('b'), { priority: 'background' });
    const c = queue.request(job('c'), { priority: 'background' });

    expect(queue.cancel(sha('b'))).toBe(true);
    await expect(b).rejects.toBeInstanceOf(ProxyJobCancelled);
    control.progress('a', 0.5);
    expect(queue.cancel(sha('a'))).toBe(true);
    await expect(a).rejects.toBeInstanceOf(ProxyJobCancelled);
    expect(queue.cancel(sha('nothing'))).toBe(false);

    await drain(queue, control);
    await c;
    expect(control.started).toEqual(['a', 'c']);
    expect(events.filter((e) => e.state === 'cancelled')).toEqual([
      { sha256: sha('b'), fraction: 0, state: 'cancelled' },
      { sha256: sha('a'), fraction: 0.5, state: 'cancelled' },
    ]);
  });

  it('reports a failed job and goes on with the next; an unawaited failure is not an unhandled rejection', async () => {
    const control = controlledWorker();
    const queue = new ProxyQueue<TestJob>(control.worker);
    const events: ProxyJobEvent[] = [];
    queue.subscribe((event) => events.push(event));
    queue.request(job('a'), { priority: 'background' }); // nobody awaits this one
    const b = queue.request(job('b'), { priority: 'background' });
    await control.finish('a', new Error('/drive/a.ts: a review proxy would not match the original'));
    expect(events.find((e) => e.state === 'failed')).toEqual({
      sha256: sha('a'),
      fraction: 0,
      state: 'failed',
      error: '/drive/a.ts: a review proxy would not match the original',
    });
    expect(control.running()).toEqual(['b']);
    await drain(queue, control);
    expect((await b).parentSha256).toBe(sha('b'));
    // After a job has ended, asking again starts a new one.
    const again = queue.request(job('a'), { priority: 'open' });
    expect(control.started).toEqual(['a', 'b', 'a']);
    await control.finish('a');
    await again;
  });

  it('runs real review-proxy jobs', async () => {
    const { drive, expected } = await ensureStationDrive();
    const found = await detectMediaTools();
    if (!found.ffmpeg || !found.ffprobe) throw new Error('ffmpeg and ffprobe are needed');
    const clips = expected.clips.filter((c) => c.tags.includes('edit-list') || c.tags.includes('avi-mjpeg'));
    const data = tempFolder();
    const queue = new ProxyQueue(reviewProxyWorker({ ffmpegPath: found.ffmpeg.path, ffprobePath: found.ffprobe.path, ffmpegVersion: found.ffmpeg.version }, data));
    const states: string[] = [];
    queue.subscribe((event) => {
      if (event.state !== 'running') states.push(`${event.sha256.slice(0, 2)} ${event.state}`);
    });
    const jobs = [];
    for (const [i, clip] of clips.entries()) {
      const file = path.join(drive, clip.path);
      jobs.push({ file, sha256: sha(String(i + 1)), frameIndex: await indexFrames(file, found.ffprobe.path) });
    }
    expect(jobs).toHaveLength(2);
    const records = await Promise.all(jobs.map((j) => queue.request(j, { priority: 'background' })));
    expect(records.map((r) => r.path)).toEqual([`derived/11/${sha('1')}/review-proxy.mp4`, `derived/22/${sha('2')}/review-proxy.mp4`]);
    expect(states).toEqual(['11 queued', '22 queued', '11 done', '22 done']);
  });
});
