// The data protection officer's (DSB) reading of the audit log: filtered pages of entries, and the
// one-click report (PDF or CSV) for one clip, one user or one period (DOMAIN.md, access and
// logging). Only roles with `audit.read` may read; every reading is itself logged in the same
// transaction, a report as a disclosure with its SHA-256. Also the yearly purge of expired
// entries (audit-purge.ts), which the retention job runs.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../../../shared/api/actor.ts';
import {
  AuditQueryRequestSchema,
  AuditReportRequestSchema,
  type AuditEntry,
  type AuditQueryPage,
  type AuditQueryRequest,
  type AuditVerification,
  type AuditReportFormat,
  type AuditReportSubject,
} from '../../../../shared/api/audit.ts';
import type { Database } from '../../../db/database.ts';
import { ServiceError } from '../../service-error.ts';
import type { SettingsService } from '../../settings/settings-service.ts';
import type { Access } from '../access.ts';
import { expiredBefore, purgeEntriesBefore, type AuditPurgeSummary } from '../audit-purge.ts';
import { selectEntries, type EntrySelection } from '../audit-filter.ts';
import { entryPage, toAuditEntry, type AuditService } from '../audit-service.ts';
import { filterSelection, gatherReport, reportFileName } from './report-content.ts';
import { reportCsv } from './report-csv.ts';
import { reportPdf } from './report-pdf.ts';

/** A finished report: what to save, under which name, and its hash as the log records it. */
export interface AuditReportFile {
  fileName: string;
  mediaType: 'application/pdf' | 'text/csv; charset=utf-8';
  bytes: Buffer;
  /** SHA-256 of `bytes` (lower-case hex). */
  sha256: string;
  /** How many entries of the log the report lists. */
  entries: number;
  /** The sequence of the entry that logs the report. */
  loggedAs: number;
}

export class AuditReports {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #access: Access;
  readonly #settings: SettingsService;

  constructor(db: Database, audit: AuditService, access: Access, settings: SettingsService) {
    this.#db = db;
    this.#audit = audit;
    this.#access = access;
    this.#settings = settings;
  }

  /** One page of the entries the filter selects, newest first; the reading is logged after it. */
  async query(actor: Actor, request: AuditQueryRequest): Promise<AuditQueryPage> {
    await this.#access.require(actor, 'audit.read', 'audit');
    const { page, pageSize, ...filter } = parsed(AuditQueryRequestSchema, request, 'audit query');
    return this.#db.transaction(async (manager) => {
      const result = await entryPage(manager, filterSelection(filter), page, pageSize);
      const logged = await this.#audit.append(manager, actor, {
        action: 'consultation',
        target: 'audit',
        event: 'audit.query',
        details: { filter, page, pageSize, total: result.total },
      });
      return { ...result, loggedAs: logged.sequence };
    });
  }

  /** Entries matching a selection, oldest first, for an export; the export is logged. */
  async export(actor: Actor, selection: EntrySelection, format: string): Promise<AuditEntry[]> {
    await this.#access.require(actor, 'audit.read', 'audit');
    return this.#db.transaction(async (manager) => {
      const rows = await selectEntries(manager, selection).orderBy('e.sequence', 'ASC').getMany();
      await this.#audit.append(manager, actor, {
        action: 'disclosure',
        target: 'audit',
        event: 'audit.export',
        details: { format, filter: { ...selection }, entries: rows.length },
      });
      return rows.map(toAuditEntry);
    });
  }

  /** Walks the chain from the first kept entry and names the first one that does not match; logged. */
  async verify(actor: Actor): Promise<AuditVerification> {
    await this.#access.require(actor, 'audit.read', 'audit');
    const { verification } = await this.#audit.inspect(this.#db.dataSource.manager);
    await this.#audit.record(actor, {
      action: 'consultation',
      target: 'audit',
      event: 'audit.verify',
      details: verification.intact ? { intact: true, entries: verification.entries } : { ...verification },
    });
    return verification;
  }

  /** The report on one clip, user or period; logged as a disclosure with its SHA-256. */
  async report(actor: Actor, subject: AuditReportSubject, format: AuditReportFormat): Promise<AuditReportFile> {
    await this.#access.require(actor, 'audit.read', 'audit');
    const request = parsed(AuditReportRequestSchema, { subject, format }, 'audit report');
    return this.#db.transaction(async (manager) => {
      const createdUtc = new Date().toISOString();
      const content = await gatherReport(manager, this.#audit, request.subject, actor, createdUtc);
      const bytes = request.format === 'pdf' ? await reportPdf(content) : Buffer.from(reportCsv(content), 'utf8');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const fileName = reportFileName(request.subject, createdUtc, request.format);
      const entry = await this.#audit.append(manager, actor, {
        action: 'disclosure',
        target: 'audit',
        event: 'audit.report',
        details: { subject: request.subject, format: request.format, fileName, entries: content.entries.length, sha256 },
      });
      return {
        fileName,
        mediaType: request.format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8',
        bytes,
        sha256,
        entries: content.entries.length,
        loggedAs: entry.sequence,
      };
    });
  }

  /**
   * Deletes the entries whose time to be kept (setting `auditLogRetention`) ended before `now`;
   * null when none has. For the retention job (`retention.run`).
   */
  async purgeExpired(actor: Actor, now: Date): Promise<AuditPurgeSummary | null> {
    await this.#access.require(actor, 'retention.run', 'audit');
    const { auditLogRetention } = await this.#settings.get();
    return this.#db.transaction((manager) => purgeEntriesBefore(manager, this.#audit, actor, expiredBefore(auditLogRetention, now), now));
  }
}

function parsed<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ServiceError('invalid_request', `Invalid ${what}: ${issue?.path.join('.') || 'request'}: ${issue?.message}`);
}
