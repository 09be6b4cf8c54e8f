// The manifest of an export package (manifest.json): what the package holds, where each file comes
// from and how to check it. The core writes it, `revier export verify` and the export view read it.
// Every file of a package except manifest.json and SHA256SUMS is listed here with its hash; the
// SHA256SUMS file lists every file including manifest.json, in the format `sha256sum -c` reads.
import { z } from 'zod';

export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

/** A path inside a package: relative, forward slashes, no `..`, no empty parts. */
export const PackagePathSchema = z
  .string()
  .min(1)
  .max(240)
  .regex(/^(?!.*(^|\/)\.\.?(\/|$))[^/\\\0][^\\\0]*$/, 'a relative path inside the package')
  .refine((value) => !value.endsWith('/') && !value.includes('//'), 'a relative path inside the package');

export const fileRoles = ['redacted-video', 'original', 'training-video', 'still', 'report', 'redaction-log', 'markers', 'audit-extract', 'instructions'] as const;
export type FileRole = (typeof fileRoles)[number];

/** Frames of the original a derived file shows: from and to inclusive, frame numbers of the original. */
export const FrameRangeSchema = z
  .object({ fromFrame: z.number().int().min(0), toFrame: z.number().int().min(0), frameCount: z.number().int().min(1) })
  .strict();
export type FrameRange = z.infer<typeof FrameRangeSchema>;

/** How a derived file was made: enough to make it again. */
export const DerivationSchema = z
  .object({
    tool: z.string(),
    toolVersion: z.string(),
    /** Every parameter, e.g. the encoder's arguments and the masks' source (annotation versions). */
    parameters: z.record(z.string(), z.unknown()),
    operator: z.string(),
    madeUtc: z.string(),
  })
  .strict();
export type Derivation = z.infer<typeof DerivationSchema>;

export const PackageFileSchema = z
  .object({
    path: PackagePathSchema,
    role: z.enum(fileRoles),
    sha256: Sha256Schema,
    sizeBytes: z.number().int().min(0),
    /** The clip a file belongs to (null for package-wide files such as the report). */
    clipId: z.number().int().positive().nullable(),
    /** SHA-256 of the file it was made from (the original for a redacted copy), null for originals and package files. */
    parentSha256: Sha256Schema.nullable(),
    frames: FrameRangeSchema.nullable(),
    derivation: DerivationSchema.nullable(),
  })
  .strict();
export type PackageFile = z.infer<typeof PackageFileSchema>;

export const PreRecordSchema = z.object({ startUtc: z.string(), endUtc: z.string(), hasAudio: z.boolean().nullable() }).strict();

/** One clip (or range of it) in a court package. */
export const PackageClipSchema = z
  .object({
    clipId: z.number().int().positive(),
    originalName: z.string(),
    originalSha256: Sha256Schema,
    originalSizeBytes: z.number().int().min(0),
    device: z.string().nullable(),
    officer: z.string().nullable(),
    /** UTC of the range's first frame and of the end of its last frame (null when the clip's clock is unknown). */
    startUtc: z.string().nullable(),
    endUtc: z.string().nullable(),
    /** Which clock the times come from (container, sidecar, file name, …). */
    clockSource: z.string().nullable(),
    timeZone: z.string().nullable(),
    frames: FrameRangeSchema,
    /** Media seconds of the range in the original: start of the first frame, end of the last. */
    startSeconds: z.number(),
    endSeconds: z.number(),
    preRecord: PreRecordSchema.nullable(),
    /** Counts of what the redaction log holds for this clip. */
    masks: z.number().int().min(0),
    audioRedactions: z.number().int().min(0),
    markers: z.number().int().min(0),
  })
  .strict();
export type PackageClip = z.infer<typeof PackageClipSchema>;

export const packageKinds = ['court', 'training'] as const;
export type PackageKind = (typeof packageKinds)[number];

export const ManifestSchema = z
  .object({
    format: z.literal('revier-export'),
    formatVersion: z.literal(1),
    kind: z.enum(packageKinds),
    /** The export's id in the station's export list. */
    exportId: z.string(),
    app: z.object({ name: z.string(), version: z.string() }).strict(),
    createdUtc: z.string(),
    exportedBy: z.object({ userId: z.string(), role: z.string() }).strict(),
    /** Court packages: the case reference (Aktenzeichen), the recipient and the legal basis; null in training packages. */
    caseReference: z.string().nullable(),
    recipient: z.string().nullable(),
    legalBasis: z.string().nullable(),
    /** Court packages: the clips; a training package names none (no link back to the source). */
    clips: z.array(PackageClipSchema),
    files: z.array(PackageFileSchema),
  })
  .strict();
export type Manifest = z.infer<typeof ManifestSchema>;

export const MANIFEST_FILE = 'manifest.json';
export const CHECKSUM_FILE = 'SHA256SUMS';
