// Holds and processing locks on a scanned station with real SQLite and real files, proved through
// the retention run: a requested hold keeps a clip past its date, an approved lift or a rejected
// request lets the next run delete it. A home lock stops opening and exports until a judge's
// decision: lawful opens the clip again (but never for training), unlawful and a Kernbereich flag
// make the next run delete it, whatever its date. The library marks held and locked recordings.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/api/actor.ts';
import type { ExportJobRequest } from '../../shared/api/exports.ts';
import { LibraryQuerySchema, type RecordingStatus } from '../../shared/api/library.ts';
import type { RetentionRun } from '../../shared/api/retention.ts';
import { localCalendarDate } from '../../shared/time/calendar-date.ts';
import type { Core } from '../../electron/core/core.ts';
import { createHandlers, dispatch } from '../../electron/core/handlers.ts';
import { systemActor } from '../../electron/core/governance/system-actor.ts';
import { signedInContext, signInAs } from '../support/core.ts';
import { auditEntries, useScannedStations, type ClipPart, type ScannedStation } from '../support/scanned-station.ts';

const station = useScannedStations();
const dayMs = 24 * 60 * 60 * 1000;
const system = systemActor('holds-locks-test');
const daysFromNow = (days: number): Date => new Date(Date.now() + days * dayMs);
const justification = 'Az. 1 Js 4711/24, Sichtung';

const deletedIds = (run: RetentionRun): number[] => run.deleted.map((tombstone) => tombstone.clipId).sort((a, b) => a - b);
const idsOf = (s: ScannedStation, parts: ClipPart[]): number[] => parts.map((part) => s.clips[part].id).sort((a, b) => a - b);

function holdOn(core: Core, actor: Actor, clipId: number, reviewDate = localCalendarDate(daysFromNow(60))) {
  return core.holds.request(actor, { clipId, reason: 'claims', caseReference: '2 O 17/24', reviewDate, note: 'Zivilrechtliche Ansprüche angekündigt' });
}

async function libraryWith(core: Core, actor: Actor, status: RecordingStatus): Promise<number[]> {
  const page = await core.library.list(actor, LibraryQuerySchema.parse({ status }));
  return page.recordings.map((recording) => recording.id).sort((a, b) => a - b);
}

