// Writes what a scan learned about one clip: a new clip with its recording, frame index and
// audit entry in one transaction; a file that changed after ingest as an integrity alarm (the
// stored hash is never replaced); a problem file as one problem row.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../shared/api/actor.ts';
import type { FileProblemCode, TimeReading } from '../../../shared/api/library.ts';
import type { Database } from '../../db/database.ts';
import {
  ClipEntity,
  FileProblemEntity,
  FrameIndexEntity,
  IntegrityAlarmEntity,
  RecordingEntity,
  type ClipRow,
  type RecordingRow,
} from '../../db/entities/library.ts';
import type { AuditService } from '../governance/audit-service.ts';
import type { ClipAnalysis } from './analysis/analyse-clip.ts';
import { encodeFrameIndex } from './analysis/frame-index.ts';
import type { FileIdentity, ListedFile } from './drive-listing.ts';
import type { RecordingCandidate } from './layouts/recording-candidate.ts';
import type { RecordingMetadata } from './library-service.ts';

export interface IngestContext {
  db: Database;
  audit: AuditService;
  actor: Actor;
}

function recordingFields(candidate: RecordingCandidate, extraStart: TimeReading[], durationSeconds: number): Omit<RecordingRow, 'id' | 'firstSeenUtc' | 'reviewedUtc'> {
  const start = [...candidate.start, ...extraStart];
  const startUtc = start[0]?.utc ?? null;
  const computedEnd: TimeReading[] =
    startUtc && candidate.end.length === 0
      ? [{ source: start[0]!.source, utc: new Date(Date.parse(startUtc) + durationSeconds * 1000).toISOString(), raw: `${durationSeconds}s`, note: 'start plus clip durations' }]
      : [];
  const end = [...candidate.end, ...computedEnd];
  const metadata: RecordingMetadata = {
    start,
    end,
    preRecord: candidate.preRecord,
    triggers: candidate.triggers,
    gps: candidate.gps,
    bookmarks: candidate.bookmarks,
    sidecars: candidate.sidecars,
  };
  const searchText = [candidate.key, candidate.officer, candidate.device, ...candidate.clips.map((c) => c.path), ...candidate.triggers.map((t) => t.reason), ...candidate.bookmarks.map((b) => b.label)]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return {
    key: candidate.key,
    layout: candidate.layout,
    officer: candidate.officer,
    device: candidate.device,
    startUtc,
    endUtc: end[0]?.utc ?? null,
    startSource: start[0]?.source ?? null,
    timeZone: candidate.timeZone,
    metadata: JSON.stringify(metadata),
    searchText,
  };
}

async function upsertRecording(manager: EntityManager, fields: ReturnType<typeof recordingFields>, now: string): Promise<RecordingRow> {
  const repository = manager.getRepository(RecordingEntity);
  const existing = await repository.findOneBy({ key: fields.key });
  if (existing) {
    await repository.update({ id: existing.id }, fields);
    return { ...existing, ...fields };
  }
  const inserted = await repository.insert({ ...fields, firstSeenUtc: now, reviewedUtc: null });
  return { ...fields, id: Number(inserted.identifiers[0]?.id), firstSeenUtc: now, reviewedUtc: null };
}

/** A new clip: recording (created or extended), clip, frame index and the collection entry. */
export function ingestClip(
  context: IngestContext,
  input: { candidate: RecordingCandidate; order: number; file: ListedFile; analysis: ClipAnalysis; playable: boolean; extraStart: TimeReading[]; recordingSeconds: number },
): Promise<{ recordingId: number; clipId: number }> {
  const { candidate, file, analysis } = input;
  return context.db.transaction(async (manager) => {
    const now = new Date().toISOString();
    const recording = await upsertRecording(manager, recordingFields(candidate, input.extraStart, input.recordingSeconds), now);
    const clip: Omit<ClipRow, 'id'> = {
      recordingId: recording.id,
      order: input.order,
      path: file.path,
      sizeBytes: file.sizeBytes,
      mtimeMs: file.mtimeMs,
      inode: file.inode,
      sha256: analysis.sha256,
      state: 'ok',
      probe: JSON.stringify(analysis.probe),
      durationSeconds: analysis.probe.durationSeconds,
      frameCount: analysis.frameIndex.pts.length,
      playable: input.playable,
      problemCode: analysis.problem?.code ?? null,
      problemMessage: analysis.problem?.message ?? null,
      ingestedUtc: now,
      verifiedUtc: now,
    };
    const inserted = await manager.getRepository(ClipEntity).insert(clip);
    const clipId = Number(inserted.identifiers[0]?.id);
    await manager.getRepository(FrameIndexEntity).insert({ clipId, frameCount: clip.frameCount, data: encodeFrameIndex(analysis.frameIndex) });
    await manager.getRepository(FileProblemEntity).delete({ path: file.path });
    await context.audit.append(manager, context.actor, {
      action: 'collection',
      target: `clip:${clipId}`,
      event: 'library.clipIngested',
      details: { path: file.path, sha256: analysis.sha256, frames: clip.frameCount, recording: candidate.key, problem: clip.problemCode },
    });
    return { recordingId: recording.id, clipId };
  });
}

