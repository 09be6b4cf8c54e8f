// Annotations as the contract shows them: evidence markers, redaction tracks and audio
// redactions of one clip, all anchored to frame numbers of the original (frames from 0 in display
// order, shared/time/frames.ts). Every change is one command; the core writes it in one
// transaction with its audit entry and keeps an undo history per clip and session.
import { z } from 'zod';

/** A frame number of the clip. */
export const FrameSchema = z.number().int().min(0).max(100_000_000);

/** Defaults of the station's marker categories (settings: `markerCategories`). */
export const defaultMarkerCategories = [
  'Angriff auf Beamte',
  'Widerstand',
  'Beleidigung',
  'Bedrohung',
  'Körperverletzung',
  'Sachbeschädigung',
  'Verstoß BtMG',
  'Entlastend',
  'Sonstiges',
];
export const MarkerCategorySchema = z.string().trim().min(1).max(80);

/** Whether a marker states what the picture shows (fact) or the reviewer's reading of it (assessment). */
export const statements = ['fact', 'assessment'] as const;
export const redactionShapes = ['rectangle', 'ellipse'] as const;
/** How a mask hides: solid fill, pixelation with a block size, or blur (not sufficient for personal data). */
export const redactionMethods = ['fill', 'pixelate', 'blur'] as const;
/** Why something is hidden; the UI names them (Unbeteiligte Person, Kind, Kennzeichen, …). */
export const redactionReasons = ['bystander', 'child', 'licence_plate', 'screen', 'document', 'badge', 'home_interior', 'other'] as const;
export const audioEffects = ['mute', 'bleep'] as const;

const frameRange = <T extends { startFrame: number; endFrame: number }>(value: T) => value.endFrame >= value.startFrame;
const rangeMessage = { message: 'endFrame must not be before startFrame', path: ['endFrame'] };

export const MarkerDraftSchema = z
  .object({
    startFrame: FrameSchema,
    /** Equal to startFrame for a point marker. */
    endFrame: FrameSchema,
    category: MarkerCategorySchema,
    text: z.string().max(4000),
    statement: z.enum(statements),
  })
  .strict()
  .refine(frameRange, rangeMessage);
export type MarkerDraft = z.infer<typeof MarkerDraftSchema>;

/** Geometry in source pixels of the upright picture; checked against the picture by the core. */
export const BoxSchema = z
  .object({
    x: z.number().min(0),
    y: z.number().min(0),
    width: z.number().positive(),
    height: z.number().positive(),
  })
  .strict();

export const KeyframeSchema = z
  .object({
    frame: FrameSchema,
    box: BoxSchema,
    /** The object has left the picture at this frame: the track is hidden until the next shown keyframe. */
    outside: z.boolean(),
  })
  .strict();

export const TrackPropertiesSchema = z
  .object({
    shape: z.enum(redactionShapes),
    method: z.enum(redactionMethods),
    /** Edge of a pixelation block in source pixels (used by `pixelate`). */
    blockSize: z.number().int().min(4).max(256),
    reason: z.enum(redactionReasons),
    note: z.string().max(1000),
  })
  .strict();
export type TrackProperties = z.infer<typeof TrackPropertiesSchema>;

export const TrackDraftSchema = TrackPropertiesSchema.extend({
  /** Sorted by frame, one per frame. */
  keyframes: z.array(KeyframeSchema).min(1).max(100_000),
}).strict();
export type TrackDraft = z.infer<typeof TrackDraftSchema>;

export const AudioRedactionDraftSchema = z
  .object({
    startFrame: FrameSchema,
    endFrame: FrameSchema,
    effect: z.enum(audioEffects),
    /** The channel (0 left, 1 right, …) or null for all. */
    channel: z.number().int().min(0).max(7).nullable(),
    note: z.string().max(1000),
  })
  .strict()
  .refine(frameRange, rangeMessage);
export type AudioRedactionDraft = z.infer<typeof AudioRedactionDraftSchema>;

/** Who made an annotation and when; `version` grows with every write of the row. */
const recordFields = {
  id: z.number().int().positive(),
  version: z.number().int().positive(),
  author: z.string(),
  createdUtc: z.string(),
  updatedUtc: z.string(),
  /** Set when deleted: the record stays, marked deleted. */
  deletedUtc: z.string().nullable(),
};

export const MarkerSchema = z.object({ ...MarkerDraftSchema.shape, ...recordFields });
export type Marker = z.infer<typeof MarkerSchema>;
export const TrackSchema = z.object({ ...TrackDraftSchema.shape, ...recordFields });
export type Track = z.infer<typeof TrackSchema>;
export const AudioRedactionSchema = z.object({ ...AudioRedactionDraftSchema.shape, ...recordFields });
export type AudioRedaction = z.infer<typeof AudioRedactionSchema>;

const id = z.number().int().positive();
const version = z.number().int().positive();

