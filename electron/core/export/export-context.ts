// What every kind of export is given by the job runner (export-service.ts), and what it hands back.
import type { Actor } from '../../../shared/api/actor.ts';
import type { ExportedFile } from '../../../shared/api/exports.ts';
import type { Settings } from '../../../shared/api/settings.ts';
import type { Database } from '../../db/database.ts';
import type { AuditService } from '../governance/audit-service.ts';
import type { ExportProgressMeter } from './export-progress.ts';

export interface ExportTools {
  ffmpegPath: string;
  ffprobePath: string;
  ffmpegVersion: string;
}

export interface ExportContext {
  exportId: string;
  actor: Actor;
  /** When the job was asked for (ISO UTC): the package's time. */
  createdUtc: string;
  /** The folder the package or file is made in. */
  outputFolder: string;
  tools: ExportTools;
  appVersion: string;
  /** The settings when the job started. */
  settings: Settings;
  db: Database;
  audit: AuditService;
  signal: AbortSignal;
  progress: ExportProgressMeter;
}

export interface ExportOutcome {
  /** The package folder, ZIP or file made. */
  output: string;
  /** SHA-256 of a ZIP or single file; null for a package folder. */
  sha256: string | null;
  files: ExportedFile[];
  /** Said in the audit entry of the disclosure, beside the job's request. */
  auditDetails: Record<string, unknown>;
}
