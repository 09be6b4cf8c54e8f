// Exports as the contract shows them: court packages (Gerichtsexport), anonymised training clips
// (Schulungsmaterial) and still frames (Standbild), made as background jobs. A request names only
// what to export; where it goes is the station's export folder (settings), so no window can make
// the core write anywhere else.
import { z } from 'zod';
import { BoxSchema, FrameSchema } from './annotations.ts';
import { fileRoles } from '../exports/manifest.ts';

export const exportKinds = ['court', 'training', 'still'] as const;
export type ExportKind = (typeof exportKinds)[number];
/** `awaiting-approval`: a court package with originals waits for a second supervisor's approval. */
export const exportStatuses = ['awaiting-approval', 'queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type ExportStatus = (typeof exportStatuses)[number];

const clipId = z.number().int().positive();
/** A justification as the player asks for one: the purpose in words or a case reference. */
export const ExportJustificationSchema = z.string().trim().min(3).max(500);
export const CaseReferenceSchema = z.string().trim().min(1).max(100);

/** A clip or a range of it (frames of the original, inclusive); the whole clip without a range. */
export const ExportClipSchema = z
  .object({ clipId, fromFrame: FrameSchema.optional(), toFrame: FrameSchema.optional() })
  .strict()
  .refine((clip) => (clip.fromFrame === undefined) === (clip.toFrame === undefined), { message: 'give both fromFrame and toFrame, or neither', path: ['toFrame'] })
  .refine((clip) => clip.fromFrame === undefined || (clip.toFrame ?? 0) >= clip.fromFrame, { message: 'toFrame must not be before fromFrame', path: ['toFrame'] });
export type ExportClip = z.infer<typeof ExportClipSchema>;

export const CourtExportRequestSchema = z
  .object({
    kind: z.literal('court'),
    clips: z.array(ExportClipSchema).min(1).max(20),
    caseReference: CaseReferenceSchema,
    recipient: z.string().trim().min(1).max(200),
    /** Empty: the station's default legal basis (settings). */
    legalBasis: z.string().trim().max(500).optional(),
    withOriginals: z.boolean(),
    zip: z.boolean(),
  })
  .strict();

export const trainingAudio = ['remove', 'tone'] as const;

export const TrainingExportRequestSchema = z
  .object({
    kind: z.literal('training'),
    clip: ExportClipSchema,
    justification: ExportJustificationSchema,
    /** Pixelate everything except the keep areas (source pixels of the upright picture) with this block size; null: only the clip's masks. */
    wholePicture: z.object({ blockSize: z.number().int().min(8).max(256), keep: z.array(BoxSchema).max(8) }).strict().nullable(),
    audio: z.enum(trainingAudio),
  })
  .strict();

export const StillExportRequestSchema = z
  .object({
    kind: z.literal('still'),
    clipId,
    frame: FrameSchema,
    justification: ExportJustificationSchema,
    caseReference: CaseReferenceSchema.optional(),
    /** Without the masks: only for roles with the right to unredacted stills. */
    unredacted: z.boolean(),
  })
  .strict();

export const ExportJobRequestSchema = z.discriminatedUnion('kind', [CourtExportRequestSchema, TrainingExportRequestSchema, StillExportRequestSchema]);
export type ExportJobRequest = z.infer<typeof ExportJobRequestSchema>;
export type CourtExportRequest = z.infer<typeof CourtExportRequestSchema>;
export type TrainingExportRequest = z.infer<typeof TrainingExportRequestSchema>;
export type StillExportRequest = z.infer<typeof StillExportRequestSchema>;

export const ExportedFileSchema = z.object({
  /** Relative to the export's output (the package folder), or the file's name for a single file. */
  path: z.string(),
  role: z.enum(fileRoles),
  sha256: z.string(),
  sizeBytes: z.number().int().min(0),
});
export type ExportedFile = z.infer<typeof ExportedFileSchema>;

export const ExportProgressSchema = z.object({
  /** What runs now, e.g. `encode` of clip 4, `check`, `originals`, `report`, `zip`. */
  step: z.string(),
  clipId: clipId.nullable(),
  /** 0..1 over the whole job. */
  fraction: z.number().min(0).max(1),
  /** Frames encoded so far of all frames the job encodes. */
  framesDone: z.number().int().min(0),
  framesTotal: z.number().int().min(0),
  /** Estimated seconds left; null until there is a rate to estimate from. */
  secondsLeft: z.number().min(0).nullable(),
});
export type ExportProgress = z.infer<typeof ExportProgressSchema>;

export const ExportJobSchema = z.object({
  id: z.string(),
  kind: z.enum(exportKinds),
  status: z.enum(exportStatuses),
  createdUtc: z.string(),
  finishedUtc: z.string().nullable(),
  userId: z.string(),
  caseReference: z.string().nullable(),
  recipient: z.string().nullable(),
  clipIds: z.array(clipId),
  /** The package folder, ZIP or file made; null until done. */
  output: z.string().nullable(),
  /** SHA-256 of the ZIP or the still itself; null for a package folder (its files carry theirs). */
  sha256: z.string().nullable(),
  files: z.array(ExportedFileSchema),
  progress: ExportProgressSchema.nullable(),
  error: z.string().nullable(),
});
export type ExportJob = z.infer<typeof ExportJobSchema>;

export const ExportIdRequestSchema = z.object({ id: z.string().min(1).max(64) }).strict();
