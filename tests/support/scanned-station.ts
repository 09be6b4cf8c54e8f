// A scanned station per test: the fixture drive and a data folder are scanned once per file into a
// template, and each test gets its own copy of both with a core opened on it (closed after the
// test). Investigators see every clip here (the setting), so that tests need no cases.
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import type { Actor } from '../../shared/api/actor.ts';
import type { Core } from '../../electron/core/core.ts';
import { sha256File } from '../../electron/core/library/analysis/hash.ts';
import { scanDrive } from '../../electron/core/library/station-scanner.ts';
import { ClipEntity, type ClipRow } from '../../electron/db/entities/library.ts';
import { openTestCore } from './core.ts';
import { copyOfStationDrive } from './station-drive.ts';
import { useTempFolders } from './temp-folder.ts';

/** The station itself: sets the drive and scans it. */
export const stationActor: Actor = { userId: 'system', role: 'system', sessionId: 't' };

/** Fixture clips by the part they play; each is the only clip of its recording but `splitFirst`/`splitSecond`. */
export const clipPaths = {
  mkv: 'Axis/PK4711_B8A44F1A2B01_20240314T081502Z/20240314_081500_4821.mkv',
  splitFirst: 'Axis/PK4712_B8A44F1A2B02_20240314T090210Z/20240314_090210_907.mkv',
  splitSecond: 'Axis/PK4712_B8A44F1A2B02_20240314T090210Z/20240314_090213_907.mkv',
  longGop: 'Axis/PK4713_B8A44F1A2B01_20240315T073000Z/20240315_073000_5512.mp4',
  bFrames: 'Motorola/VB4-0042157/PK4713_20240314T084000Z.mp4',
  editList: 'Motorola/VB4-0042157/PK4712_20240314T110500Z.mp4',
  avi: 'DCIM/240314/PK4711_20240314_101502_0001.AVI',
  vfr: 'DCIM/240331/PK4712_20240331_003000_0003.MP4',
} as const;
export type ClipPart = keyof typeof clipPaths;

export interface ScannedStation {
  core: Core;
  drive: string;
  data: string;
  clips: Record<ClipPart, ClipRow>;
}

export function useScannedStations(): () => Promise<ScannedStation> {
  const fileFolder = useTempFolders('file');
  const testFolder = useTempFolders('test');
  const opened: Core[] = [];
  let template: string;

  beforeAll(async () => {
    template = fileFolder();
    const { drive } = await copyOfStationDrive(template);
    const core = await openTestCore(path.join(template, 'data'));
    try {
      await core.settings.update(stationActor, { stationDrive: drive, investigatorScope: 'all' });
      await scanDrive(core, stationActor, drive);
    } finally {
      await core.close();
    }
  }, 120_000);

  afterEach(async () => {
    for (const core of opened.splice(0)) await core.close();
  });

  return async () => {
    const folder = testFolder();
    cpSync(template, folder, { recursive: true, preserveTimestamps: true });
    const drive = path.join(folder, 'drive');
    const data = path.join(folder, 'data');
    const core = await openTestCore(data);
    opened.push(core);
    await core.settings.update(stationActor, { stationDrive: drive });
    const rows = await core.db.dataSource.getRepository(ClipEntity).find();
    const clips = Object.fromEntries(
      Object.entries(clipPaths).map(([part, clipPath]) => {
        const clip = rows.find((row) => row.path === clipPath);
        if (!clip) throw new Error(`the fixture drive has no clip ${clipPath}`);
        return [part, clip];
      }),
    ) as Record<ClipPart, ClipRow>;
    return { core, drive, data, clips };
  };
}

/** Every file under the folders, by SHA-256 of its content. */
export async function filesByHash(...roots: string[]): Promise<Map<string, string[]>> {
  const byHash = new Map<string, string[]>();
  for (const root of roots) {
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const { sha256 } = await sha256File(file);
      byHash.set(sha256, [...(byHash.get(sha256) ?? []), file]);
    }
  }
  return byHash;
}

/** The audit entries of an event, oldest first, with their details parsed. */
export async function auditEntries(core: Core, event: string) {
  const rows: { user_id: string; role: string; action: string; target: string; details: string }[] = await core.db.dataSource.query(
    'SELECT user_id, role, action, target, details FROM audit_entry WHERE event = ? ORDER BY sequence',
    [event],
  );
  return rows.map((row) => ({ userId: row.user_id, role: row.role, action: row.action, target: row.target, details: JSON.parse(row.details) as Record<string, unknown> }));
}
