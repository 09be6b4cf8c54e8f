// Reading the library: the filtered, sorted page of recordings, one recording in full, the
// values the filters offer, and a clip's thumbnail strip.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  ClipSummary,
  FileProblem,
  FileProblemCode,
  LibraryFacets,
  LibraryPage,
  LibraryQuery,
  RecordingDetail,
  RecordingStatus,
  RecordingSummary,
  ThumbnailStrip,
  TimeReading,
} from '../../../shared/api/library.ts';
import type { Actor } from '../../../shared/api/actor.ts';
import { recordingStatuses } from '../../../shared/api/library.ts';
import type { Database } from '../../db/database.ts';
import type { ClipRow, FileProblemRow, IntegrityAlarmRow } from '../../db/entities/library.ts';
import { ClipEntity, DerivedFileEntity, FileProblemEntity, IntegrityAlarmEntity } from '../../db/entities/library.ts';
import type { Access } from '../governance/access.ts';
import { blockingLock } from '../governance/locks/lock-gate.ts';
import { ServiceError } from '../service-error.ts';
import type { ClipProbe } from './analysis/probe.ts';
import { durationSeconds, libraryOrder, libraryWhere, statusCondition } from './library-query.ts';

/** What a recording row keeps as JSON beside its columns. */
export interface RecordingMetadata {
  start: TimeReading[];
  end: TimeReading[];
  preRecord: RecordingDetail['preRecord'];
  triggers: RecordingDetail['triggers'];
  gps: { utc: string; lat: number; lon: number; accuracyM: number | null }[];
  bookmarks: RecordingDetail['bookmarks'];
  sidecars: string[];
}

type ParsedQuery = Required<Pick<LibraryQuery, 'sort' | 'descending' | 'offset' | 'limit'>> & LibraryQuery;

const statusColumns = recordingStatuses.map((status) => `(${statusCondition[status]}) AS "status:${status}"`).join(', ');

/** A recording row with its statuses, clip count and first clip: what a summary needs. */
const summarySelect = `SELECT r.*, ${statusColumns},
    (SELECT count(*) FROM clip c WHERE c.recording_id = r.id) AS clip_count,
    (SELECT c.id FROM clip c WHERE c.recording_id = r.id ORDER BY c.clip_order LIMIT 1) AS first_clip_id
  FROM recording r`;

export class LibraryService {
  readonly #db: Database;
  readonly #access: Access;
  readonly #dataFolder: string;

  constructor(db: Database, access: Access, dataFolder: string) {
    this.#db = db;
    this.#access = access;
    this.#dataFolder = dataFolder;
  }