describe('holds and the retention run', () => {
  it('keeps a clip with a requested hold, keeps it active after approval, and deletes it after an approved lift', async () => {
    const s = await station();
    const { core, clips } = s;
    const pk1 = await signInAs(core, 'investigator', 'pk1');
    const dvg1 = await signInAs(core, 'supervisor', 'dvg1');
    const { hold, approval } = await holdOn(core, pk1, clips.mkv.id);
    expect(hold).toMatchObject({ status: 'requested', requestedBy: 'pk1', pendingApprovalId: approval.id, reviewOverdue: false });

    const first = await core.retention.run(system, new Date());
    const others: ClipPart[] = ['splitFirst', 'splitSecond', 'longGop', 'bFrames', 'editList', 'avi', 'vfr'];
    expect(deletedIds(first)).toEqual(idsOf(s, others));
    expect(first.preview.kept).toEqual([expect.objectContaining({ clipId: clips.mkv.id, keptBy: [expect.objectContaining({ kind: 'hold', holdId: hold.id, status: 'requested' })] })]);

    await core.approvals.decide(dvg1, approval.id, 'approve', '');
    const second = await core.retention.run(system, new Date());
    expect(second.deleted).toEqual([]);
    expect(second.preview.kept[0]?.keptBy).toEqual([expect.objectContaining({ holdId: hold.id, status: 'active' })]);

    const lift = await core.holds.requestLift(pk1, hold.id, 'Ansprüche nicht weiter verfolgt');
    expect(lift.hold).toMatchObject({ status: 'active', pendingApprovalId: lift.approval.id });
    await expect(core.holds.requestLift(pk1, hold.id, 'noch einmal')).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`already waits for approval ${lift.approval.id}`) });
    expect((await core.retention.run(system, new Date())).deleted).toEqual([]);

    await core.approvals.decide(dvg1, lift.approval.id, 'approve', 'Freigabe zur Löschung');
    const last = await core.retention.run(system, new Date());
    expect(last.deleted.map((tombstone) => [tombstone.clipId, tombstone.reason, tombstone.orderedBy])).toEqual([[clips.mkv.id, 'retention', 'system']]);
    expect(await core.holds.list(dvg1, undefined)).toEqual([expect.objectContaining({ id: hold.id, status: 'lifted', approvedBy: 'dvg1', liftedBy: 'dvg1', pendingApprovalId: null })]);
  });

  it('lets the run delete a clip whose hold request was rejected', async () => {
    const { core, clips } = await station();
    const pk1 = await signInAs(core, 'investigator', 'pk1');
    const dvg1 = await signInAs(core, 'supervisor', 'dvg1');
    const { approval } = await holdOn(core, pk1, clips.avi.id);
    const before = await core.retention.preview(dvg1, new Date());
    expect(before.kept.map((clip) => clip.clipId)).toEqual([clips.avi.id]);
    await core.approvals.decide(dvg1, approval.id, 'reject', 'Keine Ansprüche erkennbar');
    const run = await core.retention.run(system, new Date());
    expect(run.preview.kept).toEqual([]);
    expect(run.deleted.find((tombstone) => tombstone.clipId === clips.avi.id)).toMatchObject({ reason: 'retention' });
    expect((await core.holds.list(dvg1, clips.avi.id))[0]).toMatchObject({ status: 'rejected', pendingApprovalId: null });
  });

  it('lists holds by review date and flags overdue reviews; refuses a review date that is not in the future', async () => {
    const { core, clips } = await station();
    const pk1 = await signInAs(core, 'investigator', 'pk1');
    const dpo = await signInAs(core, 'dpo', 'dsb1');
    const trainer = await signInAs(core, 'trainer', 'trainer1');
    const tomorrow = localCalendarDate(daysFromNow(1));
    const soon = await holdOn(core, pk1, clips.vfr.id, tomorrow);
    const later = await holdOn(core, pk1, clips.mkv.id);
    await expect(holdOn(core, pk1, clips.avi.id, localCalendarDate(new Date()))).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringContaining('must lie in the future') });

    expect((await core.holds.list(dpo, undefined)).map((hold) => [hold.id, hold.reviewOverdue])).toEqual([
      [soon.hold.id, false],
      [later.hold.id, false],
    ]);
    expect((await core.holds.list(dpo, undefined, daysFromNow(3))).map((hold) => [hold.id, hold.reviewDate, hold.reviewOverdue])).toEqual([
      [soon.hold.id, tomorrow, true],
      [later.hold.id, later.hold.reviewDate, false],
    ]);
    expect((await core.holds.list(pk1, clips.mkv.id)).map((hold) => hold.id)).toEqual([later.hold.id]);
    await expect(core.holds.list(trainer, undefined)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(core.holds.request(dpo, { clipId: clips.avi.id, reason: 'claims', caseReference: 'X', reviewDate: tomorrow, note: 'Prüfung' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(core.holds.requestLift(pk1, soon.hold.id, 'nicht mehr nötig')).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('is requested, not active') });
    expect((await auditEntries(core, 'access.denied')).map((entry) => [entry.userId, entry.details.permission])).toEqual([
      ['trainer1', 'holds.read'],
      ['dsb1', 'holds.request'],
    ]);
  });
});

