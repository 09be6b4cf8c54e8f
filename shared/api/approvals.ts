// Four-eyes approvals (Vier-Augen-Freigabe) as the contract shows them: one person asks, a second
// one with the right to decide approves or rejects, and only an approval lets the change happen
// (DOMAIN.md: holds and early deletions need a supervisor's approval; the requester never decides).
import { z } from 'zod';
import { ActorRoleSchema } from './actor.ts';

/**
 * What can be asked for; the one list of kinds. Each kind has its effect in the core
 * (electron/core/governance/approvals). `court-originals`: releasing a court package with the
 * unredacted originals; `training-signoff`: a finished training clip, before trainers see it.
 */
export const approvalKinds = ['hold-place', 'hold-lift', 'early-deletion', 'court-originals', 'training-signoff'] as const;
export const ApprovalKindSchema = z.enum(approvalKinds);
export type ApprovalKind = z.infer<typeof ApprovalKindSchema>;

export const approvalStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

/** A reason in words: why something is asked for (a requester's justification). */
export const ReasonTextSchema = z.string().trim().min(3).max(1000);

const id = z.number().int().positive();

/** One request for approval, pending or settled. */
export const ApprovalSchema = z.object({
  id,
  kind: ApprovalKindSchema,
  /** What it is about, e.g. `clip:5`; the audit entries of the request name it as their target. */
  subject: z.string(),
  /** The kind's facts, e.g. the hold's id, reason code, case reference and review date. */
  details: z.record(z.string(), z.unknown()),
  /** The requester's justification. */
  reason: z.string(),
  requestedBy: z.string(),
  requestedRole: ActorRoleSchema,
  requestedUtc: z.string(),
  status: z.enum(approvalStatuses),
  /** Who approved or rejected it (never the requester); null while pending and after a withdrawal. */
  decidedBy: z.string().nullable(),
  /** When it was approved, rejected or withdrawn. */
  decidedUtc: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

/** The queue: pending requests (all of them for those who decide), one's own; settled ones on request. */
export const ApprovalListRequestSchema = z.object({ includeDecided: z.boolean().default(false) }).strict();

export const ApprovalDecisionRequestSchema = z
  .object({ id, decision: z.enum(['approve', 'reject']), note: z.string().trim().max(1000).default('') })
  .strict();
export type ApprovalDecision = z.infer<typeof ApprovalDecisionRequestSchema>['decision'];

export const ApprovalIdRequestSchema = z.object({ id }).strict();

/** Asks for a clip to be deleted before its deletion date (approval kind `early-deletion`). */
export const EarlyDeletionRequestSchema = z.object({ clipId: id, reason: ReasonTextSchema }).strict();
