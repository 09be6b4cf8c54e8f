// Annotations in the core against a real database and a real ingested clip: every change is one
// transaction with its audit entry, stale versions are refused, undo/redo restore exact states,
// bad input is refused with a specific error and leaves the database as it was, and a JSON
// export imports into a fresh station unchanged.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.ts';
import { createHandlers, dispatch } from '../../electron/core/handlers.ts';
import { toAuditEntry } from '../../electron/core/governance/audit-service.ts';
import { AuditEntryEntity } from '../../electron/db/entities/audit-entry.ts';
import { ClipEntity } from '../../electron/db/entities/library.ts';
import type { AnnotationChange, Marker, PackedAnnotationSet, Track } from '../../shared/api/annotations.ts';
import type { Actor } from '../../shared/api/actor.ts';
import type { Expected } from '../fixtures/generate-station.ts';
import { adminActor, openTestCore, signedInContext, testActor } from '../support/core.ts';
import { unpackTrack } from '../support/packed-annotations.ts';
import { copyOfStationDrive } from '../support/station-drive.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders('file');
let core: Core;
let folder: string;
let drive: string;
let expected: Expected;
let clipId: number;
let frameCount: number;

beforeAll(async () => {
  folder = tempFolder();
  ({ drive, expected } = await copyOfStationDrive(folder));
  core = await openTestCore(path.join(folder, 'data'));
  await core.settings.update(adminActor, { stationDrive: drive });
  await core.scans.start(testActor);
  await core.scans.idle();
  const fixture = expected.clips.find((c) => c.tags.includes('b-frames'));
  const clip = await core.db.dataSource.getRepository(ClipEntity).findOneByOrFail({ path: fixture?.path ?? '' });
  clipId = clip.id;
  frameCount = clip.frameCount;
  await core.player.open(testActor, clipId, 'Az. 4711 Js 123/24');
});
afterAll(() => core.close());

const box = (x: number, y: number, width = 40, height = 30) => ({ x, y, width, height });
const trackDraft = (keyframes: Track['keyframes']) => ({ shape: 'rectangle' as const, method: 'pixelate' as const, blockSize: 16, reason: 'bystander' as const, note: '', keyframes });
const pointMarker = (frame: number, text = 'Schlag gegen PK') => ({ startFrame: frame, endFrame: frame, category: 'Angriff auf Beamte', text, statement: 'fact' as const });

// Read straight from the table: listing the log through the service is itself logged.
function auditCount(): Promise<number> {
  return core.db.dataSource.getRepository(AuditEntryEntity).count();
}

async function lastEntry(on: Core = core) {
  const [row] = await on.db.dataSource.getRepository(AuditEntryEntity).find({ order: { sequence: 'DESC' }, take: 1 });
  return row && toAuditEntry(row);
}

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['marker', 'redaction_track', 'track_keyframe', 'audio_redaction']) {
    const [row] = (await core.db.dataSource.query(`SELECT count(*) AS n FROM ${table}`)) as { n: number }[];
    counts[table] = row?.n ?? -1;
  }
  return counts;
}

function change(value: AnnotationChange, actor: Actor = testActor) {
  return core.annotations.change(actor, clipId, value);
}

