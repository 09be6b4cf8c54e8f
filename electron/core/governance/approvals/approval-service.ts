// Four-eyes approvals (Vier-Augen-Freigabe): the queue, the decision and the withdrawal. Whoever
// asked never decides (compared by user id, whatever role they act in now): such a decision is
// refused and logged as `access.denied` with the rule `four-eyes`; the table's CHECK refuses it
// too. Each kind brings its effect (ApprovalKindHandler): an approval is recorded in the same
// transaction as the effect, so neither happens without the other; a rejection or withdrawal ends
// what the request set up. Every step is an audit entry with the subject (e.g. `clip:5`) as target.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../../shared/api/actor.ts';
import type { Approval, ApprovalDecision, ApprovalKind, ApprovalStatus } from '../../../../shared/api/approvals.ts';
import type { Permission } from '../../../../shared/api/permissions.ts';
import type { Database } from '../../../db/database.ts';
import { ApprovalRequestEntity } from '../../../db/entities/approvals.ts';
import { ServiceError } from '../../service-error.ts';
import type { Access, RuleBreach } from '../access.ts';
import type { AuditService } from '../audit-service.ts';
import { requirePending, toApproval } from './approval-rows.ts';

export interface ApprovalKindHandler {
  /** What asking for this kind needs; withdrawing a request needs it too. */
  readonly permission: Permission;
  /**
   * Approves: `record` marks the request approved and logs it. The handler runs it in the
   * transaction that applies the kind's effect, so both are written or neither.
   */
  approve(approval: Approval, decider: Actor, record: (manager: EntityManager) => Promise<void>): Promise<void>;
  /** In the transaction that records a rejection or withdrawal: ends what the request set up. */
  close?(manager: EntityManager, approval: Approval): Promise<void>;
}

export type ApprovalKinds = Record<ApprovalKind, ApprovalKindHandler>;

type Settled = Exclude<ApprovalStatus, 'pending'>;

const settledEvent: Record<Settled, string> = { approved: 'approval.approve', rejected: 'approval.reject', withdrawn: 'approval.withdraw' };

/** Four eyes: the person who asked for something never decides it. */
function fourEyes(decider: Actor, approval: Approval): RuleBreach | null {
  if (decider.userId !== approval.requestedBy) return null;
  return {
    rule: 'four-eyes',
    message: `Approval ${approval.id} (${approval.kind} of ${approval.subject}) was requested by ${approval.requestedBy}; four eyes: another supervisor must decide it`,
    details: { approvalId: approval.id, kind: approval.kind, requestedBy: approval.requestedBy },
  };
}

/** Only the requester withdraws a request. */
function requesterOnly(actor: Actor, approval: Approval): RuleBreach | null {
  if (actor.userId === approval.requestedBy) return null;
  return {
    rule: 'requester-only',
    message: `Approval ${approval.id} (${approval.kind} of ${approval.subject}) was requested by ${approval.requestedBy}; only they can withdraw it`,
    details: { approvalId: approval.id, kind: approval.kind, requestedBy: approval.requestedBy },
  };
}

export class ApprovalService {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #access: Access;
  readonly #kinds: ApprovalKinds;

  constructor(db: Database, audit: AuditService, access: Access, kinds: ApprovalKinds) {
    this.#db = db;
    this.#audit = audit;
    this.#access = access;
    this.#kinds = kinds;
  }

  /**
   * The queue: pending requests, oldest first (every request for those who may read all, else one's
   * own), then, on request, the settled ones, newest first.
   */
  async list(actor: Actor, includeDecided: boolean): Promise<Approval[]> {
    await this.#access.require(actor, 'approvals.read', 'approvals');
    const rows = await this.#db.dataSource.getRepository(ApprovalRequestEntity).find({
      where: {
        ...(this.#access.may(actor, 'approvals.read-all') ? {} : { requestedBy: actor.userId }),
        ...(includeDecided ? {} : { status: 'pending' as const }),
      },
      order: { id: 'ASC' },
    });
    const approvals = rows.map(toApproval);
    return [...approvals.filter((approval) => approval.status === 'pending'), ...approvals.filter((approval) => approval.status !== 'pending').reverse()];
  }

  /** Approves (with the kind's effect) or rejects someone else's pending request. */
  async decide(actor: Actor, id: number, decision: ApprovalDecision, note: string): Promise<Approval> {
    const approval = await this.#load(actor, id, 'approvals.decide');
    await this.#access.requireRule(actor, 'approvals.decide', approval.subject, fourEyes(actor, approval));
    requirePending(approval);
    const kind = this.#kinds[approval.kind];
    if (decision === 'approve') {
      await kind.approve(approval, actor, (manager) => this.#settle(manager, approval, 'approved', actor, note));
    } else {
      await this.#db.transaction(async (manager) => {
        await this.#settle(manager, approval, 'rejected', actor, note);
        await kind.close?.(manager, approval);
      });
    }
    return this.#get(id);
  }

  /** The requester takes back a pending request. */
  async withdraw(actor: Actor, id: number): Promise<Approval> {
    const approval = await this.#load(actor, id, 'approvals.read');
    const kind = this.#kinds[approval.kind];
    await this.#access.requireRule(actor, kind.permission, approval.subject, requesterOnly(actor, approval));
    requirePending(approval);
    await this.#db.transaction(async (manager) => {
      await this.#settle(manager, approval, 'withdrawn', actor, '');
      await kind.close?.(manager, approval);
    });
    return this.#get(id);
  }

  async #get(id: number): Promise<Approval> {
    return toApproval(await this.#db.dataSource.getRepository(ApprovalRequestEntity).findOneByOrFail({ id }));
  }

  /** The request; for an unknown id the permission is checked before the answer says so. */
  async #load(actor: Actor, id: number, permission: Permission): Promise<Approval> {
    const row = await this.#db.dataSource.getRepository(ApprovalRequestEntity).findOneBy({ id });
    if (row) return toApproval(row);
    await this.#access.require(actor, permission, `approval:${id}`);
    throw new ServiceError('not_found', `No approval request with id ${id}`);
  }

  /** Settles the request inside `manager`'s transaction, if it is still pending, and logs it. */
  async #settle(manager: EntityManager, approval: Approval, status: Settled, actor: Actor, note: string): Promise<void> {
    const repository = manager.getRepository(ApprovalRequestEntity);
    requirePending(toApproval(await repository.findOneByOrFail({ id: approval.id })));
    const decidedBy = status === 'withdrawn' ? null : actor.userId;
    await repository.update({ id: approval.id }, { status, decidedBy, decidedUtc: new Date().toISOString(), decisionNote: note || null });
    await this.#audit.append(manager, actor, {
      action: 'alteration',
      target: approval.subject,
      event: settledEvent[status],
      details: { ...approval.details, approvalId: approval.id, kind: approval.kind, requestedBy: approval.requestedBy, ...(decidedBy ? { decidedBy } : {}), ...(note ? { note } : {}) },
    });
  }
}
