// Processing locks (Verarbeitungssperre). A clip recorded inside a home is flagged `home` and stays
// `locked` until a judge's decision is entered: lawful releases it, unlawful makes it
// `deletion-due`. A clip touching the core of private life is flagged `kernbereich` and is
// `deletion-due` at once. The retention rule deletes a `deletion-due` clip at its next run
// (tombstone reason `lock-refused` or `kernbereich`), whatever its date or holds; until then the
// lock gate (lock-gate.ts) stops every opening and export. Flags and decisions are audited.
import { In } from 'typeorm';
import type { Actor } from '../../../../shared/api/actor.ts';
import type { LockDecision, LockFlag, ProcessingLock } from '../../../../shared/api/retention.ts';
import { localCalendarDate } from '../../../../shared/time/calendar-date.ts';
import type { Database } from '../../../db/database.ts';
import { ProcessingLockEntity } from '../../../db/entities/retention.ts';
import type { CoreEvents } from '../../core-events.ts';
import { ServiceError } from '../../service-error.ts';
import type { Access } from '../access.ts';
import { clipSubject } from '../approvals/approval-rows.ts';
import type { AuditService } from '../audit-service.ts';
import { announceClipChange, liveClip } from '../live-clip.ts';

export class LockService {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #access: Access;
  readonly #events: CoreEvents;

  constructor(db: Database, audit: AuditService, access: Access, events: CoreEvents) {
    this.#db = db;
    this.#audit = audit;
    this.#access = access;
    this.#events = events;
  }

  /** Every lock the actor may see, or those of one clip, oldest first. */
  async list(actor: Actor, clipId: number | undefined): Promise<ProcessingLock[]> {
    if (clipId === undefined) await this.#access.require(actor, 'locks.read', 'locks');
    else await this.#access.requireClip(actor, 'locks.read', clipId);
    const visible = await this.#access.visibleClips(actor);
    const rows = await this.#db.dataSource.getRepository(ProcessingLockEntity).find({ where: clipId === undefined ? {} : { clipId }, order: { id: 'ASC' } });
    return rows.filter((row) => visible === null || visible.has(row.clipId));
  }

  /** Flags a clip: a home lock holds it until a judge decides, a Kernbereich lock orders its deletion. */
  async flag(actor: Actor, flag: LockFlag): Promise<ProcessingLock> {
    await this.#access.requireClip(actor, 'locks.flag', flag.clipId);
    return this.#db.transaction(async (manager) => {
      await liveClip(manager, flag.clipId);
      const repository = manager.getRepository(ProcessingLockEntity);
      const existing = await repository.findOneBy({ clipId: flag.clipId, kind: flag.kind, status: In(['locked', 'deletion-due']) });
      if (existing) throw new ServiceError('conflict', `Clip ${flag.clipId} already has ${flag.kind} lock ${existing.id} (${existing.status}, flagged by ${existing.flaggedBy})`);
      const lock = await repository.save({
        ...flag,
        status: flag.kind === 'home' ? 'locked' : 'deletion-due',
        flaggedBy: actor.userId,
        flaggedUtc: new Date().toISOString(),
        court: null,
        fileNumber: null,
        decisionDate: null,
        outcome: null,
        decidedBy: null,
        decidedUtc: null,
      });
      await this.#audit.append(manager, actor, {
        action: 'alteration',
        target: clipSubject(lock.clipId),
        event: 'lock.flag',
        details: { lockId: lock.id, kind: lock.kind, status: lock.status, note: lock.note },
      });
      await announceClipChange(this.#db, this.#events, manager, lock.clipId);
      return lock;
    });
  }

  /** Enters a judge's decision on a home lock: lawful releases the clip, unlawful orders its deletion. */
  async decide(actor: Actor, decision: LockDecision, now = new Date()): Promise<ProcessingLock> {
    const found = await this.#db.dataSource.getRepository(ProcessingLockEntity).findOneBy({ id: decision.lockId });
    if (!found) {
      await this.#access.require(actor, 'locks.decide', `lock:${decision.lockId}`);
      throw new ServiceError('not_found', `No processing lock with id ${decision.lockId}`);
    }
    await this.#access.requireClip(actor, 'locks.decide', found.clipId);
    const today = localCalendarDate(now);
    if (decision.decisionDate > today) {
      throw new ServiceError('invalid_request', `The decision date ${decision.decisionDate} on lock ${decision.lockId} of clip ${found.clipId} lies in the future (today is ${today})`);
    }
    return this.#db.transaction(async (manager) => {
      const repository = manager.getRepository(ProcessingLockEntity);
      const lock = await repository.findOneByOrFail({ id: decision.lockId });
      if (lock.kind !== 'home') {
        throw new ServiceError('conflict', `Lock ${lock.id} on clip ${lock.clipId} is a Kernbereich lock: no judge's decision releases it; the clip is deleted by the next retention run`);
      }
      if (lock.status !== 'locked') {
        throw new ServiceError('conflict', `Lock ${lock.id} on clip ${lock.clipId} is decided already (${lock.outcome}: ${lock.court} ${lock.fileNumber} of ${lock.decisionDate}, entered by ${lock.decidedBy})`);
      }
      const decided = {
        ...lock,
        court: decision.court,
        fileNumber: decision.fileNumber,
        decisionDate: decision.decisionDate,
        outcome: decision.outcome,
        status: decision.outcome === 'lawful' ? ('released' as const) : ('deletion-due' as const),
        decidedBy: actor.userId,
        decidedUtc: now.toISOString(),
      };
      await repository.save(decided);
      await this.#audit.append(manager, actor, {
        action: 'alteration',
        target: clipSubject(lock.clipId),
        event: 'lock.decide',
        details: { lockId: lock.id, court: decided.court, fileNumber: decided.fileNumber, decisionDate: decided.decisionDate, outcome: decided.outcome, status: decided.status },
      });
      await announceClipChange(this.#db, this.#events, manager, lock.clipId);
      return decided;
    });
  }
}
