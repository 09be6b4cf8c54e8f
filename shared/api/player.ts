// The player as the contract shows it. Opening a clip is a consultation (Einsichtnahme): it needs
// a justification, is written to the audit log, and only then does the core hand out the opaque
// media token under which the hosts serve the clip's bytes.
import { z } from 'zod';
import { ProxyStateSchema } from './library.ts';

/** Why the footage is viewed: free text or a case reference (Aktenzeichen). */
export const JustificationSchema = z.string().trim().min(3).max(500);

export const OpenClipRequestSchema = z
  .object({
    clipId: z.number().int().positive(),
    justification: JustificationSchema,
  })
  .strict();

/** An unguessable token naming one clip's media for the rest of the session. */
export const MediaTokenSchema = z.string().regex(/^[0-9a-f]{32}$/);

export const ClipMediaSchema = z.object({
  token: MediaTokenSchema,
  /** The original, or the review proxy (same frames at the same times) when the renderer cannot play it. */
  source: z.enum(['original', 'proxy']),
  mimeType: z.string(),
});
export type ClipMedia = z.infer<typeof ClipMediaSchema>;

/** The clip's frame index: presentation time of every frame in seconds (display order) and the keyframes. */
export const ClipFramesSchema = z.object({
  seconds: z.array(z.number()),
  keyframes: z.array(z.number().int().min(0)),
});

export const OpenedClipSchema = z.object({
  clipId: z.number().int(),
  recordingId: z.number().int(),
  /** Sequence number of the audit entry that records this consultation. */
  consultation: z.number().int().positive(),
  justification: z.string(),
  /** Null while the review proxy the clip needs is not ready; ask `player.media` again when it is. */
  media: ClipMediaSchema.nullable(),
  proxy: ProxyStateSchema,
  frames: ClipFramesSchema,
});
export type OpenedClip = z.infer<typeof OpenedClipSchema>;

/** Audio peaks under the timeline: min and max per channel per bucket, int16 little-endian, base64. */
export const WaveformPeaksSchema = z.object({
  channels: z.number().int().positive(),
  peaksPerSecond: z.number().positive(),
  /** Media time of the first bucket (same clock as the frame index). */
  startSeconds: z.number(),
  peakCount: z.number().int().min(0),
  peaks: z.string(),
});
export type WaveformPeaks = z.infer<typeof WaveformPeaksSchema>;
