// Rows of the annotation tables (see migration CreateAnnotations1764950400000).
import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';

export interface AnnotationSetRow {
  id: number;
  clipId: number;
  createdUtc: string;
}

export const AnnotationSetEntity = new EntitySchema<AnnotationSetRow>({
  name: 'AnnotationSet',
  tableName: 'annotation_set',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    clipId: { type: 'integer', name: 'clip_id', unique: true },
    createdUtc: { type: 'text', name: 'created_utc' },
  },
});

/** Columns every annotation row has: its set, who made it, when, deletion and version. */
export interface RecordRow {
  id: number;
  setId: number;
  author: string;
  createdUtc: string;
  updatedUtc: string;
  deletedUtc: string | null;
  version: number;
}

const recordColumns: Record<keyof RecordRow, EntitySchemaColumnOptions> = {
  id: { type: 'integer', primary: true, generated: 'increment' },
  setId: { type: 'integer', name: 'set_id' },
  author: { type: 'text' },
  createdUtc: { type: 'text', name: 'created_utc' },
  updatedUtc: { type: 'text', name: 'updated_utc' },
  deletedUtc: { type: 'text', name: 'deleted_utc', nullable: true },
  version: { type: 'integer' },
};

export interface MarkerRow extends RecordRow {
  startFrame: number;
  endFrame: number;
  category: string;
  text: string;
  statement: 'fact' | 'assessment';
}

export const MarkerEntity = new EntitySchema<MarkerRow>({
  name: 'Marker',
  tableName: 'marker',
  columns: {
    ...recordColumns,
    startFrame: { type: 'integer', name: 'start_frame' },
    endFrame: { type: 'integer', name: 'end_frame' },
    category: { type: 'text' },
    text: { type: 'text' },
    statement: { type: 'text' },
  },
});

export interface RedactionTrackRow extends RecordRow {
  shape: 'rectangle' | 'ellipse';
  method: 'fill' | 'pixelate' | 'blur';
  blockSize: number;
  reason: string;
  note: string;
}

export const RedactionTrackEntity = new EntitySchema<RedactionTrackRow>({
  name: 'RedactionTrack',
  tableName: 'redaction_track',
  columns: {
    ...recordColumns,
    shape: { type: 'text' },
    method: { type: 'text' },
    blockSize: { type: 'integer', name: 'block_size' },
    reason: { type: 'text' },
    note: { type: 'text' },
  },
});

export interface TrackKeyframeRow {
  trackId: number;
  frame: number;
  x: number;
  y: number;
  width: number;
  height: number;
  outside: boolean;
}

export const TrackKeyframeEntity = new EntitySchema<TrackKeyframeRow>({
  name: 'TrackKeyframe',
  tableName: 'track_keyframe',
  columns: {
    trackId: { type: 'integer', name: 'track_id', primary: true },
    frame: { type: 'integer', primary: true },
    x: { type: 'real' },
    y: { type: 'real' },
    width: { type: 'real' },
    height: { type: 'real' },
    outside: { type: 'boolean' },
  },
});

export interface AudioRedactionRow extends RecordRow {
  startFrame: number;
  endFrame: number;
  effect: 'mute' | 'bleep';
  channel: number | null;
  note: string;
}

export const AudioRedactionEntity = new EntitySchema<AudioRedactionRow>({
  name: 'AudioRedaction',
  tableName: 'audio_redaction',
  columns: {
    ...recordColumns,
    startFrame: { type: 'integer', name: 'start_frame' },
    endFrame: { type: 'integer', name: 'end_frame' },
    effect: { type: 'text' },
    channel: { type: 'integer', nullable: true },
    note: { type: 'text' },
  },
});

export const annotationEntities = [AnnotationSetEntity, MarkerEntity, RedactionTrackEntity, TrackKeyframeEntity, AudioRedactionEntity];
