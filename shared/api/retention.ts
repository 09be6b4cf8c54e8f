// Retention as the contract shows it: the clips a run deletes or keeps (with why), the result of
// a run and the tombstones (Löschnachweise); the holds (Aufbewahrungsverlängerung) and processing
// locks (Verarbeitungssperre) that keep a clip or order its deletion.
import { z } from 'zod';
import { ApprovalSchema, ReasonTextSchema } from './approvals.ts';

/** Why a hold keeps a clip longer (DOMAIN.md, retention and deletion). */
export const holdReasons = ['prosecution', 'administrative-offence', 'claims', 'private-rights', 'complaint-review'] as const;
export const holdStatuses = ['requested', 'active', 'rejected', 'lifted'] as const;
/** `home`: recorded inside a home, locked until a judge decides; `kernbereich`: touches the core of private life. */
export const lockKinds = ['home', 'kernbereich'] as const;
/** `deletion-due`: a judge found the home recording unlawful, or it touches the Kernbereich. */
export const lockStatuses = ['locked', 'released', 'deletion-due'] as const;
export const lockOutcomes = ['lawful', 'unlawful'] as const;
/** Why a clip was deleted. */
export const tombstoneReasons = ['retention', 'early-deletion', 'lock-refused', 'kernbereich'] as const;

/** What a deletion date counts from (see deletion-date.ts). */
export const DeletionBasisSchema = z.enum(['recording-end', 'start-plus-durations', 'first-seen']);
export type DeletionBasis = z.infer<typeof DeletionBasisSchema>;

export const TombstoneReasonSchema = z.enum(tombstoneReasons);
export type TombstoneReason = z.infer<typeof TombstoneReasonSchema>;

/** A clip in the preview, with the facts a reviewer needs to recognise it (no picture). */
const clipFacts = {
  clipId: z.number().int().positive(),
  recordingId: z.number().int().positive(),
  /** Relative to the station drive. */
  path: z.string(),
  sha256: z.string(),
  officer: z.string().nullable(),
  device: z.string().nullable(),
  startUtc: z.string().nullable(),
  endUtc: z.string().nullable(),
  /** The regular deletion date: recording end plus the retention days. */
  deletionUtc: z.string(),
  deletionBasis: DeletionBasisSchema,
};

export const DueClipSchema = z.object({ ...clipFacts, reason: TombstoneReasonSchema });
export type DueClip = z.infer<typeof DueClipSchema>;

/** Why a clip past its deletion date is kept: a hold asked for or approved, or a processing lock. */
export const KeepingSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('hold'),
    holdId: z.number().int(),
    status: z.enum(['requested', 'active']),
    reason: z.enum(holdReasons),
    caseReference: z.string(),
    /** YYYY-MM-DD. */
    reviewDate: z.string(),
  }),
  z.object({ kind: z.literal('lock'), lockId: z.number().int(), lockKind: z.enum(lockKinds) }),
]);
export type Keeping = z.infer<typeof KeepingSchema>;

export const KeptClipSchema = z.object({ ...clipFacts, keptBy: z.array(KeepingSchema).min(1) });
export type KeptClip = z.infer<typeof KeptClipSchema>;

/** One file a deletion removes: `original` on the station drive, `derived` and `export` under the station's folders. */
export const ErasureFileSchema = z.object({
  kind: z.enum(['original', 'derived', 'export']),
  /** Absolute path when the deletion started. */
  path: z.string(),
});
export type ErasureFile = z.infer<typeof ErasureFileSchema>;

/** What remains of a deleted clip (Löschnachweis): facts, never image or sound. */
export const TombstoneSchema = z.object({
  clipId: z.number().int().positive(),
  recordingId: z.number().int().positive(),
  sha256: z.string(),
  device: z.string().nullable(),
  officer: z.string().nullable(),
  startUtc: z.string().nullable(),
  endUtc: z.string().nullable(),
  /** The original's path relative to the station drive. */
  originalPath: z.string(),
  sizeBytes: z.number().int().min(0),
  reason: TombstoneReasonSchema,
  orderedBy: z.string(),
  startedUtc: z.string(),
  completedUtc: z.string().nullable(),
  /** `deleting` until every file and row is gone; the next run finishes it. */
  state: z.enum(['deleting', 'done']),
  files: z.array(ErasureFileSchema),
});
export type Tombstone = z.infer<typeof TombstoneSchema>;

export const RetentionPreviewSchema = z.object({
  /** The time the preview is for (ISO UTC). */
  at: z.string(),
  retentionDays: z.number().int(),
  due: z.array(DueClipSchema),
  kept: z.array(KeptClipSchema),
  /** Deletions that started and did not finish (a run was interrupted or a file could not be deleted). */
  unfinished: z.array(TombstoneSchema),
});
export type RetentionPreview = z.infer<typeof RetentionPreviewSchema>;

