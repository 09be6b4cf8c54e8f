// The station's status as the status panel shows it.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { AppStatus } from '../../shared/api/status.ts';
import type { Database } from '../db/database.ts';
import type { MediaTools } from './media/media-tools.ts';

export interface HostFacts {
  host: AppStatus['host'];
  version: string;
  dataFolder: string;
  offline: AppStatus['offline'];
}

export async function stationDriveStatus(drivePath: string): Promise<AppStatus['stationDrive']> {
  const configured = drivePath.length > 0;
  if (!configured) return { path: '', configured, mounted: false, readable: false };
  const mounted = await stat(drivePath).then((s) => s.isDirectory(), () => false);
  const readable = mounted && (await access(drivePath, constants.R_OK | constants.X_OK).then(() => true, () => false));
  return { path: drivePath, configured, mounted, readable };
}

export async function appStatus(facts: HostFacts, db: Database, tools: MediaTools, drivePath: string): Promise<AppStatus> {
  return {
    version: facts.version,
    host: facts.host,
    stationDrive: await stationDriveStatus(drivePath),
    dataFolder: facts.dataFolder,
    ffmpeg: tools.ffmpeg,
    ffprobe: tools.ffprobe,
    database: await db.schemaVersion(),
    offline: facts.offline,
  };
}
