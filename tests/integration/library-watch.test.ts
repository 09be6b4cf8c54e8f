// New files are picked up while the app runs: the watch on the station drive starts a scan.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.ts';
import { watchStationDrive } from '../../electron/core/library/library-watch.ts';
import { adminActor, openTestCore, testActor } from '../support/core.ts';
import { copyOfStationDrive } from '../support/station-drive.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
let core: Core;
let stop = (): void => undefined;
afterEach(async () => {
  stop();
  await core.close();
});

describe('station drive watch', () => {
  it('scans at start and again when a new file arrives', async () => {
    const folder = tempFolder();
    const { drive, expected } = await copyOfStationDrive(folder);
    core = await openTestCore(path.join(folder, 'data'));
    await core.settings.update(adminActor, { stationDrive: drive });
    stop = watchStationDrive(core, core.scans, testActor, { debounceMs: 200, rescanMs: 60_000 });
    const total = async () => (await core.library.list(testActor, { sort: 'start', descending: true, offset: 0, limit: 100 })).total;
    await expect.poll(total, { timeout: 30_000 }).toBe(expected.recordings.length);
    await core.scans.idle();

    const source = expected.clips.find((c) => c.layout === 'dcim' && c.container === 'mp4')!;
    cpSync(path.join(drive, source.path), path.join(drive, 'DCIM', 'PK4799_20240320_101500_0009.MP4'), { preserveTimestamps: true });
    await expect.poll(total, { timeout: 30_000 }).toBe(expected.recordings.length + 1);
  });
});