  /** The recordings the actor may see: all, or those with a clip in one of their cases. */
  async #visibleRecordings(actor: Actor): Promise<{ sql: string; parameters: number[]; clips: Set<number> | null }> {
    await this.#access.require(actor, 'library.read', 'library');
    const clips = await this.#access.visibleClips(actor);
    if (clips === null) return { sql: '', parameters: [], clips };
    const ids = [...clips];
    return { sql: `r.id IN (SELECT recording_id FROM clip WHERE id IN (${ids.map(() => '?').join(',')}))`, parameters: ids, clips };
  }

  async list(actor: Actor, query: ParsedQuery): Promise<LibraryPage> {
    const where = libraryWhere(query, await this.#visibleRecordings(actor));
    const ds = this.#db.dataSource;
    const [{ total }] = (await ds.query(`SELECT count(*) AS total FROM recording r ${where.sql}`, where.parameters)) as [{ total: number }];
    const rows = (await ds.query(
      `${summarySelect} ${where.sql} ${libraryOrder(query)} LIMIT ? OFFSET ?`,
      [...where.parameters, query.limit, query.offset],
    )) as Record<string, unknown>[];
    return { total, offset: query.offset, recordings: rows.map(toSummary) };
  }

  /** One recording in full, with the clips the actor may see. */
  async get(actor: Actor, id: number): Promise<RecordingDetail> {
    const visible = await this.#visibleRecordings(actor);
    const manager = this.#db.dataSource.manager;
    const [row] = (await manager.query(`${summarySelect} WHERE r.id = ?${visible.sql ? ` AND ${visible.sql}` : ''}`, [id, ...visible.parameters])) as Record<string, unknown>[];
    if (!row) throw new ServiceError('not_found', `No recording with id ${id}`);
    const key = String(row.key);
    const clips = (await manager.getRepository(ClipEntity).find({ where: { recordingId: id }, order: { order: 'ASC' } })).filter(
      (clip) => visible.clips === null || visible.clips.has(clip.id),
    );
    const problems = await manager.getRepository(FileProblemEntity).findBy({ recordingKey: key });
    const alarms = clips.length
      ? await manager
          .getRepository(IntegrityAlarmEntity)
          .createQueryBuilder('a')
          .where('a.clip_id IN (:...ids)', { ids: clips.map((c) => c.id) })
          .orderBy('a.detected_utc', 'ASC')
          .getMany()
      : [];
    const metadata = JSON.parse(String(row.metadata)) as RecordingMetadata;
    const first = metadata.gps[0];
    const last = metadata.gps.at(-1);
    return {
      ...toSummary(row),
      key,
      timeZone: (row.time_zone as string | null) ?? null,
      start: metadata.start,
      end: metadata.end,
      preRecord: metadata.preRecord,
      triggers: metadata.triggers,
      gps: {
        points: metadata.gps.length,
        first: first ? { utc: first.utc, lat: first.lat, lon: first.lon } : null,
        last: last ? { utc: last.utc, lat: last.lat, lon: last.lon } : null,
      },
      bookmarks: metadata.bookmarks,
      sidecars: metadata.sidecars,
      clips: clips.map(toClipSummary),
      problems: problems.map(toProblem),
      alarms: alarms.map((alarm) => toAlarm(alarm, clips)),
    };
  }

  /** The filters' choices, from the recordings the actor may see; file problems only for whoever sees all. */
  async facets(actor: Actor): Promise<LibraryFacets> {
    const visible = await this.#visibleRecordings(actor);
    const ds = this.#db.dataSource;
    const within = visible.sql ? `AND ${visible.sql}` : '';
    const officers = (await ds.query(`SELECT DISTINCT officer FROM recording r WHERE officer IS NOT NULL ${within} ORDER BY officer`, visible.parameters)) as { officer: string }[];
    const devices = (await ds.query(`SELECT DISTINCT device FROM recording r WHERE device IS NOT NULL ${within} ORDER BY device`, visible.parameters)) as { device: string }[];
    const problems = visible.sql ? [] : await ds.getRepository(FileProblemEntity).find({ order: { path: 'ASC' } });
    return { officers: officers.map((o) => o.officer), devices: devices.map((d) => d.device), problems: problems.map(toProblem) };
  }

  /** The clip's thumbnail strip; none for a clip under a processing lock (it shows no picture). */
  async thumbnails(actor: Actor, clipId: number): Promise<ThumbnailStrip | null> {
    await this.#access.requireClip(actor, 'footage.view', clipId);
    if (await blockingLock(this.#db.dataSource.manager, clipId, 'footage')) return null;
    const clip = await this.#db.dataSource.getRepository(ClipEntity).findOneBy({ id: clipId });
    if (!clip) throw new ServiceError('not_found', `No clip with id ${clipId}`);
    const derived = await this.#db.dataSource.getRepository(DerivedFileEntity).findOneBy({ parentSha256: clip.sha256, kind: 'thumbnails' });
    if (!derived) return null;
    const params = JSON.parse(derived.parameters) as { tileWidth: number; tileHeight: number; frameNumbers: number[] };
    const image = await readFile(path.join(this.#dataFolder, derived.path)).catch(() => null);
    if (!image) return null;
    return {
      image: `data:image/jpeg;base64,${image.toString('base64')}`,
      tileWidth: params.tileWidth,
      tileHeight: params.tileHeight,
      frameNumbers: params.frameNumbers,
    };
  }
}

function toSummary(row: Record<string, unknown>): RecordingSummary {
  const startUtc = (row.start_utc as string | null) ?? null;
  const endUtc = (row.end_utc as string | null) ?? null;
  return {
    id: Number(row.id),
    layout: row.layout as RecordingSummary['layout'],
    officer: (row.officer as string | null) ?? null,
    device: (row.device as string | null) ?? null,
    startUtc,
    endUtc,
    startSource: (row.start_source as RecordingSummary['startSource']) ?? null,
    durationSeconds: durationSeconds(startUtc, endUtc),
    clipCount: Number(row.clip_count),
    statuses: recordingStatuses.filter((status: RecordingStatus) => Number(row[`status:${status}`]) === 1),
    thumbnailClipId: row.first_clip_id === null ? null : Number(row.first_clip_id),
  };
}

export function toClipSummary(clip: ClipRow): ClipSummary {
  const probe = JSON.parse(clip.probe) as ClipProbe;
  return {
    id: clip.id,
    path: clip.path,
    order: clip.order,
    state: clip.state,
    sha256: clip.sha256,
    sizeBytes: clip.sizeBytes,
    container: probe.container,
    videoCodec: probe.video?.codec ?? null,
    width: probe.video?.width ?? null,
    height: probe.video?.height ?? null,
    rotation: probe.video?.rotation ?? 0,
    frameRate: probe.video?.frameRate ?? null,
    durationSeconds: clip.durationSeconds,
    frameCount: clip.frameCount,
    audio: probe.audio.map((a) => ({ codec: a.codec, channels: a.channels, sampleRate: a.sampleRate })),
    playable: clip.playable,
    problem: clip.problemCode ? { code: clip.problemCode as FileProblemCode, message: clip.problemMessage ?? '' } : null,
    ingestedUtc: clip.ingestedUtc,
  };
}

function toProblem(row: FileProblemRow): FileProblem {
  return { path: row.path, code: row.code as FileProblemCode, message: row.message, lastSeenUtc: row.lastSeenUtc };
}

function toAlarm(alarm: IntegrityAlarmRow, clips: ClipRow[]): RecordingDetail['alarms'][number] {
  return {
    clipId: alarm.clipId,
    path: clips.find((c) => c.id === alarm.clipId)?.path ?? '',
    detectedUtc: alarm.detectedUtc,
    expectedSha256: alarm.expectedSha256,
    actualSha256: alarm.actualSha256,
  };
}
