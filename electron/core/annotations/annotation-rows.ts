// Annotations to and from their rows. Reading a whole set is one SQL statement per table, not
// entity hydration: a clip may carry 10,000 markers and 100,000 keyframes and must open in well
// under half a second. Writing a state replaces a row (and a track's keyframes) as a whole; the
// caller has checked its version inside the same transaction.
import type { EntityManager } from 'typeorm';
import { keyframeFields, keyframesOf, type Annotation, type AudioRedaction, type Marker, type Track } from '../../../shared/api/annotations.ts';
import {
  AudioRedactionEntity,
  MarkerEntity,
  RedactionTrackEntity,
  TrackKeyframeEntity,
  type AudioRedactionRow,
  type MarkerRow,
  type RedactionTrackRow,
} from '../../db/entities/annotations.ts';

export interface AnnotationRows {
  markers: Marker[];
  tracks: Track[];
  audio: AudioRedaction[];
}

const record = 'id, version, author, created_utc AS createdUtc, updated_utc AS updatedUtc, deleted_utc AS deletedUtc';
const columns = {
  marker: `${record}, start_frame AS startFrame, end_frame AS endFrame, category, text, statement`,
  track: `${record}, shape, method, block_size AS blockSize, reason, note`,
  audio: `${record}, start_frame AS startFrame, end_frame AS endFrame, effect, channel, note`,
};
const tables = { marker: 'marker', track: 'redaction_track', audio: 'audio_redaction' } as const;

type KeyframeRow = { frame: number; x: number; y: number; width: number; height: number; outside: number };

/** A set's rows, each track's keyframes as packed values (keyframeValues layout, frame order). */
export interface SetRows {
  markers: Marker[];
  tracks: Omit<Track, 'keyframes'>[];
  keyframes: Map<number, Float64Array>;
  audio: AudioRedaction[];
}

/**
 * The keyframes of a set's tracks, packed straight from SQLite rows read as arrays (through the
 * better-sqlite3 connection under TypeORM): a large clip has 100,000 of them, and objects per
 * row and per keyframe would cost the open more than the query does.
 */
function keyframeValuesOf(manager: EntityManager, setId: number, live: string): Map<number, Float64Array> {
  const connection = (manager.connection.driver as unknown as { databaseConnection: BetterSqlite3Connection }).databaseConnection;
  const rows = connection
    .prepare(`SELECT track_id, frame, x, y, width, height, outside FROM track_keyframe WHERE track_id IN (SELECT id FROM redaction_track WHERE set_id = ? ${live}) ORDER BY track_id, frame`)
    .raw(true)
    .all(setId);
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row[0] as number, (counts.get(row[0] as number) ?? 0) + 1);
  const values = new Map<number, Float64Array>();
  for (const [trackId, count] of counts) values.set(trackId, new Float64Array(count * keyframeFields));
  let trackId = -1;
  let packed: Float64Array | undefined;
  let at = 0;
  for (const row of rows) {
    if (row[0] !== trackId) {
      trackId = row[0] as number;
      packed = values.get(trackId);
      at = 0;
    }
    for (let field = 0; field < keyframeFields; field++) (packed as Float64Array)[at + field] = row[field + 1] as number;
    at += keyframeFields;
  }
  return values;
}

interface BetterSqlite3Connection {
  prepare(sql: string): { raw(on: boolean): { all(...parameters: unknown[]): unknown[][] } };
}

/** The rows of a set: live ones only, or with the deleted ones kept on record. */
export async function readSetRows(manager: EntityManager, setId: number, { deleted }: { deleted: boolean }): Promise<SetRows> {
  const live = deleted ? '' : 'AND deleted_utc IS NULL';
  const markers = (await manager.query(`SELECT ${columns.marker} FROM marker WHERE set_id = ? ${live} ORDER BY start_frame, id`, [setId])) as Marker[];
  const tracks = (await manager.query(`SELECT ${columns.track} FROM redaction_track WHERE set_id = ? ${live} ORDER BY id`, [setId])) as Omit<Track, 'keyframes'>[];
  const audio = (await manager.query(`SELECT ${columns.audio} FROM audio_redaction WHERE set_id = ? ${live} ORDER BY start_frame, id`, [setId])) as AudioRedaction[];
  return { markers, tracks, keyframes: keyframeValuesOf(manager, setId, live), audio };
}

