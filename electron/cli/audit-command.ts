// `revier audit verify|export|report`: checks the hash chain; exports entries for the data
// protection officer as CSV or JSON; writes the report on one clip, user or period as PDF or CSV
// (exports and reports are themselves logged).
import path from 'node:path';
import type { AuditEntry, AuditReportFormat, AuditReportSubject } from '../../shared/api/audit.ts';
import type { EntrySelection } from '../core/governance/audit-filter.ts';
import { csvDocument } from '../core/governance/csv.ts';
import { saveReport } from '../core/governance/dpo/report-file.ts';
import { signedIn } from './sign-in.ts';
import { asCommandError, CommandError, openStation, type StationOptions } from './station.ts';

export async function verifyAudit(options: StationOptions): Promise<number> {
  const { core } = await openStation(options);
  try {
    const result = await core.auditReports.verify(await signedIn(core, options)).catch(asCommandError);
    if (result.intact) {
      console.log(`Audit log intact: ${result.entries} ${result.entries === 1 ? "entry" : "entries"} verified.`);
      return 0;
    }
    console.error(`Audit log TAMPERED: first bad entry is sequence ${result.firstBadSequence} (${result.reason}); ${result.entries} entries stored.`);
    return 1;
  } finally {
    await core.close();
  }
}

export interface ExportOptions extends StationOptions {
  format: string;
  from?: string;
  to?: string;
  actor?: string;
  target?: string;
}

/** An ISO date or date-time as a UTC bound; a bare date covers its whole day. */
export function timeBound(text: string | undefined, edge: 'start' | 'end'): string | undefined {
  if (text === undefined) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const time = Date.parse(dateOnly ? `${text}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : text);
  if (Number.isNaN(time)) throw new CommandError(`Not a date or ISO time: "${text}"`);
  return new Date(time).toISOString();
}

const csvColumns = ['sequence', 'time', 'user', 'role', 'session', 'action', 'target', 'event', 'details', 'previous_hash', 'hash'];

export function toCsv(entries: AuditEntry[]): string {
  return csvDocument(
    csvColumns,
    entries.map((e) => [e.sequence, e.time, e.actor.userId, e.actor.role, e.actor.sessionId, e.action, e.target, e.event, JSON.stringify(e.details), e.previousHash, e.hash]),
  );
}

export async function exportAudit(options: ExportOptions): Promise<void> {
  if (options.format !== 'csv' && options.format !== 'json') {
    throw new CommandError(`Unknown format "${options.format}": use csv or json`);
  }
  const filter: EntrySelection = {
    from: timeBound(options.from, 'start'),
    to: timeBound(options.to, 'end'),
    userId: options.actor,
    target: options.target,
  };
  const { core } = await openStation(options);
  try {
    const entries = await core.auditReports.export(await signedIn(core, options), filter, options.format).catch(asCommandError);
    process.stdout.write(options.format === 'csv' ? toCsv(entries) : `${JSON.stringify(entries, null, 2)}\n`);
  } finally {
    await core.close();
  }
}

export interface ReportOptions extends StationOptions {
  clip?: number;
  actor?: string;
  from?: string;
  to?: string;
  format: AuditReportFormat;
  out: string;
}

/** The one subject the options name: a clip, a user, or a period with both ends. */
function reportSubject(options: ReportOptions): AuditReportSubject {
  const named = [options.clip !== undefined, options.actor !== undefined, options.from !== undefined || options.to !== undefined];
  if (named.filter(Boolean).length !== 1) throw new CommandError('Name one subject: --clip ID, --actor NAME, or a period with --from and --to');
  if (options.clip !== undefined) return { clipId: options.clip };
  if (options.actor !== undefined) return { userId: options.actor };
  const from = timeBound(options.from, 'start');
  const to = timeBound(options.to, 'end');
  if (from === undefined || to === undefined) throw new CommandError('A period needs both --from and --to');
  return { from, to };
}

/** Writes the report under a partial name and renames it when complete. */
export async function reportAudit(options: ReportOptions): Promise<void> {
  const subject = reportSubject(options);
  const out = path.resolve(options.out);
  const { core } = await openStation(options);
  try {
    const report = await core.auditReports.report(await signedIn(core, options), subject, options.format).catch(asCommandError);
    await saveReport(report, out).catch(asCommandError);
    console.log(`${out}: ${report.entries} ${report.entries === 1 ? 'entry' : 'entries'}, SHA-256 ${report.sha256} (logged as entry ${report.loggedAs}).`);
  } finally {
    await core.close();
  }
}