describe('annotation changes', () => {
  it('needs the clip opened with a justification in this session', async () => {
    const stranger = await core.db.dataSource.getRepository(ClipEntity).findOneByOrFail({ path: expected.clips.find((c) => c.tags.includes('vfr'))?.path ?? '' });
    await expect(core.annotations.get(testActor, stranger.id)).rejects.toMatchObject({ code: 'forbidden' });
    const set = await core.annotations.get(testActor, clipId);
    expect(set).toMatchObject({ clipId, frameCount, picture: { width: 320, height: 240 } });
    // The opening belongs to the session: another window of the same user has not opened it.
    const elsewhere: Actor = { ...testActor, sessionId: 'station-3' };
    const entries = await auditCount();
    await expect(core.annotations.get(elsewhere, clipId)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(change({ type: 'marker.create', marker: pointMarker(1) }, elsewhere)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('not opened') });
    await expect(core.annotations.undo(elsewhere, clipId)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await auditCount()).toBe(entries);
    // Roles without the right are refused, and the refusal is logged.
    await expect(change({ type: 'marker.create', marker: pointMarker(1) }, { ...testActor, role: 'trainer' })).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('annotations.edit') });
    expect(await lastEntry()).toMatchObject({ event: 'access.denied', target: `clip:${clipId}`, actor: { role: 'trainer' }, details: { permission: 'annotations.edit' } });
  });

  it('writes a marker with its audit entry and refuses a stale version', async () => {
    const before = await auditCount();
    const created = await change({ type: 'marker.create', marker: pointMarker(12) });
    expect(created.annotation.kind).toBe('marker');
    const marker = (created.annotation as { marker: Marker }).marker;
    expect(marker).toMatchObject({ startFrame: 12, endFrame: 12, version: 1, author: testActor.userId, deletedUtc: null });
    expect(await auditCount()).toBe(before + 1);
    expect(await lastEntry()).toMatchObject({
      action: 'alteration',
      target: `clip:${clipId}`,
      event: 'annotation.marker.create',
      details: { kind: 'marker', id: marker.id, version: 1, startFrame: 12, category: 'Angriff auf Beamte' },
    });

    const updated = await change({ type: 'marker.update', id: marker.id, version: 1, marker: { ...pointMarker(12), endFrame: 40, statement: 'assessment' } });
    expect(updated.annotation).toMatchObject({ marker: { id: marker.id, version: 2, endFrame: 40, statement: 'assessment' } });
    // A second station still at version 1 (it opened the clip too: editing needs that):
    const other: Actor = { ...testActor, sessionId: 'station-2' };
    await core.player.open(other, clipId, 'Az. 4711 Js 123/24');
    await expect(change({ type: 'marker.update', id: marker.id, version: 1, marker: pointMarker(20) }, other)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/changed meanwhile \(now version 2 .*based on version 1\)/),
    });
    const deleted = await change({ type: 'marker.delete', id: marker.id, version: 2 });
    expect(deleted.annotation).toMatchObject({ marker: { version: 3, deletedUtc: expect.any(String) } });
    const [row] = (await core.db.dataSource.query('SELECT deleted_utc, version FROM marker WHERE id = ?', [marker.id])) as { deleted_utc: string; version: number }[];
    expect(row).toEqual({ deleted_utc: expect.any(String), version: 3 });
    expect((await core.annotations.get(testActor, clipId)).markers.map((m) => m.id)).not.toContain(marker.id);
    await expect(change({ type: 'marker.delete', id: marker.id, version: 3 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it.each<[string, AnnotationChange, string]>([
    ['a frame past the clip', { type: 'marker.create', marker: pointMarker(100_000) }, 'outside the clip'],
    ['an unknown category', { type: 'marker.create', marker: { ...pointMarker(1), category: 'Ladendiebstahl' } }, 'not one of the station'],
    ['a box outside the picture', { type: 'track.create', track: trackDraft([{ frame: 0, box: box(300, 10), outside: false }]) }, 'outside the picture'],
    ['two keyframes on one frame', { type: 'track.create', track: trackDraft([{ frame: 5, box: box(1, 1), outside: false }, { frame: 5, box: box(2, 2), outside: false }]) }, 'one keyframe per frame'],
    ['a keyframe past the clip', { type: 'track.create', track: trackDraft([{ frame: 0, box: box(1, 1), outside: false }, { frame: 99_999, box: box(2, 2), outside: false }]) }, 'outside the clip'],
    ['an audio channel the clip lacks', { type: 'audio.create', audio: { startFrame: 1, endFrame: 9, effect: 'mute', channel: 5, note: '' } }, 'does not exist'],
  ])('refuses %s and writes nothing', async (_name, bad, message) => {
    const counts = await tableCounts();
    const entries = await auditCount();
    await expect(change(bad)).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringContaining(message) });
    expect(await tableCounts()).toEqual(counts);
    expect(await auditCount()).toBe(entries);
  });

  it('refuses hostile payloads at the contract, before the service', async () => {
    const handlers = createHandlers(core);
    const context = await signedInContext(core, 'supervisor', 'pk4711');
    await core.player.open(context.actor, clipId, 'Az. 4711 Js 123/24');
    const cases: unknown[] = [
      { clipId, change: { type: 'track.create', track: trackDraft([{ frame: 0, box: { x: -5, y: 1, width: 4, height: 4 }, outside: false }]) } },
      { clipId, change: { type: 'track.create', track: trackDraft([{ frame: 0, box: { x: Number.NaN, y: 1, width: 4, height: 4 }, outside: false }]) } },
      { clipId, change: { type: 'marker.create', marker: { ...pointMarker(4), endFrame: 2 } } },
      { clipId, change: { type: 'marker.create', marker: pointMarker(1.5) } },
      { clipId, change: { type: 'marker.drop', id: 1 } },
      { clipId: -1, change: { type: 'marker.delete', id: 1, version: 1 } },
    ];
    for (const payload of cases) {
      const result = await dispatch(handlers, 'annotations.change', payload, context);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    // A clip that does not exist was never opened: changing it is refused before anything else.
    const unknown = await dispatch(handlers, 'annotations.change', { clipId: 999_999, change: { type: 'marker.create', marker: pointMarker(1) } }, context);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Clip 999999 was not opened with a justification in this session' } });
    const unknownExport = await dispatch(handlers, 'annotations.export', { clipId: 999_999, format: 'json' }, context);
    expect(unknownExport).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No clip with id 999999' } });
  });
});

