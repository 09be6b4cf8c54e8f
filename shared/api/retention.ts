// Retention as the contract shows it: the clips a run deletes or keeps (with why), the result of
// a run and the tombstones (Löschnachweise).
import { z } from 'zod';

/** Why a hold keeps a clip longer (DOMAIN.md, retention and deletion). */
export const holdReasons = ['prosecution', 'administrative-offence', 'claims', 'private-rights', 'complaint-review'] as const;
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
  z.object({ kind: z.literal('lock'), lockId: z.number().int(), lockKind: z.enum(['home', 'kernbereich']) }),
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
