// Rows of the approval requests (see migration CreateApprovals1766188800000).
import { EntitySchema } from 'typeorm';
import type { ApprovalKind, ApprovalStatus } from '../../../shared/api/approvals.ts';

export interface ApprovalRequestRow {
  id: number;
  kind: ApprovalKind;
  /** What it is about, e.g. `clip:5`. */
  subject: string;
  /** JSON object: the kind's facts. */
  details: string;
  reason: string;
  requestedBy: string;
  requestedRole: string;
  requestedUtc: string;
  status: ApprovalStatus;
  /** Who approved or rejected it; never the requester (a CHECK). */
  decidedBy: string | null;
  decidedUtc: string | null;
  decisionNote: string | null;
}

export const ApprovalRequestEntity = new EntitySchema<ApprovalRequestRow>({
  name: 'ApprovalRequest',
  tableName: 'approval_request',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    kind: { type: 'text' },
    subject: { type: 'text' },
    details: { type: 'text' },
    reason: { type: 'text' },
    requestedBy: { type: 'text', name: 'requested_by' },
    requestedRole: { type: 'text', name: 'requested_role' },
    requestedUtc: { type: 'text', name: 'requested_utc' },
    status: { type: 'text' },
    decidedBy: { type: 'text', name: 'decided_by', nullable: true },
    decidedUtc: { type: 'text', name: 'decided_utc', nullable: true },
    decisionNote: { type: 'text', name: 'decision_note', nullable: true },
  },
});

export const approvalEntities = [ApprovalRequestEntity];
