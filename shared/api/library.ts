// The library (Bibliothek) as the contract shows it: recordings found on the station drive,
// their clips, the problems met while reading them, and the scan that keeps it current.
import { z } from 'zod';

export const clockSources = ['sidecar', 'file-name', 'container', 'gps', 'file-system'] as const;
export const ClockSourceSchema = z.enum(clockSources);

export const TimeReadingSchema = z.object({
  source: ClockSourceSchema,
  utc: z.string(),
  raw: z.string(),
  note: z.string().optional(),
});
export type TimeReading = z.infer<typeof TimeReadingSchema>;

/** Stable codes of what can be wrong with a file; the UI words them in German and English. */
export const fileProblemCodes = ['EMPTY', 'TRUNCATED', 'NOT_VIDEO', 'UNSUPPORTED_CODEC', 'UNREADABLE', 'SIDECAR_INVALID'] as const;
export const FileProblemCodeSchema = z.enum(fileProblemCodes);
export type FileProblemCode = z.infer<typeof FileProblemCodeSchema>;

export const FileProblemSchema = z.object({
  path: z.string(),
  code: FileProblemCodeSchema,
  message: z.string(),
  lastSeenUtc: z.string(),
});
export type FileProblem = z.infer<typeof FileProblemSchema>;

/** `held`: a hold requested or active on one of its clips; `locked`: a processing lock that is locked or due for deletion. */
export const recordingStatuses = ['new', 'reviewed', 'has-markers', 'missing', 'integrity-alarm', 'error', 'held', 'locked'] as const;
export const RecordingStatusSchema = z.enum(recordingStatuses);
export type RecordingStatus = z.infer<typeof RecordingStatusSchema>;

export const RationalSchema = z.object({ num: z.number().int(), den: z.number().int().positive() });

export const clipStates = ['ok', 'missing', 'changed'] as const;

export const ClipSummarySchema = z.object({
  id: z.number().int(),
  path: z.string(),
  order: z.number().int(),
  state: z.enum(clipStates),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  container: z.string(),
  videoCodec: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  rotation: z.number().int(),
  frameRate: RationalSchema.nullable(),
  durationSeconds: z.number().nullable(),
  frameCount: z.number().int(),
  audio: z.array(z.object({ codec: z.string(), channels: z.number().int(), sampleRate: z.number().int() })),
  /** Whether the renderer can play the original, or needs a review proxy. */
  playable: z.boolean(),
  problem: z.object({ code: FileProblemCodeSchema, message: z.string() }).nullable(),
  ingestedUtc: z.string(),
});
export type ClipSummary = z.infer<typeof ClipSummarySchema>;

export const RecordingSummarySchema = z.object({
  id: z.number().int(),
  layout: z.enum(['axis', 'motorola', 'dcim', 'plain']),
  officer: z.string().nullable(),
  device: z.string().nullable(),
  startUtc: z.string().nullable(),
  endUtc: z.string().nullable(),
  /** The clock the start time was taken from. */
  startSource: ClockSourceSchema.nullable(),
  durationSeconds: z.number().nullable(),
  clipCount: z.number().int(),
  statuses: z.array(RecordingStatusSchema),
  /** The clip whose thumbnail strip represents the recording. */
  thumbnailClipId: z.number().int().nullable(),
});
export type RecordingSummary = z.infer<typeof RecordingSummarySchema>;

export const RecordingDetailSchema = RecordingSummarySchema.extend({
  key: z.string(),
  timeZone: z.string().nullable(),
  start: z.array(TimeReadingSchema),
  end: z.array(TimeReadingSchema),
  /** hasAudio is null where the layout does not say (Axis keeps it in the camera profile). */
  preRecord: z.object({ startUtc: z.string(), endUtc: z.string(), hasAudio: z.boolean().nullable() }).nullable(),
  triggers: z.array(z.object({ reason: z.string(), utc: z.string().nullable() })),
  gps: z.object({
    points: z.number().int(),
    first: z.object({ utc: z.string(), lat: z.number(), lon: z.number() }).nullable(),
    last: z.object({ utc: z.string(), lat: z.number(), lon: z.number() }).nullable(),
  }),
  bookmarks: z.array(z.object({ utc: z.string(), label: z.string() })),
  sidecars: z.array(z.string()),
  clips: z.array(ClipSummarySchema),
  problems: z.array(FileProblemSchema),
  alarms: z.array(z.object({ clipId: z.number().int(), path: z.string(), detectedUtc: z.string(), expectedSha256: z.string(), actualSha256: z.string().nullable() })),
});
export type RecordingDetail = z.infer<typeof RecordingDetailSchema>;

export const librarySortKeys = ['start', 'officer', 'device', 'duration'] as const;

export const LibraryQuerySchema = z
  .object({
    fromUtc: z.string().datetime().optional(),
    toUtc: z.string().datetime().optional(),
    officer: z.string().max(200).optional(),
    device: z.string().max(200).optional(),
    status: RecordingStatusSchema.optional(),
    text: z.string().max(200).optional(),
    sort: z.enum(librarySortKeys).default('start'),
    descending: z.boolean().default(true),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type LibraryQuery = z.input<typeof LibraryQuerySchema>;

export const LibraryPageSchema = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  recordings: z.array(RecordingSummarySchema),
});
export type LibraryPage = z.infer<typeof LibraryPageSchema>;

export const LibraryFacetsSchema = z.object({
  officers: z.array(z.string()),
  devices: z.array(z.string()),
  problems: z.array(FileProblemSchema),
});
export type LibraryFacets = z.infer<typeof LibraryFacetsSchema>;

export const scanPhases = ['listing', 'reading', 'deriving', 'done', 'cancelled', 'failed'] as const;
export const ScanProgressSchema = z.object({
  running: z.boolean(),
  phase: z.enum(scanPhases),
  filesTotal: z.number().int(),
  filesDone: z.number().int(),
  bytesTotal: z.number().int(),
  bytesDone: z.number().int(),
  currentPath: z.string().nullable(),
  newClips: z.number().int(),
  problems: z.number().int(),
  alarms: z.number().int(),
  message: z.string().nullable(),
});
export type ScanProgress = z.infer<typeof ScanProgressSchema>;

/** A strip of small pictures across a clip, for the library row and the timeline. */
export const ThumbnailStripSchema = z.object({
  /** One JPEG with `count` pictures side by side, as a data: URL. */
  image: z.string().startsWith('data:image/jpeg;base64,'),
  tileWidth: z.number().int(),
  tileHeight: z.number().int(),
  /** The frame number each picture shows. */
  frameNumbers: z.array(z.number().int()),
});
export type ThumbnailStrip = z.infer<typeof ThumbnailStripSchema>;

/** The review proxy of a clip the renderer cannot play (H.264 copy with the same frames and times). */
export const ProxyStateSchema = z.object({
  sha256: z.string(),
  state: z.enum(['not-needed', 'queued', 'running', 'done', 'failed', 'cancelled']),
  fraction: z.number().min(0).max(1),
  error: z.string().nullable(),
});
export type ProxyState = z.infer<typeof ProxyStateSchema>;
