// Rows of the library tables (see migration CreateLibrary1764345600000).
import { EntitySchema } from 'typeorm';

export interface RecordingRow {
  id: number;
  key: string;
  layout: string;
  officer: string | null;
  device: string | null;
  startUtc: string | null;
  endUtc: string | null;
  startSource: string | null;
  timeZone: string | null;
  /** JSON: clocks, pre-record, triggers, GPS, bookmarks, sidecars. */
  metadata: string;
  /** Lower-case text the free-text search looks in. */
  searchText: string;
  firstSeenUtc: string;
  reviewedUtc: string | null;
}

export const RecordingEntity = new EntitySchema<RecordingRow>({
  name: 'Recording',
  tableName: 'recording',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    key: { type: 'text', unique: true },
    layout: { type: 'text' },
    officer: { type: 'text', nullable: true },
    device: { type: 'text', nullable: true },
    startUtc: { type: 'text', name: 'start_utc', nullable: true },
    endUtc: { type: 'text', name: 'end_utc', nullable: true },
    startSource: { type: 'text', name: 'start_source', nullable: true },
    timeZone: { type: 'text', name: 'time_zone', nullable: true },
    metadata: { type: 'text' },
    searchText: { type: 'text', name: 'search_text' },
    firstSeenUtc: { type: 'text', name: 'first_seen_utc' },
    reviewedUtc: { type: 'text', name: 'reviewed_utc', nullable: true },
  },
});

export interface ClipRow {
  id: number;
  recordingId: number;
  order: number;
  path: string;
  sizeBytes: number;
  mtimeMs: number;
  inode: string;
  sha256: string;
  state: 'ok' | 'missing' | 'changed';
  /** JSON of the ffprobe metadata (ClipProbe). */
  probe: string;
  durationSeconds: number | null;
  frameCount: number;
  playable: boolean;
  problemCode: string | null;
  problemMessage: string | null;
  ingestedUtc: string;
  verifiedUtc: string;
}

export const ClipEntity = new EntitySchema<ClipRow>({
  name: 'Clip',
  tableName: 'clip',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    recordingId: { type: 'integer', name: 'recording_id' },
    order: { type: 'integer', name: 'clip_order' },
    path: { type: 'text', unique: true },
    sizeBytes: { type: 'integer', name: 'size_bytes' },
    mtimeMs: { type: 'real', name: 'mtime_ms' },
    inode: { type: 'text' },
    sha256: { type: 'text' },
    state: { type: 'text' },
    probe: { type: 'text' },
    durationSeconds: { type: 'real', name: 'duration_seconds', nullable: true },
    frameCount: { type: 'integer', name: 'frame_count' },
    playable: { type: 'boolean' },
    problemCode: { type: 'text', name: 'problem_code', nullable: true },
    problemMessage: { type: 'text', name: 'problem_message', nullable: true },
    ingestedUtc: { type: 'text', name: 'ingested_utc' },
    verifiedUtc: { type: 'text', name: 'verified_utc' },
  },
});

export interface FrameIndexRow {
  clipId: number;
  frameCount: number;
  data: Buffer;
}

export const FrameIndexEntity = new EntitySchema<FrameIndexRow>({
  name: 'FrameIndex',
  tableName: 'frame_index',
  columns: {
    clipId: { type: 'integer', name: 'clip_id', primary: true },
    frameCount: { type: 'integer', name: 'frame_count' },
    data: { type: 'blob' },
  },
});

export interface FileProblemRow {
  path: string;
  code: string;
  message: string;
  sizeBytes: number;
  mtimeMs: number;
  inode: string;
  recordingKey: string | null;
  firstSeenUtc: string;
  lastSeenUtc: string;
}

export const FileProblemEntity = new EntitySchema<FileProblemRow>({
  name: 'FileProblem',
  tableName: 'file_problem',
  columns: {
    path: { type: 'text', primary: true },
    code: { type: 'text' },
    message: { type: 'text' },
    sizeBytes: { type: 'integer', name: 'size_bytes' },
    mtimeMs: { type: 'real', name: 'mtime_ms' },
    inode: { type: 'text' },
    recordingKey: { type: 'text', name: 'recording_key', nullable: true },
    firstSeenUtc: { type: 'text', name: 'first_seen_utc' },
    lastSeenUtc: { type: 'text', name: 'last_seen_utc' },
  },
});

export interface IntegrityAlarmRow {
  id: number;
  clipId: number;
  detectedUtc: string;
  expectedSha256: string;
  actualSha256: string | null;
  sizeBytes: number;
  mtimeMs: number;
}

export const IntegrityAlarmEntity = new EntitySchema<IntegrityAlarmRow>({
  name: 'IntegrityAlarm',
  tableName: 'integrity_alarm',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    clipId: { type: 'integer', name: 'clip_id' },
    detectedUtc: { type: 'text', name: 'detected_utc' },
    expectedSha256: { type: 'text', name: 'expected_sha256' },
    actualSha256: { type: 'text', name: 'actual_sha256', nullable: true },
    sizeBytes: { type: 'integer', name: 'size_bytes' },
    mtimeMs: { type: 'real', name: 'mtime_ms' },
  },
});

export interface DerivedFileRow {
  id: number;
  parentSha256: string;
  kind: string;
  /** Relative to the data folder. */
  path: string;
  sha256: string;
  tool: string;
  toolVersion: string;
  parameters: string;
  createdUtc: string;
}

export const DerivedFileEntity = new EntitySchema<DerivedFileRow>({
  name: 'DerivedFile',
  tableName: 'derived_file',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    parentSha256: { type: 'text', name: 'parent_sha256' },
    kind: { type: 'text' },
    path: { type: 'text' },
    sha256: { type: 'text' },
    tool: { type: 'text' },
    toolVersion: { type: 'text', name: 'tool_version' },
    parameters: { type: 'text' },
    createdUtc: { type: 'text', name: 'created_utc' },
  },
});

export const libraryEntities = [RecordingEntity, ClipEntity, FrameIndexEntity, FileProblemEntity, IntegrityAlarmEntity, DerivedFileEntity];
