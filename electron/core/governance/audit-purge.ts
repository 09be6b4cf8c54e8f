// The yearly purge of the audit log: entries are deleted at the end of the year after the year they
// were written (BDSG § 76 (4); setting `auditLogRetention`). They go oldest first, as one contiguous
// prefix of the chain, and what remains stays verifiable: in one transaction an `audit_purge` row
// records the last purged entry (sequence and hash: the kept chain continues from that hash), an
// `audit.purge` entry appended to the chain repeats that record, and only then are the entries
// deleted. The database lets nothing else be deleted (migration AllowAuditPurge1766102400000), and
// verification (audit-service.ts) refuses a purge record that no `audit.purge` entry confirms.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../shared/api/actor.ts';
import type { Settings } from '../../../shared/api/settings.ts';
import { canonicalJson } from '../../../shared/canonical-json.ts';
import { AuditEntryEntity, type AuditEntryRow } from '../../db/entities/audit-entry.ts';
import { AuditPurgeEntity, type AuditPurgeRow } from '../../db/entities/retention.ts';
import { ServiceError } from '../service-error.ts';
import type { AuditService } from './audit-service.ts';

/** What a purge removed and where the kept chain continues. */
export type AuditPurgeRecord = Omit<AuditPurgeRow, 'id'>;

/** A purge as done: its record and the sequence of the `audit.purge` entry that confirms it. */
export interface AuditPurgeSummary extends AuditPurgeRecord {
  confirmedBy: number;
}

/** For each rule, the time before which an entry has expired, given the time now. */
const expiry: Record<Settings['auditLogRetention'], (now: Date) => Date> = {
  // An entry of 2024 may be deleted from 2026-01-01 on: entries before 1 January of last year (UTC).
  'end-of-following-year': (now) => new Date(Date.UTC(now.getUTCFullYear() - 1, 0, 1)),
};

export function expiredBefore(rule: Settings['auditLogRetention'], now: Date): Date {
  return expiry[rule](now);
}

/** The details of the `audit.purge` entry: exactly the purge record, without the time of the purge. */
function purgeDetails(purge: AuditPurgeRecord): Record<string, unknown> {
  const { throughSequence, throughHash, entries, oldestTime, newestTime } = purge;
  return { throughSequence, throughHash, entries, oldestTime, newestTime };
}

/** Whether `row` is the `audit.purge` entry written with this purge record. */
export function isPurgeConfirmation(row: AuditEntryRow, purge: AuditPurgeRecord): boolean {
  return row.event === 'audit.purge' && row.action === 'erasure' && row.target === 'audit' && row.details === canonicalJson(purgeDetails(purge));
}

/** The newest purge record: the kept chain starts after its last entry. */
export function newestPurge(manager: EntityManager): Promise<AuditPurgeRow | null> {
  return manager.getRepository(AuditPurgeEntity).createQueryBuilder('p').orderBy('p.id', 'DESC').limit(1).getOne();
}

/**
 * Deletes the entries written before `before`, inside the caller's transaction `manager`: the
 * longest prefix of the chain whose entries are all older (an entry with a later time stops it,
 * even if older ones follow). Returns null when no entry has expired. Refuses when the chain is
 * not intact: the purge would delete the evidence.
 */
export async function purgeEntriesBefore(manager: EntityManager, audit: AuditService, actor: Actor, before: Date, now: Date): Promise<AuditPurgeSummary | null> {
  const entries = manager.getRepository(AuditEntryEntity);
  const firstKept = await entries
    .createQueryBuilder('e')
    .select('MIN(e.sequence)', 'sequence')
    .where('e.time >= :before', { before: before.toISOString() })
    .getRawOne<{ sequence: number | null }>();
  const expired = entries
    .createQueryBuilder('e')
    .select('COUNT(*)', 'entries')
    .addSelect('MAX(e.sequence)', 'throughSequence')
    .addSelect('MIN(e.time)', 'oldestTime')
    .addSelect('MAX(e.time)', 'newestTime');
  if (firstKept?.sequence != null) expired.where('e.sequence < :firstKept', { firstKept: firstKept.sequence });
  const prefix = await expired.getRawOne<{ entries: number; throughSequence: number | null; oldestTime: string; newestTime: string }>();
  if (!prefix || prefix.throughSequence === null) return null;

  const { verification } = await audit.inspect(manager);
  if (!verification.intact) {
    throw new ServiceError(
      'conflict',
      `The audit log is not intact (first bad entry ${verification.firstBadSequence}, ${verification.reason}): nothing was purged, so that the evidence stays`,
    );
  }
  const through = await entries.findOneByOrFail({ sequence: prefix.throughSequence });
  const record: AuditPurgeRecord = {
    throughSequence: through.sequence,
    throughHash: through.hash,
    entries: prefix.entries,
    oldestTime: prefix.oldestTime,
    newestTime: prefix.newestTime,
    purgedUtc: now.toISOString(),
  };
  // The record first: the delete trigger allows entries up to the newest record's sequence only.
  await manager.getRepository(AuditPurgeEntity).insert({ ...record });
  const confirmation = await audit.append(manager, actor, { action: 'erasure', target: 'audit', event: 'audit.purge', details: purgeDetails(record) });
  await entries.createQueryBuilder().delete().where('sequence <= :through', { through: record.throughSequence }).execute();
  return { ...record, confirmedBy: confirmation.sequence };
}