describe('redaction tracks, undo and redo', () => {
  it('keeps exact states through undo and redo, each audited', async () => {
    const created = await change({ type: 'track.create', track: trackDraft([{ frame: 10, box: box(20, 20), outside: false }]) });
    const track = (created.annotation as { track: Track }).track;
    expect(created.history).toEqual({ undo: 'track.create', redo: null });
    const moved = await change({ type: 'track.keyframe.set', id: track.id, version: 1, keyframe: { frame: 50, box: box(120, 80), outside: false } });
    const afterMove = (moved.annotation as { track: Track }).track;
    expect(afterMove.keyframes).toEqual([
      { frame: 10, box: box(20, 20), outside: false },
      { frame: 50, box: box(120, 80), outside: false },
    ]);
    const entries = await auditCount();

    const undone = await core.annotations.undo(testActor, clipId);
    expect((undone.annotation as { track: Track }).track).toMatchObject({ version: 3, keyframes: track.keyframes, deletedUtc: null });
    expect(undone.history).toEqual({ undo: 'track.create', redo: 'track.keyframe.set' });
    expect(await lastEntry()).toMatchObject({ action: 'alteration', event: 'annotation.undo', details: { reverts: 'track.keyframe.set', id: track.id, version: 3 } });

    const undoneCreate = await core.annotations.undo(testActor, clipId);
    expect((undoneCreate.annotation as { track: Track }).track.deletedUtc).not.toBeNull();
    expect((await core.annotations.get(testActor, clipId)).tracks.map((t) => t.id)).not.toContain(track.id);

    await core.annotations.redo(testActor, clipId);
    const redone = await core.annotations.redo(testActor, clipId);
    expect((redone.annotation as { track: Track }).track).toMatchObject({ version: 6, keyframes: afterMove.keyframes, deletedUtc: null });
    expect(redone.history).toEqual({ undo: 'track.keyframe.set', redo: null });
    expect(await auditCount()).toBe(entries + 4);
    const stored = (await core.annotations.get(testActor, clipId)).tracks.find((t) => t.id === track.id);
    expect(stored && unpackTrack(stored).keyframes).toEqual(afterMove.keyframes);
    await expect(core.annotations.redo(testActor, clipId)).rejects.toMatchObject({ code: 'conflict', message: 'Nothing to redo' });
  });

  it('refuses to undo over a change made by another station, and drops that step', async () => {
    const created = await change({ type: 'marker.create', marker: pointMarker(30) });
    const marker = (created.annotation as { marker: Marker }).marker;
    const other: Actor = { ...testActor, sessionId: 'station-2' };
    await core.player.open(other, clipId, 'Az. 4711 Js 123/24');
    await change({ type: 'marker.update', id: marker.id, version: 1, marker: pointMarker(31) }, other);
    await expect(core.annotations.undo(testActor, clipId)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('changed meanwhile') });
    expect((await core.annotations.get(testActor, clipId)).markers.find((m) => m.id === marker.id)).toMatchObject({ startFrame: 31, version: 2 });
    expect((await core.annotations.get(testActor, clipId)).history.undo).not.toBe('marker.create');
  });

  it('keeps at least 100 steps of history per clip', async () => {
    const created = await change({ type: 'track.create', track: trackDraft([{ frame: 0, box: box(0, 0), outside: false }]) });
    let track = (created.annotation as { track: Track }).track;
    for (let step = 1; step <= 120; step++) {
      const update = await change({ type: 'track.keyframe.set', id: track.id, version: track.version, keyframe: { frame: 0, box: box(step, 0), outside: false } });
      track = (update.annotation as { track: Track }).track;
    }
    for (let step = 120; step > 0; step--) {
      const undone = await core.annotations.undo(testActor, clipId);
      expect((undone.annotation as { track: Track }).track.keyframes[0]?.box.x).toBe(step - 1);
    }
  });
});

describe('the wire', () => {
  it('sends tracks with their keyframes packed, unchanged to the last bit', async () => {
    const context = await signedInContext(core, 'supervisor', 'pk4711');
    await core.player.open(context.actor, clipId, 'Az. 4711 Js 123/24');
    await change({ type: 'track.create', track: trackDraft([{ frame: 2, box: box(0.1, 1 / 3, 10.123456789, 20), outside: false }, { frame: 9, box: box(300 - 40 - 1e-9, 0), outside: true }]) }, context.actor);
    const result = await dispatch(createHandlers(core), 'annotations.get', { clipId }, context);
    if (!result.ok) throw new Error(result.error.message);
    const wire = result.value as PackedAnnotationSet;
    const unpacked = wire.tracks.map(unpackTrack);
    // The undo history is the session's own: compare with the same session's answer.
    expect(wire).toEqual(await core.annotations.get(context.actor, clipId));
    expect(wire.history).toEqual({ undo: 'track.create', redo: null });
    expect(unpacked.at(-1)?.keyframes).toEqual([
      { frame: 2, box: box(0.1, 1 / 3, 10.123456789, 20), outside: false },
      { frame: 9, box: box(300 - 40 - 1e-9, 0), outside: true },
    ]);
  });
});

