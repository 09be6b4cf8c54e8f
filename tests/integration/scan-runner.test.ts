// One scan at a time for the hosts: progress events, a second start joins the first, cancel stops
// it and keeps what was finished.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.ts';
import type { ScanProgress } from '../../shared/api/library.ts';
import { adminActor, openTestCore, testActor } from '../support/core.ts';
import { copyOfStationDrive } from '../support/station-drive.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
let core: Core;
afterEach(() => core.close());

async function station(): Promise<{ expected: Awaited<ReturnType<typeof copyOfStationDrive>>['expected']; progress: ScanProgress[] }> {
  const folder = tempFolder();
  const { drive, expected } = await copyOfStationDrive(folder);
  core = await openTestCore(path.join(folder, 'data'));
  await core.settings.update(adminActor, { stationDrive: drive });
  const progress: ScanProgress[] = [];
  core.events.subscribe((event, payload) => {
    if (event === 'scan.progress') progress.push(payload as ScanProgress);
  });
  return { expected, progress };
}

describe('scan runner', () => {
  it('runs one scan, reports its phases and ends with the counts', async () => {
    const { expected, progress } = await station();
    expect((await core.scans.start(testActor)).running).toBe(true);
    expect((await core.scans.start(testActor)).running).toBe(true);
    await core.scans.idle();
    const phases = progress.map((p) => p.phase);
    expect(phases[0]).toBe('listing');
    expect(phases.at(-1)).toBe('done');
    expect(phases).toContain('deriving');
    expect(core.scans.status()).toMatchObject({
      running: false,
      phase: 'done',
      filesTotal: expected.clips.length + expected.broken.length,
      newClips: expected.clips.length,
      problems: expected.broken.length,
    });
    expect((await core.library.list(testActor, { sort: 'start', descending: true, offset: 0, limit: 100 })).total).toBe(expected.recordings.length);
  });

  it('cancels a running scan and keeps the clips finished so far', async () => {
    const { expected, progress } = await station();
    const cancelled = new Promise<void>((resolve) =>
      core.events.subscribe((event, payload) => {
        const p = payload as ScanProgress;
        if (event === 'scan.progress' && p.phase === 'reading' && p.newClips >= 1) void core.scans.cancel(testActor);
        if (event === 'scan.progress' && p.phase === 'cancelled') resolve();
      }),
    );
    await core.scans.start(testActor);
    await cancelled;
    await core.scans.idle();
    const status = core.scans.status();
    expect(status).toMatchObject({ running: false, phase: 'cancelled' });
    expect(status.message).toMatch(/cancelled/);
    expect(status.newClips).toBeLessThan(expected.clips.length);
    expect(progress.at(-1)?.phase).toBe('cancelled');
  });

  it('is started and cancelled only by roles that may scan, and by the station itself', async () => {
    await station();
    for (const role of ['trainer', 'dpo'] as const) {
      await expect(core.scans.start({ ...testActor, role })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('scan.run') });
      await expect(core.scans.cancel({ ...testActor, role })).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(core.scans.status().running).toBe(false);
    const stationActor = { userId: 'system', role: 'system', sessionId: 'scan:test' } as const;
    expect((await core.scans.start(stationActor)).running).toBe(true);
    await core.scans.cancel(stationActor);
    await core.scans.idle();
    expect(core.scans.status()).toMatchObject({ running: false, phase: expect.stringMatching(/^(cancelled|done)$/) });
  });

  it('fails clearly when the drive is not mounted', async () => {
    await station();
    await core.settings.update(adminActor, { stationDrive: '/no/such/revier/drive' });
    await core.scans.start(testActor);
    await core.scans.idle();
    expect(core.scans.status()).toMatchObject({ phase: 'failed', message: expect.stringContaining('/no/such/revier/drive is not mounted or not readable') });
  });
});
