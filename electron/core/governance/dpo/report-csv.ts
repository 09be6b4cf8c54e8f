// An audit report as CSV (UTF-8, RFC 4180, safe against formula injection: csv.ts): one row per
// entry with its justification, case reference and recipient in columns of their own and its
// details as canonical JSON; for a clip then a row for its tombstone; last a row with the state
// of the chain (intact or the first bad entry, and its head). The `record` column tells them apart.
import { canonicalJson } from '../../../../shared/canonical-json.ts';
import { csvDocument, type CsvValue } from '../csv.ts';
import { clipTarget, entryFacts, otherDetails, type AuditReportContent } from './report-content.ts';

const columns = [
  'record',
  'sequence',
  'time_utc',
  'user',
  'role',
  'session',
  'action',
  'event',
  'target',
  'justification',
  'case_reference',
  'recipient',
  'details',
  'previous_hash',
  'hash',
];

export function reportCsv(report: AuditReportContent): string {
  const rows: CsvValue[][] = report.entries.map((entry) => {
    const facts = entryFacts(entry);
    return [
      'entry',
      entry.sequence,
      entry.time,
      entry.actor.userId,
      entry.actor.role,
      entry.actor.sessionId,
      entry.action,
      entry.event,
      entry.target,
      facts.justification,
      facts.caseReference,
      facts.recipient,
      canonicalJson(otherDetails(entry)),
      entry.previousHash,
      entry.hash,
    ];
  });
  const { tombstone, chain } = report;
  if (tombstone) {
    const { files, ...deletion } = tombstone;
    rows.push([
      'tombstone',
      null,
      tombstone.completedUtc ?? tombstone.startedUtc,
      tombstone.orderedBy,
      null,
      null,
      'erasure',
      `tombstone.${tombstone.state}`,
      clipTarget(tombstone.clipId),
      null,
      null,
      null,
      canonicalJson({ ...deletion, files: JSON.parse(files) as unknown }),
      null,
      null,
    ]);
  }
  rows.push([
    'chain',
    chain.head?.sequence ?? null,
    report.createdUtc,
    report.createdBy.userId,
    report.createdBy.role,
    report.createdBy.sessionId,
    null,
    chain.verification.intact ? 'chain.intact' : 'chain.broken',
    'audit',
    null,
    null,
    null,
    canonicalJson({ subject: report.subject, verification: chain.verification, purgedThroughSequence: chain.purge?.throughSequence ?? null }),
    null,
    chain.head?.hash ?? null,
  ]);
  return csvDocument(columns, rows);
}
