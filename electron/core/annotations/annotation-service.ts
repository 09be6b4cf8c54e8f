// A clip's annotations: evidence markers, redaction tracks and audio redactions. Every change is
// one command, written in one transaction with its audit entry (alteration), based on the row
// version the caller saw; an outdated version is refused, so two stations editing one database
// never overwrite each other unseen. Undo and redo are changes like any other (annotation-history).
// Reading needs the clip opened with a justification in this core's session (player.open), which
// is where the consultation is logged.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../shared/api/actor.ts';
import type {
  Annotation,
  AnnotationChange,
  AnnotationExport,
  AnnotationUpdate,
  PackedAnnotationSet,
} from '../../../shared/api/annotations.ts';
import type { Database } from '../../db/database.ts';
import { AnnotationSetEntity } from '../../db/entities/annotations.ts';
import { ClipEntity, FrameIndexEntity, type ClipRow } from '../../db/entities/library.ts';
import type { Access } from '../governance/access.ts';
import { requireUnlocked } from '../governance/locks/lock-gate.ts';
import type { AuditService } from '../governance/audit-service.ts';
import { decodeFrameIndex } from '../library/analysis/frame-index.ts';
import type { ClipProbe } from '../library/analysis/probe.ts';
import { frameTimeline } from '../library/derived/frame-times.ts';
import type { PlayerService } from '../player/player-service.ts';
import { ServiceError } from '../service-error.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { applyChange, changeDetails, checkChannel, kindNames, kindOf, recordOf, restoredState, withId, type ClipBounds } from './annotation-changes.ts';
import { documentFileName, parseDocument, toDocument } from './annotation-document.ts';
import { AnnotationHistory, type HistoryStep } from './annotation-history.ts';
import { readAnnotation, readSet, readSetRows, writeAnnotation } from './annotation-rows.ts';
import { packedText } from './packed-annotations.ts';
import { markersToWebVtt } from './webvtt-markers.ts';

/** The clip facts annotations are checked against: frames, upright picture, audio channels. */
export function clipBounds(clip: ClipRow): ClipBounds {
  const probe = JSON.parse(clip.probe) as ClipProbe;
  const video = probe.video;
  const quarterTurn = video ? Math.abs(video.rotation) % 180 === 90 : false;
  return {
    frameCount: clip.frameCount,
    picture: video ? { width: quarterTurn ? video.height : video.width, height: quarterTurn ? video.width : video.height } : { width: 0, height: 0 },
    audioChannels: probe.audio.reduce((sum, stream) => sum + stream.channels, 0),
  };
}

export class AnnotationService {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #access: Access;
  readonly #settings: SettingsService;
  readonly #player: PlayerService;
  readonly #history = new AnnotationHistory();

  constructor(db: Database, audit: AuditService, access: Access, settings: SettingsService, player: PlayerService) {
    this.#db = db;
    this.#audit = audit;
    this.#access = access;
    this.#settings = settings;
    this.#player = player;
  }

