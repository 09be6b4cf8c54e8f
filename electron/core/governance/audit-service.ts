// The audit log (Protokoll): append-only, hash-chained. Each entry's hash is SHA-256 over the
// previous entry's hash and the canonical JSON of the entry, so altering, removing or reordering
// any stored entry breaks the chain from that entry on. Entries are appended inside the caller's
// transaction, so a change and its entry are written together or not at all.
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../shared/api/actor.ts';
import type { AuditAction, AuditEntry, AuditPage, AuditVerification } from '../../../shared/api/audit.ts';
import { canonicalJson } from '../../../shared/canonical-json.ts';
import { AuditEntryEntity, type AuditEntryRow } from '../../db/entities/audit-entry.ts';
import type { Database } from '../../db/database.ts';
import type { CoreEvents } from '../core-events.ts';
import { advanceAnchor, readAnchor, type AuditAnchor } from './audit-anchor.ts';

export const genesisHash = '0'.repeat(64);

export interface AuditRecord {
  action: AuditAction;
  /** What the entry is about, e.g. `settings` or `clip:42`. */
  target: string;
  /** A short event name, e.g. `settings.update`. */
  event: string;
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  from?: string;
  to?: string;
  userId?: string;
  target?: string;
}

export function entryHash(row: Omit<AuditEntryRow, 'hash'>): string {
  const canonical = canonicalJson({
    sequence: row.sequence,
    time: row.time,
    actor: { userId: row.userId, role: row.role, sessionId: row.sessionId },
    action: row.action,
    target: row.target,
    event: row.event,
    details: JSON.parse(row.details) as unknown,
  });
  return createHash('sha256').update(row.previousHash).update('\n').update(canonical).digest('hex');
}

export function toAuditEntry(row: AuditEntryRow): AuditEntry {
  return {
    sequence: row.sequence,
    time: row.time,
    actor: { userId: row.userId, role: row.role as Actor['role'], sessionId: row.sessionId },
    action: row.action as AuditAction,
    target: row.target,
    event: row.event,
    details: JSON.parse(row.details) as Record<string, unknown>,
    previousHash: row.previousHash,
    hash: row.hash,
  };
}

export class AuditService {
  readonly #db: Database;
  readonly #events: CoreEvents;
  readonly #anchorFile: string;

  constructor(db: Database, events: CoreEvents, anchorFile: string) {
    this.#db = db;
    this.#events = events;
    this.#anchorFile = anchorFile;
  }

  /** Appends one entry inside the caller's transaction `manager` (one opened by `Database.transaction`). */
  async append(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<AuditEntry> {
    const last = await manager
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('e')
      .orderBy('e.sequence', 'DESC')
      .limit(1)
      .getOne();
    const unhashed = {
      sequence: (last?.sequence ?? 0) + 1,
      time: new Date().toISOString(),
      userId: actor.userId,
      role: actor.role,
      sessionId: actor.sessionId,
      action: record.action,
      target: record.target,
      event: record.event,
      details: canonicalJson(record.details ?? {}),
      previousHash: last?.hash ?? genesisHash,
    };
    const row: AuditEntryRow = { ...unhashed, hash: entryHash(unhashed) };
    await manager.getRepository(AuditEntryEntity).insert(row);
    this.#db.afterCommit(manager, () => {
      advanceAnchor(this.#anchorFile, { sequence: row.sequence, hash: row.hash });
      this.#events.emit('audit.appended', { sequence: row.sequence });
    });
    return toAuditEntry(row);
  }

  /** Appends one entry in a transaction of its own (for events that change nothing else). */
  record(actor: Actor, record: AuditRecord): Promise<AuditEntry> {
    return this.#db.transaction((manager) => this.append(manager, actor, record));
  }

