// The annotation document: a clip's markers, redaction tracks and audio redactions as one JSON
// file, to move them between stations and keep them beside an export. Versioned; the JSON Schema
// in annotations.schema.json is generated from these definitions (npm run schema:annotations)
// and a test keeps the two equal. Rows are written without their database ids; who made them and
// when travels with them. The clip is named by the SHA-256 of its original: a document is only
// imported into the clip it was made on. The descriptions below end up in the JSON Schema.
import { z } from 'zod';
import { AudioRedactionDraftSchema, MarkerDraftSchema, TrackDraftSchema } from '../api/annotations.ts';

export const documentSchemaName = 'revier.annotations';
export const documentSchemaVersion = 1;

/** The same fields, each with its description for the JSON Schema. */
function described<Shape extends Record<string, z.ZodType>>(shape: Shape, descriptions: { [Key in keyof Shape]?: string }): Shape {
  const fields: Record<string, z.ZodType> = { ...shape };
  for (const [key, description] of Object.entries(descriptions)) {
    const field = shape[key];
    if (field && description) fields[key] = field.describe(description);
  }
  return fields as Shape;
}

const utc = z.iso.datetime();

const provenance = described(
  {
    author: z.string().min(1).max(128),
    createdUtc: utc,
    updatedUtc: utc,
    deletedUtc: utc.nullable(),
  },
  {
    author: 'User who made the annotation on the exporting station.',
    createdUtc: 'When the annotation was made (ISO 8601, UTC).',
    updatedUtc: 'When it was last changed (ISO 8601, UTC).',
    deletedUtc: 'When it was deleted, or null: deleted annotations are kept and exported with this time.',
  },
);

const rangeRule = {
  check: (range: { startFrame: number; endFrame: number }) => range.endFrame >= range.startFrame,
  message: { message: 'endFrame must not be before startFrame', path: ['endFrame'] },
};
const frameRange = {
  startFrame: 'First frame covered (frame numbers from 0 in display order).',
  endFrame: 'Last frame covered, inclusive; not before startFrame.',
};

export const DocumentMarkerSchema = z
  .object(
    described(
      { ...MarkerDraftSchema.shape, ...provenance },
      {
        ...frameRange,
        endFrame: 'Last frame covered, inclusive; equal to startFrame for a point marker.',
        category: 'Category as the station names it, e.g. "Widerstand".',
        text: 'What the reviewer noted.',
        statement: '"fact": what the picture shows; "assessment": the reviewer\'s reading of it.',
      },
    ),
  )
  .strict()
  .refine(rangeRule.check, rangeRule.message)
  .describe('An evidence marker on one frame or a range of frames.');

export const DocumentTrackSchema = z
  .object(
    described(
      { ...TrackDraftSchema.shape, ...provenance },
      {
        shape: 'Shape of the mask inside its box.',
        method: 'How the mask hides: solid fill, pixelation, or blur (not sufficient for personal data).',
        blockSize: 'Edge of a pixelation block in source pixels (used by "pixelate").',
        reason: 'Why the area is hidden.',
        note: 'Free text of the reviewer.',
        keyframes:
          'Keyframes in strictly ascending frame order, at most one per frame. box is in source pixels of the upright picture ' +
          '(x, y of the top left corner, width, height) and lies inside it. The box moves linearly between shown keyframes; ' +
          'outside: true hides the track from that frame until the next shown keyframe.',
      },
    ),
  )
  .strict()
  .describe('A redaction track: a masked box that follows an object through the clip.');

export const DocumentAudioSchema = z
  .object(
    described(
      { ...AudioRedactionDraftSchema.shape, ...provenance },
      {
        ...frameRange,
        effect: 'Silence ("mute") or a tone ("bleep") over the range.',
        channel: 'Audio channel from 0 (0 left, 1 right, …), or null for all channels.',
        note: 'Free text of the reviewer.',
      },
    ),
  )
  .strict()
  .refine(rangeRule.check, rangeRule.message)
  .describe('An audio redaction over a range of frames.');

export const AnnotationDocumentSchema = z
  .object(
    described(
      {
        schema: z.literal(documentSchemaName),
        schemaVersion: z.literal(documentSchemaVersion),
        exportedUtc: utc,
        clip: z
          .object(
            described(
              {
                sha256: z.string().regex(/^[0-9a-f]{64}$/),
                path: z.string(),
                frameCount: z.number().int().min(0),
                picture: z.object({ width: z.number().int().min(0), height: z.number().int().min(0) }).strict(),
              },
              {
                sha256: 'SHA-256 of the original file (lower-case hex): a document is only imported into this clip.',
                path: 'Path on the station drive when exported (for people; the hash decides).',
                frameCount: 'Number of frames of the clip.',
                picture: 'Size of the upright picture (after rotation) in source pixels, which geometry refers to.',
              },
            ),
          )
          .strict(),
        markers: z.array(DocumentMarkerSchema),
        tracks: z.array(DocumentTrackSchema),
        audio: z.array(DocumentAudioSchema),
      },
      {
        schema: `Always "${documentSchemaName}".`,
        schemaVersion: 'Version of this format; a reader refuses versions it does not know.',
        exportedUtc: 'When the document was written (ISO 8601, UTC).',
        clip: 'The clip the annotations belong to.',
        markers: 'Evidence markers, by startFrame, then createdUtc.',
        tracks: 'Redaction tracks, by createdUtc.',
        audio: 'Audio redactions, by createdUtc.',
      },
    ),
  )
  .strict()
  .meta({
    $id: 'https://revier.invalid/schemas/annotations-v1.json',
    title: 'Revier annotation document, version 1',
    description: 'Evidence markers, redaction tracks and audio redactions of one clip, anchored to frame numbers (from 0, display order) of the original named by its SHA-256.',
  });
export type AnnotationDocument = z.infer<typeof AnnotationDocumentSchema>;
