// What an audit report for the data protection officer (DSB) holds: the entries of its subject
// (a clip, a user or a period), oldest first; for a clip its tombstone (Löschnachweis); and the state
// of the whole chain. Gathered inside one transaction, so the report and the entry that logs it
// see the same log. The PDF and the CSV are drawn from it, with the facts a reader looks for in an
// entry's details (justification, case reference, recipient) taken out in one place.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../../shared/api/actor.ts';
import type { AuditEntry, AuditFilter, AuditReportFormat, AuditReportSubject } from '../../../../shared/api/audit.ts';
import { TombstoneEntity, type TombstoneRow } from '../../../db/entities/retention.ts';
import { compactUtc, safeName } from '../../export/export-names.ts';
import { selectEntries, type EntrySelection } from '../audit-filter.ts';
import { toAuditEntry, type AuditChainState, type AuditService } from '../audit-service.ts';

export interface AuditReportContent {
  subject: AuditReportSubject;
  /** When the report was made (ISO 8601 UTC). */
  createdUtc: string;
  createdBy: Actor;
  /** The subject's entries, oldest first. */
  entries: AuditEntry[];
  /** For a clip: what its deletion left, if it was deleted. */
  tombstone: TombstoneRow | null;
  chain: AuditChainState;
}

export const clipTarget = (clipId: number): string => `clip:${clipId}`;

/** The entries a filter of the contract selects. */
export function filterSelection({ clipId, ...rest }: AuditFilter): EntrySelection {
  return { ...rest, ...(clipId === undefined ? {} : { target: clipTarget(clipId) }) };
}

function subjectSelection(subject: AuditReportSubject): EntrySelection {
  if ('clipId' in subject) return { target: clipTarget(subject.clipId) };
  if ('userId' in subject) return { userId: subject.userId };
  return { from: subject.from, to: subject.to };
}

export async function gatherReport(
  manager: EntityManager,
  audit: AuditService,
  subject: AuditReportSubject,
  createdBy: Actor,
  createdUtc: string,
): Promise<AuditReportContent> {
  const rows = await selectEntries(manager, subjectSelection(subject)).orderBy('e.sequence', 'ASC').getMany();
  const tombstone = 'clipId' in subject ? await manager.getRepository(TombstoneEntity).findOneBy({ clipId: subject.clipId }) : null;
  return { subject, createdUtc, createdBy, entries: rows.map(toAuditEntry), tombstone, chain: await audit.inspect(manager) };
}

/** `protokoll_clip-42_20261129T014100Z.pdf`: the subject and the time it was made, safe on every file system. */
export function reportFileName(subject: AuditReportSubject, createdUtc: string, format: AuditReportFormat): string {
  const about =
    'clipId' in subject
      ? `clip-${subject.clipId}`
      : 'userId' in subject
        ? `benutzer-${safeName(subject.userId)}`
        : `zeitraum-${compactUtc(new Date(subject.from).toISOString())}-${compactUtc(new Date(subject.to).toISOString())}`;
  return `protokoll_${about}_${compactUtc(createdUtc)}.${format}`;
}

// --- Facts in the details -------------------------------------------------------------------------

/** What a reader looks for in an entry: why (justification, case reference) and to whom (recipient). */
export interface EntryFacts {
  justification: string | null;
  caseReference: string | null;
  recipient: string | null;
}

const factKeys = ['justification', 'caseReference', 'recipient'] as const;

/** The facts of an entry, from its details or, for an export's start, from the export request in them. */
export function entryFacts(entry: AuditEntry): EntryFacts {
  const request = isRecord(entry.details.request) ? entry.details.request : {};
  const fact = (key: (typeof factKeys)[number]) => textOf(entry.details[key]) ?? textOf(request[key]);
  return { justification: fact('justification'), caseReference: fact('caseReference'), recipient: fact('recipient') };
}

/** The details without the facts that `entryFacts` takes out of them. */
export function otherDetails(entry: AuditEntry): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry.details).filter(([key]) => !(factKeys as readonly string[]).includes(key)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

// --- A clip's sections ----------------------------------------------------------------------------

/** One export of the clip: its start (consultation) and, when it finished, its done entry (disclosure). */
export interface ClipExport {
  exportId: string;
  /** `court`, `training` or `still`. */
  kind: string;
  started: AuditEntry | null;
  done: AuditEntry | null;
  facts: EntryFacts;
}

export interface ClipSections {
  /** Every opening in the player, with its justification. */
  openings: AuditEntry[];
  exports: ClipExport[];
  /** Entries of the clip's deletion (its start and its end). */
  deletions: AuditEntry[];
  /** Every other entry about the clip. */
  others: AuditEntry[];
}

const exportEvent = /^export\.([a-z-]+)\.(start|done)$/;
const noFacts: EntryFacts = { justification: null, caseReference: null, recipient: null };

export function clipSections(entries: AuditEntry[]): ClipSections {
  const sections: ClipSections = { openings: [], exports: [], deletions: [], others: [] };
  const exports = new Map<string, ClipExport>();
  for (const entry of entries) {
    const exportMatch = exportEvent.exec(entry.event);
    const exportId = textOf(entry.details.exportId);
    if (entry.event === 'player.open') {
      sections.openings.push(entry);
    } else if (entry.event === 'retention.delete' || entry.event === 'retention.delete.start') {
      sections.deletions.push(entry);
    } else if (exportMatch && exportId) {
      const record = exports.get(exportId) ?? { exportId, kind: exportMatch[1] ?? '', started: null, done: null, facts: noFacts };
      record[exportMatch[2] === 'start' ? 'started' : 'done'] = entry;
      const facts = entryFacts(entry);
      record.facts = {
        justification: record.facts.justification ?? facts.justification,
        caseReference: record.facts.caseReference ?? facts.caseReference,
        recipient: record.facts.recipient ?? facts.recipient,
      };
      exports.set(exportId, record);
    } else {
      sections.others.push(entry);
    }
  }
  sections.exports = [...exports.values()];
  return sections;
}
