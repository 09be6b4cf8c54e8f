// The core of a station: database, services and the facts of the host it runs in. Plain Node;
// both hosts and the command line open one.
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Actor } from '../../shared/api/actor.ts';
import type { AppStatus } from '../../shared/api/status.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { appStatus, type HostFacts } from './app-status.ts';
import { CoreEvents } from './core-events.ts';
import { auditAnchorFile, databaseFile } from './data-folder.ts';
import { AuditService } from './governance/audit-service.ts';
import { AnnotationService } from './annotations/annotation-service.ts';
import { ExportService } from './export/export-service.ts';
import { detectMediaTools, type MediaTools } from './media/media-tools.ts';
import { DerivedFiles } from './library/derived-files.ts';
import { LibraryService } from './library/library-service.ts';
import { ScanRunner } from './library/scan-runner.ts';
import { PlayerService } from './player/player-service.ts';
import { SettingsService } from './settings/settings-service.ts';

export interface CoreOptions extends HostFacts {
  /** Folder with bundled ffmpeg/ffprobe, looked in before PATH. */
  bundledToolsDir?: string;
}

export interface Core {
  readonly db: Database;
  readonly events: CoreEvents;
  readonly audit: AuditService;
  readonly settings: SettingsService;
  readonly library: LibraryService;
  readonly derived: DerivedFiles;
  readonly scans: ScanRunner;
  readonly player: PlayerService;
  readonly annotations: AnnotationService;
  readonly exports: ExportService;
  readonly tools: MediaTools;
  readonly dataFolder: string;
  status(): Promise<AppStatus>;
  close(): Promise<void>;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataFolder, { recursive: true });
  const [db, tools] = await Promise.all([
    openDatabase(databaseFile(options.dataFolder)),
    detectMediaTools(options.bundledToolsDir),
  ]);
  const events = new CoreEvents();
  const audit = new AuditService(db, events, auditAnchorFile(options.dataFolder));
  const settings = new SettingsService(db, audit, events);
  const derived = new DerivedFiles(db, tools, options.dataFolder, events);
  const player = new PlayerService(db, audit, settings, derived, options.dataFolder);
  const exports = new ExportService(db, audit, settings, events, tools, { dataFolder: options.dataFolder, appVersion: options.version });
  await exports.recover();
  const core: Core = {
    db,
    events,
    audit,
    settings,
    library: new LibraryService(db, options.dataFolder),
    derived,
    player,
    annotations: new AnnotationService(db, audit, settings, player),
    exports,
    get scans() {
      return scans;
    },
    tools,
    dataFolder: options.dataFolder,
    async status() {
      return appStatus(options, db, tools, (await settings.get()).stationDrive);
    },
    async close() {
      scans.cancel();
      await Promise.all([scans.idle(), exports.close()]);
      await core.derived.close();
      await db.close();
    },
  };
  const scans = new ScanRunner(core);
  return core;
}

/** The one local user until accounts exist: the operating-system user, a new session per run. */
export function localActor(): Actor {
  return { userId: os.userInfo().username, role: 'supervisor', sessionId: randomUUID() };
}
