// What an export reads of one clip: the original on the station drive, its frame index, probe and
// recording, its live annotations, and the range asked for. Every refusal names the clip and why,
// before any work starts: a missing or changed original (integrity alarm) is never exported.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import type { ExportClip } from '../../../shared/api/exports.ts';
import { frameDuration } from '../../../shared/time/frames.ts';
import { layOutClips, frameInstant, type ClipSpan } from '../../../shared/time/recording-timeline.ts';
import { AnnotationSetEntity } from '../../db/entities/annotations.ts';
import { ClipEntity, FrameIndexEntity, RecordingEntity, type ClipRow, type RecordingRow } from '../../db/entities/library.ts';
import { clipBounds } from '../annotations/annotation-service.ts';
import { readSet, type AnnotationRows } from '../annotations/annotation-rows.ts';
import { decodeFrameIndex, type FrameIndex } from '../library/analysis/frame-index.ts';
import type { ClipProbe } from '../library/analysis/probe.ts';
import type { RecordingMetadata } from '../library/library-service.ts';
import { frameTimeline } from '../library/derived/frame-times.ts';
import type { RenderSource } from '../redaction/render-plan.ts';
import { ServiceError } from '../service-error.ts';

export interface ExportSource {
  clip: ClipRow;
  recording: RecordingRow;
  metadata: RecordingMetadata;
  render: RenderSource;
  annotations: AnnotationRows;
  /** The range, frames of the original, inclusive. */
  from: number;
  to: number;
  /** The clip's place on its recording's timeline, for wall-clock times; null without a recording start. */
  span: ClipSpan | null;
}

/** The recording's clips laid end to end, and this clip's span among them. */
async function clipSpan(manager: EntityManager, clip: ClipRow, recording: RecordingRow): Promise<ClipSpan | null> {
  if (!recording.startUtc) return null;
  const clips = await manager.getRepository(ClipEntity).find({ where: { recordingId: recording.id }, order: { order: 'ASC' } });
  const laid: { clipId: number; timeline: ReturnType<typeof frameTimeline> }[] = [];
  for (const sibling of clips) {
    const row = await manager.getRepository(FrameIndexEntity).findOneBy({ clipId: sibling.id });
    if (!row) return null;
    laid.push({ clipId: sibling.id, timeline: frameTimeline(decodeFrameIndex(row.data)) });
  }
  return layOutClips(laid).find((span) => span.clipId === clip.id) ?? null;
}

export async function loadExportSource(manager: EntityManager, stationDrive: string, request: ExportClip): Promise<ExportSource> {
  const clip = await manager.getRepository(ClipEntity).findOneBy({ id: request.clipId });
  if (!clip) throw new ServiceError('not_found', `No clip with id ${request.clipId}`);
  const name = `clip ${clip.id} (${clip.path})`;
  if (clip.state === 'missing') throw new ServiceError('unavailable', `${name}: the original is missing from the station drive; nothing can be exported from it`);
  if (clip.state === 'changed') throw new ServiceError('unavailable', `${name}: integrity alarm, the original no longer has the SHA-256 it had at ingest; it is not exported`);
  if (!stationDrive) throw new ServiceError('unavailable', 'No station drive is set; the originals cannot be read');
  const recording = await manager.getRepository(RecordingEntity).findOneByOrFail({ id: clip.recordingId });
  const indexRow = await manager.getRepository(FrameIndexEntity).findOneBy({ clipId: clip.id });
  const probe = JSON.parse(clip.probe) as ClipProbe;
  if (!indexRow || indexRow.frameCount === 0 || !probe.video) throw new ServiceError('unavailable', `${name} has no decodable video frames to export`);
  const index: FrameIndex = decodeFrameIndex(indexRow.data);
  const last = index.pts.length - 1;
  const from = request.fromFrame ?? 0;
  const to = request.toFrame ?? last;
  if (to > last) throw new ServiceError('invalid_request', `${name} has frames 0 to ${last}; the range ${from}–${to} reaches past its end`);
  const file = path.join(stationDrive, clip.path);
  await access(file, constants.R_OK).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'it is no longer on the station drive' : `it cannot be read (${error.code ?? error.message})`;
    throw new ServiceError('unavailable', `${name}: the original ${file} cannot be exported: ${why}`);
  });
  const set = await manager.getRepository(AnnotationSetEntity).findOneBy({ clipId: clip.id });
  const annotations = set ? await readSet(manager, set.id, { deleted: false }) : { markers: [], tracks: [], audio: [] };
  return {
    clip,
    recording,
    metadata: JSON.parse(recording.metadata) as RecordingMetadata,
    render: { file, index, picture: clipBounds(clip).picture, audio: probe.audio[0] ?? null },
    annotations,
    from,
    to,
    span: await clipSpan(manager, clip, recording),
  };
}

/** Wall-clock time (ISO UTC) of the start of frame n, or of its end; null when the recording's start is unknown. */
export function frameUtc(source: ExportSource, frame: number, edge: 'start' | 'end' = 'start'): string | null {
  if (!source.span || !source.recording.startUtc) return null;
  const instant = frameInstant(source.recording.startUtc, source.span, frame);
  const extra = edge === 'end' ? frameDuration(source.span.timeline, frame) * 1000 : 0;
  return new Date(Math.round(instant + extra)).toISOString();
}
