// Holds (Aufbewahrungsverlängerung): a clip needed past its deletion date (to prosecute, to assert
// claims, ...) is kept by a hold with a reason code, a case reference and a review date. A request
// keeps the clip at once (the retention rule counts requested holds) and opens a four-eyes approval
// (`hold-place`): approval makes the hold active, a rejection or withdrawal ends it as `rejected`.
// Lifting an active hold is asked for the same way (`hold-lift`); its approval sets it `lifted`, and
// the clip follows its deletion date again. The effects of both kinds are here.
import { In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import type { Actor } from '../../../../shared/api/actor.ts';
import type { Approval } from '../../../../shared/api/approvals.ts';
import type { Hold, HoldApplication, HoldRequest } from '../../../../shared/api/retention.ts';
import { localCalendarDate } from '../../../../shared/time/calendar-date.ts';
import type { Database } from '../../../db/database.ts';
import { ApprovalRequestEntity, type ApprovalRequestRow } from '../../../db/entities/approvals.ts';
import { HoldEntity, type HoldRow } from '../../../db/entities/retention.ts';
import type { CoreEvents } from '../../core-events.ts';
import { ServiceError } from '../../service-error.ts';
import type { Access } from '../access.ts';
import { clipSubject, openApproval } from '../approvals/approval-rows.ts';
import type { ApprovalKindHandler } from '../approvals/approval-service.ts';
import type { AuditService } from '../audit-service.ts';
import { announceClipChange, liveClip } from '../live-clip.ts';

const HoldDetailsSchema = z.object({ holdId: z.number().int() });

/** What an approval request about a hold carries: enough for the decider to know which hold it is. */
function holdDetails(hold: HoldRow): Record<string, unknown> {
  return { holdId: hold.id, holdReason: hold.reason, caseReference: hold.caseReference, reviewDate: hold.reviewDate };
}

function toHold(row: HoldRow, today: string, pendingApprovalId: number | null): Hold {
  const keeps = row.status === 'requested' || row.status === 'active';
  return { ...row, reviewOverdue: keeps && row.reviewDate < today, pendingApprovalId };
}

/** The pending approval requests about holds, by hold. */
async function pendingByHold(manager: EntityManager): Promise<Map<number, ApprovalRequestRow>> {
  const rows = await manager.getRepository(ApprovalRequestEntity).findBy({ status: 'pending', kind: In(['hold-place', 'hold-lift']) });
  return new Map(rows.map((row) => [HoldDetailsSchema.parse(JSON.parse(row.details)).holdId, row]));
}

export class HoldService {
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

  /** Every hold the actor may see, or those of one clip, by review date; overdue reviews flagged as of `now`. */
  async list(actor: Actor, clipId: number | undefined, now = new Date()): Promise<Hold[]> {
    if (clipId === undefined) await this.#access.require(actor, 'holds.read', 'holds');
    else await this.#access.requireClip(actor, 'holds.read', clipId);
    const manager = this.#db.dataSource.manager;
    const visible = await this.#access.visibleClips(actor);
    const rows = await manager.getRepository(HoldEntity).find({ where: clipId === undefined ? {} : { clipId }, order: { reviewDate: 'ASC', id: 'ASC' } });
    const pending = await pendingByHold(manager);
    const today = localCalendarDate(now);
    return rows.filter((row) => visible === null || visible.has(row.clipId)).map((row) => toHold(row, today, pending.get(row.id)?.id ?? null));
  }

  /** Asks for a hold on a clip: it keeps the clip from now on, and is active once a second person approves it. */
  async request(actor: Actor, request: HoldRequest, now = new Date()): Promise<HoldApplication> {
    await this.#access.requireClip(actor, 'holds.request', request.clipId);
    const today = localCalendarDate(now);
    if (request.reviewDate <= today) {
      throw new ServiceError('invalid_request', `The review date ${request.reviewDate} of a hold on clip ${request.clipId} must lie in the future (today is ${today})`);
    }
    return this.#db.transaction(async (manager) => {
      await liveClip(manager, request.clipId);
      const hold = await manager.getRepository(HoldEntity).save({
        ...request,
        status: 'requested',
        requestedBy: actor.userId,
        requestedUtc: now.toISOString(),
        approvedBy: null,
        approvedUtc: null,
        liftedBy: null,
        liftedUtc: null,
      });
      const approval = await openApproval(manager, this.#audit, actor, { kind: 'hold-place', subject: clipSubject(hold.clipId), details: holdDetails(hold), reason: request.note });
      await announceClipChange(this.#db, this.#events, manager, hold.clipId);
      return { hold: toHold(hold, today, approval.id), approval };
    });
  }

  /** Asks for an active hold to be lifted. */
  async requestLift(actor: Actor, holdId: number, reason: string, now = new Date()): Promise<HoldApplication> {
    const found = await this.#db.dataSource.getRepository(HoldEntity).findOneBy({ id: holdId });
    if (!found) {
      await this.#access.require(actor, 'holds.request', `hold:${holdId}`);
      throw new ServiceError('not_found', `No hold with id ${holdId}`);
    }
    await this.#access.requireClip(actor, 'holds.request', found.clipId);
    return this.#db.transaction(async (manager) => {
      const hold = await this.#holdOf(manager, holdId, 'active');
      const waiting = (await pendingByHold(manager)).get(holdId);
      if (waiting) throw new ServiceError('conflict', `Hold ${holdId} on clip ${hold.clipId} already waits for approval ${waiting.id} (${waiting.kind}, asked by ${waiting.requestedBy})`);
      const approval = await openApproval(manager, this.#audit, actor, { kind: 'hold-lift', subject: clipSubject(hold.clipId), details: holdDetails(hold), reason });
      return { hold: toHold(hold, localCalendarDate(now), approval.id), approval };
    });
  }

  /** `hold-place`: approval makes the requested hold active; rejection or withdrawal ends it. */
  readonly placement: ApprovalKindHandler = {
    permission: 'holds.request',
    approve: (approval, decider, record) =>
      this.#db.transaction(async (manager) => {
        await record(manager);
        const hold = await this.#holdOf(manager, this.#holdIdOf(approval), 'requested');
        await manager.getRepository(HoldEntity).update({ id: hold.id }, { status: 'active', approvedBy: decider.userId, approvedUtc: new Date().toISOString() });
        await announceClipChange(this.#db, this.#events, manager, hold.clipId);
      }),
    close: async (manager, approval) => {
      const hold = await this.#holdOf(manager, this.#holdIdOf(approval), 'requested');
      await manager.getRepository(HoldEntity).update({ id: hold.id }, { status: 'rejected' });
      await announceClipChange(this.#db, this.#events, manager, hold.clipId);
    },
  };

  /** `hold-lift`: approval lifts the active hold; rejection or withdrawal leaves it active. */
  readonly lifting: ApprovalKindHandler = {
    permission: 'holds.request',
    approve: (approval, decider, record) =>
      this.#db.transaction(async (manager) => {
        await record(manager);
        const hold = await this.#holdOf(manager, this.#holdIdOf(approval), 'active');
        await manager.getRepository(HoldEntity).update({ id: hold.id }, { status: 'lifted', liftedBy: decider.userId, liftedUtc: new Date().toISOString() });
        await announceClipChange(this.#db, this.#events, manager, hold.clipId);
      }),
  };

  #holdIdOf(approval: Approval): number {
    return HoldDetailsSchema.parse(approval.details).holdId;
  }

  /** The hold, refused unless it is in the state the step needs. */
  async #holdOf(manager: EntityManager, holdId: number, status: HoldRow['status']): Promise<HoldRow> {
    const hold = await manager.getRepository(HoldEntity).findOneBy({ id: holdId });
    if (!hold) throw new ServiceError('not_found', `No hold with id ${holdId}`);
    if (hold.status !== status) throw new ServiceError('conflict', `Hold ${holdId} on clip ${hold.clipId} (${hold.caseReference}) is ${hold.status}, not ${status}`);
    return hold;
  }
}