  /** One page of the log, newest first. Reading the log is itself logged. */
  list(actor: Actor, page: number, pageSize: number): Promise<AuditPage> {
    return this.#db.transaction(async (manager) => {
      await this.append(manager, actor, {
        action: 'consultation',
        target: 'audit',
        event: 'audit.list',
        details: { page, pageSize },
      });
      const [rows, total] = await manager
        .getRepository(AuditEntryEntity)
        .createQueryBuilder('e')
        .orderBy('e.sequence', 'DESC')
        .skip((page - 1) * pageSize)
        .take(pageSize)
        .getManyAndCount();
      return { entries: rows.map(toAuditEntry), page, pageSize, total };
    });
  }

  /** Entries matching a filter, oldest first, for an export; the export is logged. */
  export(actor: Actor, filter: AuditFilter, format: string): Promise<AuditEntry[]> {
    return this.#db.transaction(async (manager) => {
      const query = manager.getRepository(AuditEntryEntity).createQueryBuilder('e').orderBy('e.sequence', 'ASC');
      if (filter.from) query.andWhere('e.time >= :from', { from: filter.from });
      if (filter.to) query.andWhere('e.time <= :to', { to: filter.to });
      if (filter.userId) query.andWhere('e.user_id = :userId', { userId: filter.userId });
      if (filter.target) query.andWhere('e.target = :target', { target: filter.target });
      const rows = await query.getMany();
      await this.append(manager, actor, {
        action: 'disclosure',
        target: 'audit',
        event: 'audit.export',
        details: { format, filter: { ...filter }, entries: rows.length },
      });
      return rows.map(toAuditEntry);
    });
  }

  /**
   * The entries about these targets, oldest first, for a package that carries them (a court
   * package's audit extract). Not logged here: the package's own disclosure entry names it.
   */
  async extract(targets: string[]): Promise<AuditEntry[]> {
    if (targets.length === 0) return [];
    const rows = await this.#db.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('e')
      .where('e.target IN (:...targets)', { targets })
      .orderBy('e.sequence', 'ASC')
      .getMany();
    return rows.map(toAuditEntry);
  }

  /** Walks the chain from the first entry and names the first one that does not match. */
  async verify(actor: Actor): Promise<AuditVerification> {
    const rows = await this.#db.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('e')
      .orderBy('e.sequence', 'ASC')
      .getMany();
    let anchor: AuditAnchor | 'damaged' | null;
    try {
      anchor = readAnchor(this.#anchorFile);
    } catch {
      anchor = 'damaged';
    }
    const result = verifyChain(rows, anchor);
    await this.record(actor, {
      action: 'consultation',
      target: 'audit',
      event: 'audit.verify',
      details: result.intact ? { intact: true, entries: result.entries } : { ...result },
    });
    return result;
  }
}

/**
 * Checks stored rows (ordered by sequence) against the chain and, when there is one, the anchor
 * (the newest entry ever committed). Pure, for tests.
 */
export function verifyChain(rows: AuditEntryRow[], anchor: AuditAnchor | 'damaged' | null): AuditVerification {
  let previousHash = genesisHash;
  for (const [index, row] of rows.entries()) {
    const expectedSequence = index + 1;
    if (row.sequence !== expectedSequence) {
      return { intact: false, entries: rows.length, firstBadSequence: expectedSequence, reason: 'sequence_gap' };
    }
    if (row.previousHash !== previousHash) {
      return { intact: false, entries: rows.length, firstBadSequence: row.sequence, reason: 'chain_broken' };
    }
    let recomputed: string | undefined;
    try {
      recomputed = entryHash(row);
    } catch {
      recomputed = undefined;
    }
    if (recomputed !== row.hash) {
      return { intact: false, entries: rows.length, firstBadSequence: row.sequence, reason: 'hash_mismatch' };
    }
    previousHash = row.hash;
  }
  if (anchor === 'damaged') {
    return { intact: false, entries: rows.length, firstBadSequence: Math.max(rows.length, 1), reason: 'anchor_mismatch' };
  }
  if (anchor && anchor.sequence > rows.length) {
    return { intact: false, entries: rows.length, firstBadSequence: rows.length + 1, reason: 'entries_missing' };
  }
  if (anchor && rows[anchor.sequence - 1]?.hash !== anchor.hash) {
    return { intact: false, entries: rows.length, firstBadSequence: anchor.sequence, reason: 'anchor_mismatch' };
  }
  return { intact: true, entries: rows.length };
}