describe('export and import', () => {
  it('carries markers, tracks and audio redactions into a fresh station unchanged', async () => {
    await change({ type: 'marker.create', marker: { startFrame: 3, endFrame: 60, category: 'Widerstand', text: 'Sperrt sich\n"gegen" <Festnahme> & flieht', statement: 'assessment' } });
    await change({ type: 'audio.create', audio: { startFrame: 20, endFrame: 40, effect: 'bleep', channel: null, note: 'Name des Zeugen' } });
    await change({
      type: 'track.create',
      track: { ...trackDraft([{ frame: 5, box: box(10.5, 20.25), outside: false }, { frame: 80, box: box(200, 100, 60, 60), outside: true }]), shape: 'ellipse', method: 'fill', reason: 'licence_plate', note: 'HN-AB 123' },
    });
    const exported = await core.annotations.exportDocument(testActor, clipId, 'json');
    expect(exported).toMatchObject({ mimeType: 'application/json', fileName: expect.stringMatching(/\.json$/) });
    expect(await lastEntry()).toMatchObject({ action: 'disclosure', event: 'annotations.export', target: `clip:${clipId}` });
    const document = JSON.parse(exported.content) as { markers: unknown[]; tracks: unknown[]; audio: unknown[]; exportedUtc: string };
    expect(document.markers.length).toBeGreaterThanOrEqual(1);

    const fresh = await openTestCore(path.join(tempFolder(), 'data'));
    try {
      await fresh.settings.update(adminActor, { stationDrive: drive });
      await fresh.scans.start(testActor);
      await fresh.scans.idle();
      const clip = await fresh.db.dataSource.getRepository(ClipEntity).findOneByOrFail({ sha256: (await core.db.dataSource.getRepository(ClipEntity).findOneByOrFail({ id: clipId })).sha256 });
      const imported = await fresh.annotations.importDocument(testActor, clip.id, exported.content);
      expect(imported.markers.length).toBe(document.markers.filter((m) => (m as { deletedUtc: string | null }).deletedUtc === null).length);
      const again = JSON.parse((await fresh.annotations.exportDocument(testActor, clip.id, 'json')).content) as typeof document;
      expect({ ...again, exportedUtc: '' }).toEqual({ ...document, exportedUtc: '' });
      expect(await lastEntry(fresh)).toMatchObject({ event: 'annotations.export' });
      const importRow = await fresh.db.dataSource.getRepository(AuditEntryEntity).findOneByOrFail({ event: 'annotations.import' });
      const counts = { markers: document.markers.length, tracks: document.tracks.length, audio: 1 };
      expect(toAuditEntry(importRow)).toMatchObject({ action: 'alteration', details: { added: counts, inDocument: counts } });
      // The same document again adds nothing.
      await fresh.annotations.importDocument(testActor, clip.id, exported.content);
      const twice = JSON.parse((await fresh.annotations.exportDocument(testActor, clip.id, 'json')).content) as typeof document;
      expect({ ...twice, exportedUtc: '' }).toEqual({ ...document, exportedUtc: '' });

      // Broken or foreign documents change nothing.
      const rows = (await fresh.db.dataSource.query('SELECT count(*) AS n FROM marker')) as { n: number }[];
      const broken = exported.content.replace('"startFrame": 3', '"startFrame": 99999');
      await expect(fresh.annotations.importDocument(testActor, clip.id, broken)).rejects.toMatchObject({ code: 'invalid_request' });
      await expect(fresh.annotations.importDocument(testActor, clip.id, exported.content.slice(0, 200))).rejects.toMatchObject({ code: 'invalid_request' });
      const otherClip = await fresh.db.dataSource.getRepository(ClipEntity).findOneByOrFail({ path: expected.clips.find((c) => c.tags.includes('vfr'))?.path ?? '' });
      await expect(fresh.annotations.importDocument(testActor, otherClip.id, exported.content)).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/made on another original/) });
      expect(await fresh.db.dataSource.query('SELECT count(*) AS n FROM marker')).toEqual(rows);
    } finally {
      await fresh.close();
    }
  });

  it('writes markers as WebVTT chapters timed from the frame index', async () => {
    const vtt = await core.annotations.exportDocument(testActor, clipId, 'vtt');
    expect(vtt.mimeType).toBe('text/vtt');
    expect(vtt.content.startsWith('WEBVTT')).toBe(true);
    expect(vtt.content).toContain('Widerstand');
  });
});
