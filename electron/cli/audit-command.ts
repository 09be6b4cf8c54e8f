// `revier audit verify|export`: checks the hash chain; exports entries for the data protection
// officer as CSV or JSON (the export is itself logged).
import type { AuditEntry } from '../../shared/api/audit.ts';
import type { AuditFilter } from '../core/governance/audit-service.ts';
import { CommandError, localActor, openStation, type StationOptions } from './station.ts';

export async function verifyAudit(options: StationOptions): Promise<number> {
  const { core } = await openStation(options);
  try {
    const result = await core.audit.verify(localActor());
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

function csvField(value: string | number): string {
  let text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(entries: AuditEntry[]): string {
  const rows = entries.map((e) =>
    [e.sequence, e.time, e.actor.userId, e.actor.role, e.actor.sessionId, e.action, e.target, e.event, JSON.stringify(e.details), e.previousHash, e.hash]
      .map(csvField)
      .join(','),
  );
  return [csvColumns.join(','), ...rows].join('\r\n') + '\r\n';
}

export async function exportAudit(options: ExportOptions): Promise<void> {
  if (options.format !== 'csv' && options.format !== 'json') {
    throw new CommandError(`Unknown format "${options.format}": use csv or json`);
  }
  const filter: AuditFilter = {
    from: timeBound(options.from, 'start'),
    to: timeBound(options.to, 'end'),
    userId: options.actor,
    target: options.target,
  };
  const { core } = await openStation(options);
  try {
    const entries = await core.audit.export(localActor(), filter, options.format);
    process.stdout.write(options.format === 'csv' ? toCsv(entries) : `${JSON.stringify(entries, null, 2)}\n`);
  } finally {
    await core.close();
  }
}
