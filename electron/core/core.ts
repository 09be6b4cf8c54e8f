// The core of a station: database, services and the facts of the host it runs in. Plain Node;
// both hosts and the command line open one.
import { mkdirSync } from 'node:fs';
import type { AppStatus } from '../../shared/api/status.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { appStatus, type HostFacts } from './app-status.ts';
import { CoreEvents } from './core-events.ts';
import { auditAnchorFile, databaseFile } from './data-folder.ts';
import { Access } from './governance/access.ts';
import { AccountService } from './governance/accounts/account-service.ts';
import { CaseService } from './governance/cases/case-service.ts';
import { AuditService } from './governance/audit-service.ts';
import { AuditReports } from './governance/dpo/audit-reports.ts';
import { RetentionService } from './governance/retention/retention-service.ts';
import { ApprovalService } from './governance/approvals/approval-service.ts';
import { HoldService } from './governance/holds/hold-service.ts';
import { LockService } from './governance/locks/lock-service.ts';
import { AccessRequestService } from './governance/access-requests/access-request-service.ts';
import { EarlyDeletionService } from './governance/retention/early-deletion.ts';
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
  readonly access: Access;
  readonly accounts: AccountService;
  readonly cases: CaseService;
  readonly auditReports: AuditReports;
  readonly retention: RetentionService;
  readonly approvals: ApprovalService;
  readonly holds: HoldService;
  readonly locks: LockService;
  readonly accessRequests: AccessRequestService;
  readonly earlyDeletion: EarlyDeletionService;
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
  const access: Access = new Access(db, audit, async () => (await settings.get()).investigatorScope);
  const settings: SettingsService = new SettingsService(db, audit, access, events);
  const accounts = new AccountService(db, audit, access, settings);
  const auditReports = new AuditReports(db, audit, access, settings);
  const derived = new DerivedFiles(db, tools, options.dataFolder, events);
  const player = new PlayerService(db, audit, access, settings, derived, accounts.sessions, options.dataFolder);
  const exports = new ExportService(db, audit, access, settings, events, tools, { dataFolder: options.dataFolder, appVersion: options.version });
  await exports.recover();
  const holds = new HoldService(db, audit, access, events);
  const earlyDeletion = new EarlyDeletionService(db, audit, access, () => settings.get(), options.dataFolder);
  const approvals = new ApprovalService(db, audit, access, {
    'hold-place': holds.placement,
    'hold-lift': holds.lifting,
    'early-deletion': earlyDeletion.approval,
    'court-originals': exports.originalsRelease,
    'training-signoff': exports.trainingSignOff,
  });
  const core: Core = {
    db,
    events,
    audit,
    access,
    accounts,
    cases: new CaseService(db, audit, access),
    auditReports,
    retention: new RetentionService(db, audit, access, () => settings.get(), options.dataFolder, auditReports),
    approvals,
    holds,
    locks: new LockService(db, audit, access, events),
    accessRequests: new AccessRequestService(db, audit, access, exports),
    earlyDeletion,
    settings,
    library: new LibraryService(db, access, options.dataFolder),
    derived,
    player,
    annotations: new AnnotationService(db, audit, access, settings, player),
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
      scans.halt();
      await Promise.all([scans.idle(), exports.close()]);
      await core.derived.close();
      await db.close();
    },
  };
  const scans = new ScanRunner(core);
  return core;
}