/** One change to a clip's annotations. `version` is the row version the change is based on. */
export const AnnotationChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('marker.create'), marker: MarkerDraftSchema }).strict(),
  z.object({ type: z.literal('marker.update'), id, version, marker: MarkerDraftSchema }).strict(),
  z.object({ type: z.literal('marker.delete'), id, version }).strict(),
  z.object({ type: z.literal('track.create'), track: TrackDraftSchema }).strict(),
  z.object({ type: z.literal('track.update'), id, version, properties: TrackPropertiesSchema }).strict(),
  /** Adds the keyframe, or replaces the one on its frame. */
  z.object({ type: z.literal('track.keyframe.set'), id, version, keyframe: KeyframeSchema }).strict(),
  z.object({ type: z.literal('track.keyframe.remove'), id, version, frame: FrameSchema }).strict(),
  z.object({ type: z.literal('track.delete'), id, version }).strict(),
  z.object({ type: z.literal('audio.create'), audio: AudioRedactionDraftSchema }).strict(),
  z.object({ type: z.literal('audio.update'), id, version, audio: AudioRedactionDraftSchema }).strict(),
  z.object({ type: z.literal('audio.delete'), id, version }).strict(),
]);
export type AnnotationChange = z.infer<typeof AnnotationChangeSchema>;
export type AnnotationChangeType = AnnotationChange['type'];

export const ChangeRequestSchema = z.object({ clipId: id, change: AnnotationChangeSchema }).strict();
export const ClipRequestSchema = z.object({ clipId: id }).strict();

/** What undo and redo would do next: the type of the change they would revert or repeat. */
export const HistoryStateSchema = z.object({
  undo: z.string().nullable(),
  redo: z.string().nullable(),
});
export type HistoryState = z.infer<typeof HistoryStateSchema>;

/** An annotation as it is after a change (deleted ones carry `deletedUtc`). */
export const AnnotationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('marker'), marker: MarkerSchema }),
  z.object({ kind: z.literal('track'), track: TrackSchema }),
  z.object({ kind: z.literal('audio'), audio: AudioRedactionSchema }),
]);
export type Annotation = z.infer<typeof AnnotationSchema>;

export const AnnotationUpdateSchema = z.object({
  annotation: AnnotationSchema,
  history: HistoryStateSchema,
});
export type AnnotationUpdate = z.infer<typeof AnnotationUpdateSchema>;

/** The live (not deleted) annotations of a clip, with its picture size and frame count. */
export const AnnotationSetSchema = z.object({
  clipId: id,
  frameCount: z.number().int().min(0),
  /** The upright picture (after rotation) that geometry refers to. */
  picture: z.object({ width: z.number().int().min(0), height: z.number().int().min(0) }),
  markers: z.array(MarkerSchema),
  tracks: z.array(TrackSchema),
  audio: z.array(AudioRedactionSchema),
  history: HistoryStateSchema,
});
export type AnnotationSet = z.infer<typeof AnnotationSetSchema>;

/**
 * On the wire a track's keyframes travel packed: per keyframe its frame, x, y, width, height and
 * outside (1 or 0) as float64 in platform (little-endian) order, base64-encoded. A clip may carry
 * 100,000 keyframes; as objects they would cost the core and the renderer a schema check and JSON
 * work per keyframe on every open. The hosts pack and the renderer's client unpacks, so both sides
 * work with `Track` objects.
 */
export const keyframeFields = 6;

export function keyframeValues(keyframes: readonly Track['keyframes'][number][]): Float64Array {
  const values = new Float64Array(keyframes.length * keyframeFields);
  keyframes.forEach(({ frame, box, outside }, index) => {
    values.set([frame, box.x, box.y, box.width, box.height, outside ? 1 : 0], index * keyframeFields);
  });
  return values;
}

export function keyframesOf(values: Float64Array): Track['keyframes'] {
  const keyframes: Track['keyframes'] = [];
  for (let at = 0; at + keyframeFields <= values.length; at += keyframeFields) {
    keyframes.push({
      frame: values[at] as number,
      box: { x: values[at + 1] as number, y: values[at + 2] as number, width: values[at + 3] as number, height: values[at + 4] as number },
      outside: values[at + 5] === 1,
    });
  }
  return keyframes;
}

export const PackedTrackSchema = TrackSchema.omit({ keyframes: true }).extend({ keyframes: z.string() });
export type PackedTrack = z.infer<typeof PackedTrackSchema>;
export const PackedAnnotationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('marker'), marker: MarkerSchema }),
  z.object({ kind: z.literal('track'), track: PackedTrackSchema }),
  z.object({ kind: z.literal('audio'), audio: AudioRedactionSchema }),
]);
export type PackedAnnotation = z.infer<typeof PackedAnnotationSchema>;
export const PackedAnnotationUpdateSchema = AnnotationUpdateSchema.extend({ annotation: PackedAnnotationSchema });
export type PackedAnnotationUpdate = z.infer<typeof PackedAnnotationUpdateSchema>;
export const PackedAnnotationSetSchema = AnnotationSetSchema.extend({ tracks: z.array(PackedTrackSchema) });
export type PackedAnnotationSet = z.infer<typeof PackedAnnotationSetSchema>;

export const annotationFormats = ['json', 'vtt'] as const;
export const ExportRequestSchema = z.object({ clipId: id, format: z.enum(annotationFormats) }).strict();
export const AnnotationExportSchema = z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() });
export type AnnotationExport = z.infer<typeof AnnotationExportSchema>;
/** A JSON annotation document (shared/annotations/document.ts) as text, at most 32 MiB. */
export const ImportRequestSchema = z.object({ clipId: id, document: z.string().max(32 * 1024 * 1024) }).strict();

/** Names one annotation of a clip, e.g. the selection in the player. */
export interface AnnotationRef {
  kind: Annotation['kind'];
  id: number;
}