export const ErasureFailureSchema = z.object({ clipId: z.number().int().positive(), message: z.string() });
export type ErasureFailure = z.infer<typeof ErasureFailureSchema>;

export const RetentionRunSchema = z.object({
  at: z.string(),
  dryRun: z.boolean(),
  /** What was due and kept when the run started (after it finished the interrupted deletions). */
  preview: RetentionPreviewSchema,
  /** Tombstones completed by this run, interrupted ones first. */
  deleted: z.array(TombstoneSchema),
  failed: z.array(ErasureFailureSchema),
  /** The audit entries the run deleted at the end of their keeping time (null: none, or a dry run). */
  auditPurge: z.object({ throughSequence: z.number().int(), entries: z.number().int(), oldestTime: z.string(), newestTime: z.string() }).nullable(),
});
export type RetentionRun = z.infer<typeof RetentionRunSchema>;

/** A calendar date, YYYY-MM-DD. */
export const CalendarDateSchema = z.iso.date();
const clipId = z.number().int().positive();

/** A hold (Aufbewahrungsverlängerung): keeps a clip past its deletion date while requested or active. */
export const HoldSchema = z.object({
  id: z.number().int().positive(),
  clipId,
  reason: z.enum(holdReasons),
  caseReference: z.string(),
  /** YYYY-MM-DD: by then someone decides whether the clip is still needed. */
  reviewDate: z.string(),
  note: z.string(),
  status: z.enum(holdStatuses),
  requestedBy: z.string(),
  requestedUtc: z.string(),
  approvedBy: z.string().nullable(),
  approvedUtc: z.string().nullable(),
  liftedBy: z.string().nullable(),
  liftedUtc: z.string().nullable(),
  /** Requested or active and its review date has passed: it must be looked at again. */
  reviewOverdue: z.boolean(),
  /** The approval waiting on this hold (its placement or its lifting), if any. */
  pendingApprovalId: z.number().int().nullable(),
});
export type Hold = z.infer<typeof HoldSchema>;

/** Every hold, or those of one clip (with their history: rejected and lifted ones too). */
export const HoldListRequestSchema = z.object({ clipId: clipId.optional() }).strict();

/** Asks for a hold: it keeps the clip at once and becomes active when a second person approves it. */
export const HoldRequestSchema = z
  .object({
    clipId,
    reason: z.enum(holdReasons),
    caseReference: z.string().trim().min(1).max(120),
    /** Must lie in the future. */
    reviewDate: CalendarDateSchema,
    /** Why the clip is needed longer: what the approving supervisor reads. */
    note: ReasonTextSchema,
  })
  .strict();
export type HoldRequest = z.infer<typeof HoldRequestSchema>;

/** Asks for an active hold to be lifted: the clip then follows its deletion date again. */
export const HoldLiftRequestSchema = z.object({ holdId: z.number().int().positive(), reason: ReasonTextSchema }).strict();

/** A hold with the approval request that was opened for it. */
export const HoldApplicationSchema = z.object({ hold: HoldSchema, approval: ApprovalSchema });
export type HoldApplication = z.infer<typeof HoldApplicationSchema>;

/** A processing lock (Verarbeitungssperre) with the judge's decision once entered. */
export const ProcessingLockSchema = z.object({
  id: z.number().int().positive(),
  clipId,
  kind: z.enum(lockKinds),
  status: z.enum(lockStatuses),
  note: z.string(),
  flaggedBy: z.string(),
  flaggedUtc: z.string(),
  court: z.string().nullable(),
  fileNumber: z.string().nullable(),
  /** YYYY-MM-DD. */
  decisionDate: z.string().nullable(),
  outcome: z.enum(lockOutcomes).nullable(),
  decidedBy: z.string().nullable(),
  decidedUtc: z.string().nullable(),
});
export type ProcessingLock = z.infer<typeof ProcessingLockSchema>;

export const LockListRequestSchema = z.object({ clipId: clipId.optional() }).strict();

/** Flags a clip: `home` locks it until a judge decides; `kernbereich` orders its deletion at once. */
export const LockFlagRequestSchema = z.object({ clipId, kind: z.enum(lockKinds), note: ReasonTextSchema }).strict();
export type LockFlag = z.infer<typeof LockFlagRequestSchema>;

/** A judge's decision on a home recording: lawful releases it, unlawful orders its deletion. */
export const LockDecisionRequestSchema = z
  .object({
    lockId: z.number().int().positive(),
    court: z.string().trim().min(1).max(200),
    fileNumber: z.string().trim().min(1).max(100),
    /** Not in the future. */
    decisionDate: CalendarDateSchema,
    outcome: z.enum(lockOutcomes),
  })
  .strict();
export type LockDecision = z.infer<typeof LockDecisionRequestSchema>;