describe('processing locks', () => {
  it('stops opening and exports of a home-locked clip until a lawful decision; training stays refused after it', async () => {
    const { core, clips } = await station();
    const pk1 = await signInAs(core, 'investigator', 'pk1');
    const dvg1 = await signInAs(core, 'supervisor', 'dvg1');
    const clipId = clips.bFrames.id;
    const lock = await core.locks.flag(pk1, { clipId, kind: 'home', note: 'Aufnahme in der Wohnung der Geschädigten' });
    expect(lock).toMatchObject({ kind: 'home', status: 'locked', flaggedBy: 'pk1', outcome: null });
    await expect(core.locks.flag(dvg1, { clipId, kind: 'home', note: 'doppelt' })).rejects.toMatchObject({ code: 'conflict' });

    const refusal = `Clip ${clipId} is under processing lock ${lock.id} (recorded inside a home, flagged by pk1, locked until a judge's decision is entered): it may not be opened or exported`;
    await expect(core.player.open(dvg1, clipId, justification)).rejects.toMatchObject({ code: 'forbidden', message: refusal });
    const court: ExportJobRequest = { kind: 'court', clips: [{ clipId }], caseReference: '1 Js 4711/24', recipient: 'Staatsanwaltschaft Stuttgart', withOriginals: true, zip: false };
    await expect(core.exports.start(dvg1, court)).rejects.toMatchObject({ code: 'forbidden', message: refusal });
    await expect(core.exports.start(dvg1, { kind: 'still', clipId, frame: 10, justification, unredacted: false })).rejects.toMatchObject({ code: 'forbidden', message: refusal });
    const handlers = createHandlers(core);
    const window = await signedInContext(core, 'supervisor', 'dvg2');
    expect(await dispatch(handlers, 'player.open', { clipId, justification }, window)).toEqual({ ok: false, error: { code: 'forbidden', message: refusal } });
    expect(await core.db.dataSource.query('SELECT id FROM export_job')).toEqual([]);
    expect((await libraryWith(core, dvg1, 'locked'))).toEqual([clips.bFrames.recordingId]);

    const today = localCalendarDate(new Date());
    await expect(core.locks.decide(pk1, { lockId: lock.id, court: 'AG Stuttgart', fileNumber: '12 Gs 345/24', decisionDate: today, outcome: 'lawful' })).rejects.toMatchObject({ code: 'forbidden' });
    const released = await core.locks.decide(dvg1, { lockId: lock.id, court: 'AG Stuttgart', fileNumber: '12 Gs 345/24', decisionDate: today, outcome: 'lawful' });
    expect(released).toMatchObject({ status: 'released', outcome: 'lawful', court: 'AG Stuttgart', fileNumber: '12 Gs 345/24', decisionDate: today, decidedBy: 'dvg1' });
    await expect(core.locks.decide(dvg1, { lockId: lock.id, court: 'AG Stuttgart', fileNumber: '12 Gs 345/24', decisionDate: today, outcome: 'unlawful' })).rejects.toMatchObject({ code: 'conflict' });

    expect((await core.player.open(dvg1, clipId, justification)).clipId).toBe(clipId);
    const training: ExportJobRequest = { kind: 'training', clip: { clipId }, justification: 'Schulung Eigensicherung', wholePicture: null, audio: 'remove' };
    await expect(core.exports.start(dvg1, training)).rejects.toMatchObject({
      code: 'forbidden',
      message: `Clip ${clipId} was flagged as recorded inside a home (processing lock ${lock.id}, released by AG Stuttgart 12 Gs 345/24): training material is never made from home or Kernbereich clips`,
    });
    expect(await libraryWith(core, dvg1, 'locked')).toEqual([]);

    const refusals = (await auditEntries(core, 'access.denied')).filter((entry) => entry.details.rule === 'processing-lock');
    expect(refusals.map((entry) => [entry.userId, entry.details.permission, entry.details.lockStatus])).toEqual([
      ['dvg1', 'footage.view', 'locked'],
      ['dvg1', 'export.court', 'locked'],
      ['dvg1', 'export.still', 'locked'],
      ['dvg2', 'footage.view', 'locked'],
      ['dvg1', 'export.training', 'released'],
    ]);
    expect((await auditEntries(core, 'lock.flag')).map((entry) => [entry.userId, entry.target, entry.details.kind])).toEqual([['pk1', `clip:${clipId}`, 'home']]);
    expect((await auditEntries(core, 'lock.decide')).map((entry) => [entry.userId, entry.details.outcome, entry.details.status])).toEqual([['dvg1', 'lawful', 'released']]);
  });

  it('has the next run delete an unlawful home recording and a Kernbereich clip before their date; the Kernbereich flag cuts an open player off', async () => {
    const s = await station();
    const { core, clips } = s;
    const pk1 = await signInAs(core, 'investigator', 'pk1');
    const dvg1 = await signInAs(core, 'supervisor', 'dvg1');
    const home = await core.locks.flag(pk1, { clipId: clips.avi.id, kind: 'home', note: 'Aufnahme im Flur der Wohnung' });
    const refused = await core.locks.decide(dvg1, { lockId: home.id, court: 'AG Stuttgart', fileNumber: '12 Gs 346/24', decisionDate: localCalendarDate(new Date()), outcome: 'unlawful' });
    expect(refused.status).toBe('deletion-due');
    await expect(core.player.open(dvg1, clips.avi.id, justification)).rejects.toMatchObject({ message: expect.stringContaining('due for deletion by the next retention run') });

    const opened = await core.player.open(dvg1, clips.editList.id, justification);
    expect(await core.player.resolveMedia(opened.media?.token ?? '')).not.toBeNull();
    const kernbereich = await core.locks.flag(pk1, { clipId: clips.editList.id, kind: 'kernbereich', note: 'Intimbereich sichtbar' });
    expect(kernbereich.status).toBe('deletion-due');
    expect(await core.player.resolveMedia(opened.media?.token ?? '')).toBeNull();
    await expect(core.player.open(dvg1, clips.editList.id, justification)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('Kernbereich') });
    await expect(core.locks.decide(dvg1, { lockId: kernbereich.id, court: 'AG', fileNumber: '1', decisionDate: '2024-03-20', outcome: 'lawful' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is a Kernbereich lock'),
    });
    expect(await libraryWith(core, dvg1, 'locked')).toEqual([clips.avi.recordingId, clips.editList.recordingId].sort((a, b) => a - b));

    // Six days after the recordings: no deletion date has come, only the two locks order deletion.
    const run = await core.retention.run(system, new Date('2024-03-20T00:00:00.000Z'));
    expect(run.deleted.map((tombstone) => [tombstone.clipId, tombstone.reason])).toEqual(
      expect.arrayContaining([
        [clips.avi.id, 'lock-refused'],
        [clips.editList.id, 'kernbereich'],
      ]),
    );
    expect(deletedIds(run)).toEqual(idsOf(s, ['avi', 'editList']));
    expect((await core.locks.list(dvg1, undefined)).map((lock) => [lock.clipId, lock.status])).toEqual([
      [clips.avi.id, 'deletion-due'],
      [clips.editList.id, 'deletion-due'],
    ]);
  });
});