/** The annotations of a set as objects: live ones only, or with the deleted ones kept on record. */
export async function readSet(manager: EntityManager, setId: number, options: { deleted: boolean }): Promise<AnnotationRows> {
  const { markers, tracks, keyframes, audio } = await readSetRows(manager, setId, options);
  return { markers, tracks: tracks.map((track) => ({ ...track, keyframes: keyframesOf(keyframes.get(track.id) ?? new Float64Array()) })), audio };
}

/** One annotation with the set it belongs to, deleted or not; null when there is none. */
export async function readAnnotation(manager: EntityManager, kind: Annotation['kind'], id: number): Promise<{ setId: number; annotation: Annotation } | null> {
  const rows = (await manager.query(`SELECT set_id AS setId, ${columns[kind]} FROM ${tables[kind]} WHERE id = ?`, [id])) as ({ setId: number } & Record<string, unknown>)[];
  const row = rows[0];
  if (!row) return null;
  const { setId, ...fields } = row;
  if (kind === 'marker') return { setId, annotation: { kind, marker: fields as Marker } };
  if (kind === 'audio') return { setId, annotation: { kind, audio: fields as AudioRedaction } };
  const keyframeRows = (await manager.query('SELECT frame, x, y, width, height, outside FROM track_keyframe WHERE track_id = ? ORDER BY frame', [id])) as KeyframeRow[];
  const keyframes = keyframeRows.map(({ frame, x, y, width, height, outside }) => ({ frame, box: { x, y, width, height }, outside: outside === 1 }));
  return { setId, annotation: { kind, track: { ...(fields as Omit<Track, 'keyframes'>), keyframes } } };
}

/** SQLite allows 32,766 variables per statement; 7 per keyframe row. */
const keyframesPerInsert = 4000;

async function writeKeyframes(manager: EntityManager, track: Track): Promise<void> {
  await manager.getRepository(TrackKeyframeEntity).delete({ trackId: track.id });
  for (let start = 0; start < track.keyframes.length; start += keyframesPerInsert) {
    const rows = track.keyframes.slice(start, start + keyframesPerInsert).map(({ frame, box, outside }) => ({ trackId: track.id, frame, ...box, outside }));
    await manager.createQueryBuilder().insert().into(TrackKeyframeEntity).values(rows).execute();
  }
}

/**
 * Writes an annotation's state to its row, inserting it when its id is 0; returns the id.
 * Tracks take their keyframes along.
 */
export async function writeAnnotation(manager: EntityManager, setId: number, annotation: Annotation): Promise<number> {
  // A new row (id 0) gets its id from SQLite.
  const fresh = <T extends { id: number }>(value: T): Partial<T> => (value.id === 0 ? { ...value, id: undefined } : value);
  switch (annotation.kind) {
    case 'marker': {
      const saved = await manager.getRepository(MarkerEntity).save({ ...fresh(annotation.marker), setId } as MarkerRow);
      return saved.id;
    }
    case 'audio': {
      const saved = await manager.getRepository(AudioRedactionEntity).save({ ...fresh(annotation.audio), setId } as AudioRedactionRow);
      return saved.id;
    }
    case 'track': {
      const { keyframes, ...track } = annotation.track;
      const saved = await manager.getRepository(RedactionTrackEntity).save({ ...fresh(track), setId } as RedactionTrackRow);
      await writeKeyframes(manager, { ...annotation.track, id: saved.id, keyframes });
      return saved.id;
    }
  }
}