  async #clip(manager: EntityManager, clipId: number): Promise<ClipRow> {
    const clip = await manager.getRepository(ClipEntity).findOneBy({ id: clipId });
    if (!clip) throw new ServiceError('not_found', `No clip with id ${clipId}`);
    return clip;
  }

  /** The clip's annotation set, made on first use. */
  async #setId(manager: EntityManager, clipId: number): Promise<number> {
    const sets = manager.getRepository(AnnotationSetEntity);
    const existing = await sets.findOneBy({ clipId });
    if (existing) return existing.id;
    return (await sets.save({ clipId, createdUtc: new Date().toISOString() })).id;
  }

  async #existingSetId(manager: EntityManager, clipId: number): Promise<number | null> {
    return (await manager.getRepository(AnnotationSetEntity).findOneBy({ clipId }))?.id ?? null;
  }

  /** The live annotations of a clip opened in this session. */
  async get(actor: Actor, clipId: number): Promise<PackedAnnotationSet> {
    await this.#access.requireClip(actor, 'footage.view', clipId);
    await requireUnlocked(this.#access, this.#db.dataSource.manager, actor, 'footage.view', clipId, 'footage');
    this.#player.requireOpen(actor, clipId);
    return this.#liveSet(actor, clipId);
  }

  /** The live annotations with their keyframes packed, read without an object per keyframe. */
  async #liveSet(actor: Actor, clipId: number): Promise<PackedAnnotationSet> {
    const manager = this.#db.dataSource.manager;
    const bounds = clipBounds(await this.#clip(manager, clipId));
    const setId = await this.#existingSetId(manager, clipId);
    const rows = setId === null ? null : await readSetRows(manager, setId, { deleted: false });
    const tracks = rows?.tracks.map((track) => ({ ...track, keyframes: packedText(rows.keyframes.get(track.id) ?? new Float64Array()) })) ?? [];
    return { clipId, frameCount: bounds.frameCount, picture: bounds.picture, markers: rows?.markers ?? [], tracks, audio: rows?.audio ?? [], history: this.#history.state(actor.sessionId, clipId) };
  }

  /** Applies one change and records it for undo. */
  async change(actor: Actor, clipId: number, change: AnnotationChange): Promise<AnnotationUpdate> {
    await this.#mayEdit(actor, clipId);
    // Only markers are checked against the station's categories: keyframe edits come in bursts.
    const categories = change.type.startsWith('marker.') ? (await this.#settings.get()).markerCategories : [];
    const { before, after } = await this.#db.transaction(async (manager) => {
      const clip = clipBounds(await this.#clip(manager, clipId));
      const setId = await this.#setId(manager, clipId);
      const before = 'id' in change ? await this.#current(manager, setId, kindOf(change.type), change.id, change.version) : null;
      const after = applyChange(change, before, { author: actor.userId, now: new Date().toISOString(), clip, categories });
      const saved = await this.#write(manager, actor, clipId, setId, after, `annotation.${change.type}`, changeDetails(change));
      return { before, after: saved };
    });
    this.#history.record(actor.sessionId, clipId, { type: change.type, expected: after, restore: before });
    return { annotation: after, history: this.#history.state(actor.sessionId, clipId) };
  }

  /** Reverts this session's last change of the clip. */
  undo(actor: Actor, clipId: number): Promise<AnnotationUpdate> {
    return this.#travel(actor, clipId, 'undo');
  }

  /** Repeats the change undone last. */
  redo(actor: Actor, clipId: number): Promise<AnnotationUpdate> {
    return this.#travel(actor, clipId, 'redo');
  }

  /** Editing needs the right and a clip opened with a justification in this session. */
  async #mayEdit(actor: Actor, clipId: number): Promise<void> {
    await this.#access.requireClip(actor, 'annotations.edit', clipId);
    await requireUnlocked(this.#access, this.#db.dataSource.manager, actor, 'annotations.edit', clipId, 'footage');
    this.#player.requireOpen(actor, clipId);
  }

  async #travel(actor: Actor, clipId: number, direction: 'undo' | 'redo'): Promise<AnnotationUpdate> {
    await this.#mayEdit(actor, clipId);
    const step = this.#history.next(actor.sessionId, clipId, direction);
    if (!step) throw new ServiceError('conflict', direction === 'undo' ? 'Nothing to undo' : 'Nothing to redo');
    const expected = recordOf(step.expected);
    let reverse: HistoryStep;
    try {
      reverse = await this.#db.transaction(async (manager) => {
        await this.#clip(manager, clipId);
        const setId = await this.#setId(manager, clipId);
        const current = await this.#current(manager, setId, step.expected.kind, expected.id, expected.version, true);
        const restored = restoredState(current, step.restore, new Date().toISOString());
        const saved = await this.#write(manager, actor, clipId, setId, restored, `annotation.${direction}`, { reverts: step.type });
        return { type: step.type, expected: saved, restore: current };
      });
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'conflict') this.#history.discard(actor.sessionId, clipId, direction);
      throw error;
    }
    this.#history.taken(actor.sessionId, clipId, direction, reverse);
    return { annotation: reverse.expected, history: this.#history.state(actor.sessionId, clipId) };
  }

  /** The row a change names, checked to be of this clip, live (unless undo/redo asks) and at the version the change is based on. */
  async #current(manager: EntityManager, setId: number, kind: Annotation['kind'], id: number, version: number, deletedToo = false): Promise<Annotation> {
    const found = await readAnnotation(manager, kind, id);
    const record = found && recordOf(found.annotation);
    if (!found || !record || found.setId !== setId) throw new ServiceError('not_found', `${kindNames[kind]} ${id} does not belong to this clip`);
    if (record.deletedUtc !== null && !deletedToo) throw new ServiceError('not_found', `${kindNames[kind]} ${id} was deleted on ${record.deletedUtc}`);
    if (record.version !== version) {
      throw new ServiceError(
        'conflict',
        `${kindNames[kind]} ${id} was changed meanwhile (now version ${record.version} of ${record.updatedUtc} by ${record.author}; this change was based on version ${version}). Reload the clip's annotations and try again.`,
      );
    }
    return found.annotation;
  }

  async #write(manager: EntityManager, actor: Actor, clipId: number, setId: number, state: Annotation, event: string, details: Record<string, unknown>): Promise<Annotation> {
    const id = await writeAnnotation(manager, setId, state);
    const record = recordOf(state);
    await this.#audit.append(manager, actor, {
      action: 'alteration',
      target: `clip:${clipId}`,
      event,
      details: { kind: state.kind, id, version: record.version, deleted: record.deletedUtc !== null, ...details },
    });
    return record.id === id ? state : withId(state, id);
  }

  /** A clip's annotations as a JSON document or its markers as WebVTT chapters; logged as a disclosure. */
  async exportDocument(actor: Actor, clipId: number, format: 'json' | 'vtt'): Promise<AnnotationExport> {
    await this.#access.requireClip(actor, 'footage.view', clipId);
    return this.#db.transaction(async (manager) => {
      const clip = await this.#clip(manager, clipId);
      const bounds = clipBounds(clip);
      const setId = await this.#existingSetId(manager, clipId);
      const rows = setId === null ? { markers: [], tracks: [], audio: [] } : await readSet(manager, setId, { deleted: true });
      let content: string;
      if (format === 'json') {
        const document = toDocument({ sha256: clip.sha256, path: clip.path, frameCount: bounds.frameCount, picture: bounds.picture }, rows, new Date().toISOString());
        content = `${JSON.stringify(document, null, 2)}\n`;
      } else {
        const indexRow = await manager.getRepository(FrameIndexEntity).findOneBy({ clipId });
        if (!indexRow) throw new ServiceError('conflict', `Clip ${clipId} has no frame index to time its markers`);
        content = markersToWebVtt(rows.markers, frameTimeline(decodeFrameIndex(indexRow.data)));
      }
      await this.#audit.append(manager, actor, {
        action: 'disclosure',
        target: `clip:${clipId}`,
        event: 'annotations.export',
        details: { format, markers: rows.markers.length, tracks: rows.tracks.length, audio: rows.audio.length },
      });
      return {
        fileName: documentFileName(clip, format),
        mimeType: format === 'json' ? 'application/json' : 'text/vtt',
        content,
      };
    });
  }

  /**
   * Adds the annotations of a JSON document made on this clip (same original) as new rows, with
   * their authors and times; all of them or, on any error, none. Rows the clip already has
   * exactly (an earlier import of the same document) are skipped. Logged as one alteration.
   */
  async importDocument(actor: Actor, clipId: number, text: string): Promise<PackedAnnotationSet> {
    await this.#access.requireClip(actor, 'annotations.edit', clipId);
    await this.#db.transaction(async (manager) => {
      const clip = await this.#clip(manager, clipId);
      const bounds = clipBounds(clip);
      const facts = { sha256: clip.sha256, path: clip.path, frameCount: bounds.frameCount, picture: bounds.picture };
      const document = parseDocument(text, facts);
      document.audio.forEach((audio, index) => checkChannel(audio.channel, bounds, `audio[${index}]`));
      const setId = await this.#setId(manager, clipId);
      const present = toDocument(facts, await readSet(manager, setId, { deleted: true }), document.exportedUtc);
      const fresh = <T>(rows: T[], existing: T[]): T[] => {
        const known = new Set(existing.map((row) => JSON.stringify(row)));
        return rows.filter((row) => !known.has(JSON.stringify(row)));
      };
      const added = { markers: fresh(document.markers, present.markers), tracks: fresh(document.tracks, present.tracks), audio: fresh(document.audio, present.audio) };
      const record = { id: 0, version: 1 };
      for (const marker of added.markers) await writeAnnotation(manager, setId, { kind: 'marker', marker: { ...marker, ...record } });
      for (const track of added.tracks) await writeAnnotation(manager, setId, { kind: 'track', track: { ...track, ...record } });
      for (const audio of added.audio) await writeAnnotation(manager, setId, { kind: 'audio', audio: { ...audio, ...record } });
      const count = (rows: Record<'markers' | 'tracks' | 'audio', unknown[]>) => ({ markers: rows.markers.length, tracks: rows.tracks.length, audio: rows.audio.length });
      await this.#audit.append(manager, actor, {
        action: 'alteration',
        target: `clip:${clipId}`,
        event: 'annotations.import',
        details: { exportedUtc: document.exportedUtc, added: count(added), inDocument: count(document) },
      });
    });
    return this.#liveSet(actor, clipId);
  }
}
