// The audit log (Protokoll): append-only, hash-chained. Each entry's hash is SHA-256 over the
// previous entry's hash and the canonical JSON of the entry, so altering, removing or reordering
// any stored entry breaks the chain from that entry on. Entries are appended inside the caller's
// transaction, so a change and its entry are written together or not at all. After a yearly purge
// (audit-purge.ts) the chain starts at the entry after the newest purge record.
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../shared/api/actor.ts';
import type { AuditAction, AuditEntry, AuditPage, AuditVerification } from '../../../shared/api/audit.ts';
import { canonicalJson } from '../../../shared/canonical-json.ts';
import { AuditEntryEntity, type AuditEntryRow } from '../../db/entities/audit-entry.ts';
import type { AuditPurgeRow } from '../../db/entities/retention.ts';
import type { Database } from '../../db/database.ts';
import type { CoreEvents } from '../core-events.ts';
import { advanceAnchor, readAnchor, type AuditAnchor } from './audit-anchor.ts';
import { selectEntries, type EntrySelection } from './audit-filter.ts';
import { isPurgeConfirmation, newestPurge } from './audit-purge.ts';

export const genesisHash = '0'.repeat(64);

export interface AuditRecord {
  action: AuditAction;
  /** What the entry is about, e.g. `settings` or `clip:42`. */
  target: string;
  /** A short event name, e.g. `settings.update`. */
  event: string;
  details?: Record<string, unknown>;
}

/** The chain as stored: its verification, its newest entry and the purge it starts after. */
export interface AuditChainState {
  verification: AuditVerification;
  head: { sequence: number; hash: string } | null;
  purge: AuditPurgeRow | null;
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

/** One page of the selected entries, newest first, with the number of all selected. */
export async function entryPage(manager: EntityManager, selection: EntrySelection, page: number, pageSize: number): Promise<AuditPage> {
  const [rows, total] = await selectEntries(manager, selection)
    .orderBy('e.sequence', 'DESC')
    .skip((page - 1) * pageSize)
    .take(pageSize)
    .getManyAndCount();
  return { entries: rows.map(toAuditEntry), page, pageSize, total };
}

export class AuditService {
  readonly #db: Database;
  readonly #events: CoreEvents;
  readonly #anchorFile: string;
  readonly #clock: () => Date;

  /** `clock` gives each entry its time (tests write entries of past years with it). */
  constructor(db: Database, events: CoreEvents, anchorFile: string, clock: () => Date = () => new Date()) {
    this.#db = db;
    this.#events = events;
    this.#anchorFile = anchorFile;
    this.#clock = clock;
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
      time: this.#clock().toISOString(),
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

  /** The chain as `manager` sees it (inside or outside a transaction), checked but not logged. */
  async inspect(manager: EntityManager): Promise<AuditChainState> {
    const rows = await manager.getRepository(AuditEntryEntity).createQueryBuilder('e').orderBy('e.sequence', 'ASC').getMany();
    const purge = await newestPurge(manager);
    let anchor: AuditAnchor | 'damaged' | null;
    try {
      anchor = readAnchor(this.#anchorFile);
    } catch {
      anchor = 'damaged';
    }
    const head = rows.at(-1);
    return { verification: verifyChain(rows, anchor, purge), head: head ? { sequence: head.sequence, hash: head.hash } : null, purge };
  }
}

/**
 * Checks stored rows (ordered by sequence) against the chain and, when there is one, the anchor
 * (the newest entry ever committed). After a purge the rows start at the entry after the purge's
 * last one and continue from its hash, and an `audit.purge` entry among them must confirm the
 * purge record. Pure, for tests.
 */
export function verifyChain(rows: AuditEntryRow[], anchor: AuditAnchor | 'damaged' | null, purge: AuditPurgeRow | null): AuditVerification {
  const broken = (firstBadSequence: number, reason: Extract<AuditVerification, { intact: false }>['reason']): AuditVerification => ({
    intact: false,
    entries: rows.length,
    firstBadSequence,
    reason,
  });
  const firstSequence = (purge?.throughSequence ?? 0) + 1;
  let previousHash = purge?.throughHash ?? genesisHash;
  for (const [index, row] of rows.entries()) {
    const expectedSequence = firstSequence + index;
    if (row.sequence !== expectedSequence) {
      // Before the first kept entry: the purge record claims entries that are still there.
      const purgeOverclaims = purge !== null && index === 0 && row.sequence < expectedSequence;
      return broken(expectedSequence, purgeOverclaims ? 'purge_mismatch' : 'sequence_gap');
    }
    if (row.previousHash !== previousHash) return broken(row.sequence, purge !== null && index === 0 ? 'purge_mismatch' : 'chain_broken');
    let recomputed: string | undefined;
    try {
      recomputed = entryHash(row);
    } catch {
      recomputed = undefined;
    }
    if (recomputed !== row.hash) return broken(row.sequence, 'hash_mismatch');
    previousHash = row.hash;
  }
  const lastSequence = firstSequence + rows.length - 1;
  if (anchor === 'damaged') return broken(Math.max(lastSequence, 1), 'anchor_mismatch');
  if (anchor && anchor.sequence > lastSequence) return broken(lastSequence + 1, 'entries_missing');
  if (anchor && rows[anchor.sequence - firstSequence]?.hash !== anchor.hash) return broken(anchor.sequence, 'anchor_mismatch');
  if (purge && !rows.some((row) => isPurgeConfirmation(row, purge))) return broken(firstSequence, 'purge_mismatch');
  return { intact: true, entries: rows.length };
}