/** The stored facts of a recording changed (e.g. a split recording's next clip arrived). */
export function refreshRecording(context: IngestContext, candidate: RecordingCandidate, extraStart: TimeReading[], recordingSeconds: number): Promise<void> {
  return context.db.transaction(async (manager) => {
    if (!(await manager.getRepository(RecordingEntity).existsBy({ key: candidate.key }))) return;
    await upsertRecording(manager, recordingFields(candidate, extraStart, recordingSeconds), new Date().toISOString());
  });
}

/** The file of an ingested clip now has another hash: an alarm, audited; the stored hash stays. */
export function raiseIntegrityAlarm(context: IngestContext, clip: ClipRow, file: FileIdentity, actualSha256: string | null): Promise<void> {
  return context.db.transaction(async (manager) => {
    const now = new Date().toISOString();
    await manager.getRepository(IntegrityAlarmEntity).insert({
      clipId: clip.id,
      detectedUtc: now,
      expectedSha256: clip.sha256,
      actualSha256,
      sizeBytes: file.sizeBytes,
      mtimeMs: file.mtimeMs,
    });
    await manager.getRepository(ClipEntity).update({ id: clip.id }, { state: 'changed', sizeBytes: file.sizeBytes, mtimeMs: file.mtimeMs, inode: file.inode });
    await context.audit.append(manager, context.actor, {
      action: 'collection',
      target: `clip:${clip.id}`,
      event: 'library.integrityAlarm',
      details: { path: clip.path, expectedSha256: clip.sha256, actualSha256 },
    });
  });
}

/** The file is there with the stored hash (re-verified after its size, time or inode moved). */
export function confirmClip(context: IngestContext, clip: ClipRow, file: FileIdentity): Promise<void> {
  return context.db.transaction(async (manager) => {
    await manager
      .getRepository(ClipEntity)
      .update({ id: clip.id }, { state: clip.state === 'changed' ? 'changed' : 'ok', sizeBytes: file.sizeBytes, mtimeMs: file.mtimeMs, inode: file.inode, verifiedUtc: new Date().toISOString() });
    if (clip.state === 'missing') {
      await context.audit.append(manager, context.actor, { action: 'collection', target: `clip:${clip.id}`, event: 'library.clipReturned', details: { path: clip.path, sha256: clip.sha256 } });
    }
  });
}

export function markMissing(context: IngestContext, clip: ClipRow): Promise<void> {
  return context.db.transaction(async (manager) => {
    await manager.getRepository(ClipEntity).update({ id: clip.id }, { state: 'missing' });
    await context.audit.append(manager, context.actor, { action: 'collection', target: `clip:${clip.id}`, event: 'library.clipMissing', details: { path: clip.path, sha256: clip.sha256 } });
  });
}

export function recordProblem(
  context: IngestContext,
  problem: { path: string; code: FileProblemCode; message: string; recordingKey: string | null } & FileIdentity,
): Promise<void> {
  return context.db.transaction(async (manager) => {
    const repository = manager.getRepository(FileProblemEntity);
    const now = new Date().toISOString();
    const existing = await repository.findOneBy({ path: problem.path });
    await repository.save({ ...problem, firstSeenUtc: existing?.firstSeenUtc ?? now, lastSeenUtc: now });
  });
}