describe('the library marks', () => {
  it('shows a locked clip no picture or sound, refuses its proxy and annotations, and stops an export queued before the lock', async () => {
    const { core, clips } = await station();
    const dvg1 = await signInAs(core, 'supervisor', 'dvg1');
    const clipId = clips.mkv.id;
    expect(await core.library.thumbnails(dvg1, clipId)).not.toBeNull();
    expect(await core.player.waveform(dvg1, clipId)).not.toBeNull();
    await core.player.open(dvg1, clipId, justification);
    // Two stills of the clip queued: the lock arrives while the first one runs.
    const first = await core.exports.start(dvg1, { kind: 'still', clipId, frame: 1, justification, unredacted: false });
    const second = await core.exports.start(dvg1, { kind: 'still', clipId, frame: 2, justification, unredacted: false });
    const lock = await core.locks.flag(dvg1, { clipId, kind: 'kernbereich', note: 'Intimbereich sichtbar' });
    await core.exports.idle();
    const stopped = [await core.exports.get(first.id), await core.exports.get(second.id)].filter((job) => job.status === 'failed');
    expect(stopped.length).toBeGreaterThanOrEqual(1);
    expect(stopped[0]?.error).toBe(`Clip ${clipId} came under processing lock ${lock.id} (kernbereich, deletion-due) after the export was queued; nothing was exported`);
    expect(stopped[0]?.output).toBeNull();
    expect(await core.library.thumbnails(dvg1, clipId)).toBeNull();
    // The session that opened the clip before the lock neither reads nor changes its annotations now.
    await expect(core.annotations.get(dvg1, clipId)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining(`processing lock ${lock.id}`) as unknown });
    const marker = { startFrame: 1, endFrame: 1, category: 'Sonstiges', text: 'nach der Sperre', statement: 'fact' as const };
    await expect(core.annotations.change(dvg1, clipId, { type: 'marker.create', marker })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await core.player.waveform(dvg1, clipId)).toBeNull();
    const window = await signedInContext(core, 'supervisor', 'dvg2');
    expect(await dispatch(createHandlers(core), 'library.proxy', { clipId }, window)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(`processing lock ${lock.id}`) as unknown } });
  });

  it('filters exactly the held and the locked recordings and shows them as badges', async () => {
    const { core, clips } = await station();
    const pk1 = await signInAs(core, 'investigator', 'pk1');
    const dvg1 = await signInAs(core, 'supervisor', 'dvg1');
    await holdOn(core, pk1, clips.mkv.id);
    const active = await holdOn(core, pk1, clips.vfr.id);
    await core.approvals.decide(dvg1, active.approval.id, 'approve', '');
    const rejected = await holdOn(core, pk1, clips.splitSecond.id);
    await core.approvals.decide(dvg1, rejected.approval.id, 'reject', '');
    await core.locks.flag(pk1, { clipId: clips.longGop.id, kind: 'home', note: 'Wohnung' });
    await core.locks.flag(pk1, { clipId: clips.bFrames.id, kind: 'kernbereich', note: 'Kernbereich' });
    const released = await core.locks.flag(pk1, { clipId: clips.avi.id, kind: 'home', note: 'Wohnung' });
    await core.locks.decide(dvg1, { lockId: released.id, court: 'AG Stuttgart', fileNumber: '12 Gs 1/24', decisionDate: '2024-04-01', outcome: 'lawful' });

    const sorted = (...ids: number[]) => ids.sort((a, b) => a - b);
    expect(await libraryWith(core, dvg1, 'held')).toEqual(sorted(clips.mkv.recordingId, clips.vfr.recordingId));
    expect(await libraryWith(core, dvg1, 'locked')).toEqual(sorted(clips.longGop.recordingId, clips.bFrames.recordingId));
    const page = await core.library.list(dvg1, LibraryQuerySchema.parse({}));
    const statuses = new Map(page.recordings.map((recording) => [recording.id, recording.statuses]));
    expect(statuses.get(clips.vfr.recordingId)).toContain('held');
    expect(statuses.get(clips.bFrames.recordingId)).toContain('locked');
    expect(statuses.get(clips.avi.recordingId)).not.toContain('locked');
    expect(statuses.get(clips.splitSecond.recordingId)).not.toContain('held');
  });
});
