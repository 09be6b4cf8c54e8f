// Approval requests as stored and as the contract shows them, and the opening of one: the row and
// its audit entry (`approval.request`, target the subject) in the caller's transaction, together
// with whatever the request sets up (a requested hold).
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../../shared/api/actor.ts';
import { ApprovalSchema, type Approval, type ApprovalKind } from '../../../../shared/api/approvals.ts';
import { ApprovalRequestEntity, type ApprovalRequestRow } from '../../../db/entities/approvals.ts';
import { ServiceError } from '../../service-error.ts';
import type { AuditService } from '../audit-service.ts';

export interface ApprovalDraft {
  kind: ApprovalKind;
  subject: string;
  details: Record<string, unknown>;
  reason: string;
}

export const clipSubject = (clipId: number): string => `clip:${clipId}`;

/** The clip of a subject `clip:<id>`. */
export function clipOfSubject(subject: string): number {
  const match = /^clip:(\d+)$/.exec(subject);
  if (!match) throw new ServiceError('internal', `The approval subject ${subject} names no clip`);
  return Number(match[1]);
}

export function toApproval(row: ApprovalRequestRow): Approval {
  return ApprovalSchema.parse({ ...row, details: JSON.parse(row.details) });
}

/** Refuses a decision or withdrawal of a request that is settled already. */
export function requirePending(approval: Approval): void {
  if (approval.status === 'pending') return;
  const by = approval.decidedBy ? ` by ${approval.decidedBy}` : '';
  throw new ServiceError('conflict', `Approval ${approval.id} (${approval.kind} of ${approval.subject}) is ${approval.status} already${by} (${approval.decidedUtc})`);
}

/** Opens a request as `actor`, inside the caller's transaction. */
export async function openApproval(manager: EntityManager, audit: AuditService, actor: Actor, draft: ApprovalDraft): Promise<Approval> {
  const row = await manager.getRepository(ApprovalRequestEntity).save({
    kind: draft.kind,
    subject: draft.subject,
    details: JSON.stringify(draft.details),
    reason: draft.reason,
    requestedBy: actor.userId,
    requestedRole: actor.role,
    requestedUtc: new Date().toISOString(),
    status: 'pending',
    decidedBy: null,
    decidedUtc: null,
    decisionNote: null,
  });
  await audit.append(manager, actor, {
    action: 'alteration',
    target: draft.subject,
    event: 'approval.request',
    details: { ...draft.details, approvalId: row.id, kind: draft.kind, reason: draft.reason },
  });
  return toApproval(row);
}
