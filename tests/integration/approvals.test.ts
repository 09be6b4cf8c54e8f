// Four-eyes approvals (Vier-Augen-Freigabe) on a scanned station with real SQLite and real files:
// nobody decides their own request (for each kind, in the service and through a direct contract
// call), only supervisors decide, every refusal is logged; a settled request stays settled; only
// the requester withdraws. Early deletion: after a second supervisor's approval no file with the
// original's hash is left, the tombstone says `early-deletion`, ordered by the approver; a hold
// stops it, also one placed between the request and the approval.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/api/actor.ts';
import type { Approval } from '../../shared/api/approvals.ts';
import type { Core } from '../../electron/core/core.ts';
import { createHandlers, dispatch } from '../../electron/core/handlers.ts';
import { derivedFolder } from '../../electron/core/library/derived/derived-store.ts';
import { signedInContext, signInAs } from '../support/core.ts';
import { auditEntries, filesByHash, useScannedStations } from '../support/scanned-station.ts';

const station = useScannedStations();
const inTwoMonths = new Date(Date.now() + 60 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

/** Asks for a hold as `actor` and answers the approval request. */
async function holdRequest(core: Core, actor: Awaited<ReturnType<typeof signInAs>>, clipId: number): Promise<Approval> {
  const { approval } = await core.holds.request(actor, { clipId, reason: 'prosecution', caseReference: '1 Js 4711/24', reviewDate: inTwoMonths, note: 'Beweismittel im Verfahren wegen Widerstands' });
  return approval;
}

describe('four eyes', () => {
  it('refuses every kind to its own requester, logs the refusal, and lets a second supervisor decide', async () => {
    const { core, clips } = await station();
    const dvg1 = await signInAs(core, 'supervisor', 'dvg1');
    const dvg2 = await signInAs(core, 'supervisor', 'dvg2');

    const place = await holdRequest(core, dvg1, clips.mkv.id);
    await expect(core.approvals.decide(dvg1, place.id, 'approve', '')).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('requested by dvg1; four eyes') });
    const approved = await core.approvals.decide(dvg2, place.id, 'approve', 'Az. geprüft');
    expect(approved).toMatchObject({ status: 'approved', requestedBy: 'dvg1', decidedBy: 'dvg2', decisionNote: 'Az. geprüft' });
    const [hold] = await core.holds.list(dvg1, clips.mkv.id);
    expect(hold).toMatchObject({ status: 'active', approvedBy: 'dvg2', pendingApprovalId: null });

    const { approval: lift } = await core.holds.requestLift(dvg1, hold!.id, 'Verfahren eingestellt');
    await expect(core.approvals.decide(dvg1, lift.id, 'approve', '')).rejects.toMatchObject({ code: 'forbidden' });
    await core.approvals.decide(dvg2, lift.id, 'approve', '');
    expect((await core.holds.list(dvg1, clips.mkv.id))[0]).toMatchObject({ status: 'lifted', liftedBy: 'dvg2' });

    const deletion = await core.earlyDeletion.request(dvg1, clips.avi.id, 'Versehentliche Aufnahme ohne Einsatzbezug');
    await expect(core.approvals.decide(dvg1, deletion.id, 'approve', '')).rejects.toMatchObject({ code: 'forbidden' });
    expect((await core.library.get(dvg1, clips.avi.recordingId)).clips).toHaveLength(1);
    await core.approvals.decide(dvg2, deletion.id, 'approve', '');
    expect((await core.retention.tombstones(dvg2)).map((tombstone) => tombstone.clipId)).toEqual([clips.avi.id]);

    const refusals = (await auditEntries(core, 'access.denied')).filter((entry) => entry.details.rule === 'four-eyes');
    expect(refusals).toEqual([
      { userId: 'dvg1', role: 'supervisor', action: 'alteration', target: `clip:${clips.mkv.id}`, details: { rule: 'four-eyes', permission: 'approvals.decide', approvalId: place.id, kind: 'hold-place', requestedBy: 'dvg1' } },
      { userId: 'dvg1', role: 'supervisor', action: 'alteration', target: `clip:${clips.mkv.id}`, details: { rule: 'four-eyes', permission: 'approvals.decide', approvalId: lift.id, kind: 'hold-lift', requestedBy: 'dvg1' } },
      { userId: 'dvg1', role: 'supervisor', action: 'alteration', target: `clip:${clips.avi.id}`, details: { rule: 'four-eyes', permission: 'approvals.decide', approvalId: deletion.id, kind: 'early-deletion', requestedBy: 'dvg1' } },
    ]);
    // The request, the approval and the refusal are entries about the clip, naming both people.
    expect((await auditEntries(core, 'approval.request')).map((entry) => [entry.userId, entry.target, entry.details.kind])).toEqual([
      ['dvg1', `clip:${clips.mkv.id}`, 'hold-place'],
      ['dvg1', `clip:${clips.mkv.id}`, 'hold-lift'],
      ['dvg1', `clip:${clips.avi.id}`, 'early-deletion'],
    ]);
    expect((await auditEntries(core, 'approval.approve')).map((entry) => [entry.userId, entry.target, entry.details.kind, entry.details.requestedBy, entry.details.decidedBy])).toEqual([
      ['dvg2', `clip:${clips.mkv.id}`, 'hold-place', 'dvg1', 'dvg2'],
      ['dvg2', `clip:${clips.mkv.id}`, 'hold-lift', 'dvg1', 'dvg2'],
      ['dvg2', `clip:${clips.avi.id}`, 'early-deletion', 'dvg1', 'dvg2'],
    ]);
  });

  it('refuses the own decision through a direct contract call too, and the database refuses it as well', async () => {
    const { core, clips } = await station();
    const handlers = createHandlers(core);
    const window1 = await signedInContext(core, 'supervisor', 'dvg1');
    const window2 = await signedInContext(core, 'supervisor', 'dvg2');
    const asked = await dispatch(handlers, 'clips.requestEarlyDeletion', { clipId: clips.bFrames.id, reason: 'Aufnahme im Umkleidebereich' }, window1);
    expect(asked).toMatchObject({ ok: true, value: { kind: 'early-deletion', status: 'pending', requestedBy: 'dvg1', requestedRole: 'supervisor' } });
    const id = (asked as { value: Approval }).value.id;

    expect(await dispatch(handlers, 'approvals.decide', { id, decision: 'approve' }, window1)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: `Approval ${id} (early-deletion of clip:${clips.bFrames.id}) was requested by dvg1; four eyes: another supervisor must decide it` },
    });
    expect(await dispatch(handlers, 'approvals.decide', { id, decision: 'reject', note: 'selbst' }, window1)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await auditEntries(core, 'access.denied')).filter((entry) => entry.userId === 'dvg1' && entry.details.rule === 'four-eyes')).toHaveLength(2);
    await expect(core.db.dataSource.query("UPDATE approval_request SET status = 'approved', decided_by = 'dvg1', decided_utc = 'x' WHERE id = ?", [id])).rejects.toThrow(/CHECK constraint failed/);

    expect(await dispatch(handlers, 'approvals.decide', { id, decision: 'reject', note: 'Keine Grundlage' }, window2)).toMatchObject({
      ok: true,
      value: { status: 'rejected', decidedBy: 'dvg2', decisionNote: 'Keine Grundlage' },
    });
    expect((await core.library.get(window2.actor, clips.bFrames.recordingId)).clips.map((clip) => clip.id)).toEqual([clips.bFrames.id]);
  });

  it('lets only supervisors decide: every other role is refused, and each refusal is logged', async () => {
    const { core, clips } = await station();
    const handlers = createHandlers(core);
    const pk1 = await signInAs(core, 'investigator', 'pk1');
    const { id } = await holdRequest(core, pk1, clips.longGop.id);
    const others: [Role, string][] = [
      ['investigator', 'pk2'],
      ['trainer', 'trainer1'],
      ['dpo', 'dsb1'],
      ['administrator', 'admin2'],
    ];
    for (const [role, username] of others) {
      const actor = await signInAs(core, role, username);
      await expect(core.approvals.decide(actor, id, 'approve', ''), role).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining(`role ${role} may not do this (approvals.decide)`) });
      const window = await signedInContext(core, role, username);
      expect(await dispatch(handlers, 'approvals.decide', { id, decision: 'reject' }, window), role).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const refusals = (await auditEntries(core, 'access.denied')).filter((entry) => entry.details.permission === 'approvals.decide');
    expect(refusals.map((entry) => [entry.userId, entry.target])).toEqual(others.flatMap(([, username]) => [[username, `clip:${clips.longGop.id}`], [username, `clip:${clips.longGop.id}`]]));
    // Still pending: a supervisor who did not ask decides it.
    expect((await core.approvals.list(pk1, false)).map((approval) => [approval.id, approval.status])).toEqual([[id, 'pending']]);
    const dvg1 = await signInAs(core, 'supervisor', 'dvg1');
    expect(await core.approvals.decide(dvg1, id, 'approve', '')).toMatchObject({ status: 'approved', requestedBy: 'pk1', requestedRole: 'investigator', decidedBy: 'dvg1' });
  });
});

describe('the queue, settled requests and withdrawal', () => {
  it('shows supervisors every pending request and others their own; refuses to decide a settled request; only the requester withdraws', async () => {
    const { core, clips } = await station();
    const pk1 = await signInAs(core, 'investigator', 'pk1');
    const pk2 = await signInAs(core, 'investigator', 'pk2');
    const dvg1 = await signInAs(core, 'supervisor', 'dvg1');
    const dvg2 = await signInAs(core, 'supervisor', 'dvg2');
    const first = await holdRequest(core, pk1, clips.mkv.id);
    const second = await core.earlyDeletion.request(pk2, clips.vfr.id, 'Aufnahme ohne Einsatzbezug');
    await expect(core.earlyDeletion.request(pk1, clips.vfr.id, 'noch einmal')).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`approval ${second.id} by pk2`) });

    expect((await core.approvals.list(dvg1, false)).map((approval) => approval.id)).toEqual([first.id, second.id]);
    expect((await core.approvals.list(pk1, false)).map((approval) => approval.id)).toEqual([first.id]);

    await core.approvals.decide(dvg1, first.id, 'reject', 'Kein Verfahren anhängig');
    await expect(core.approvals.decide(dvg2, first.id, 'approve', '')).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('is rejected already by dvg1') });
    expect((await core.holds.list(pk1, clips.mkv.id))[0]).toMatchObject({ status: 'rejected', approvedBy: null });

    await expect(core.approvals.withdraw(dvg1, second.id)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('only they can withdraw it') });
    await expect(core.approvals.withdraw(pk1, second.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await auditEntries(core, 'access.denied')).filter((entry) => entry.details.rule === 'requester-only').map((entry) => entry.userId)).toEqual(['dvg1', 'pk1']);
    expect(await core.approvals.withdraw(pk2, second.id)).toMatchObject({ status: 'withdrawn', decidedBy: null, decidedUtc: expect.any(String) });
    await expect(core.approvals.decide(dvg1, second.id, 'approve', '')).rejects.toMatchObject({ code: 'conflict' });

    expect(await core.approvals.list(dvg1, false)).toEqual([]);
    expect((await core.approvals.list(dvg1, true)).map((approval) => [approval.id, approval.status])).toEqual([
      [second.id, 'withdrawn'],
      [first.id, 'rejected'],
    ]);
    expect((await core.approvals.list(pk2, true)).map((approval) => approval.id)).toEqual([second.id]);
    expect((await auditEntries(core, 'approval.withdraw')).map((entry) => [entry.userId, entry.target])).toEqual([['pk2', `clip:${clips.vfr.id}`]]);
    expect((await auditEntries(core, 'approval.reject')).map((entry) => [entry.userId, entry.details.note, entry.details.requestedBy])).toEqual([['dvg1', 'Kein Verfahren anhängig', 'pk1']]);
    await expect(core.approvals.decide(dvg1, 9999, 'approve', '')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('early deletion', () => {
  it('deletes the clip with every derived file after a second supervisor approves; the tombstone names the approver', async () => {
    const { core, clips, drive, data } = await station();
    const pk1 = await signInAs(core, 'investigator', 'pk1');
    const dvg1 = await signInAs(core, 'supervisor', 'dvg1');
    const clip = clips.longGop;
    const before = await filesByHash(drive, data);
    expect(before.get(clip.sha256)).toEqual([path.join(drive, clip.path)]);
    expect(existsIn(before, derivedFolder(data, clip.sha256))).toBe(true);

    const request = await core.earlyDeletion.request(pk1, clip.id, 'Kamera versehentlich in der Dienststelle ausgelöst');
    expect((await core.retention.tombstones(dvg1))).toEqual([]);
    await core.approvals.decide(dvg1, request.id, 'approve', 'Kein Beweiswert');

    const after = await filesByHash(drive, data);
    expect(after.get(clip.sha256)).toBeUndefined();
    expect(existsIn(after, derivedFolder(data, clip.sha256))).toBe(false);
    expect([...after.keys()].length).toBeGreaterThan(0);
    const [tombstone] = await core.retention.tombstones(dvg1);
    expect(tombstone).toMatchObject({ clipId: clip.id, sha256: clip.sha256, reason: 'early-deletion', orderedBy: 'dvg1', state: 'done', officer: 'PK4713' });
    const deletionEntries = [...(await auditEntries(core, 'retention.delete.start')), ...(await auditEntries(core, 'retention.delete'))];
    expect(deletionEntries.map((entry) => [entry.userId, entry.target, entry.details.reason])).toEqual([
      ['dvg1', `clip:${clip.id}`, 'early-deletion'],
      ['dvg1', `clip:${clip.id}`, 'early-deletion'],
    ]);
    expect((await auditEntries(core, 'approval.approve'))[0]).toMatchObject({ userId: 'dvg1', target: `clip:${clip.id}`, details: { kind: 'early-deletion', requestedBy: 'pk1', decidedBy: 'dvg1', note: 'Kein Beweiswert' } });
    expect((await core.db.dataSource.query('SELECT count(*) AS n FROM clip WHERE id = ?', [clip.id]))[0].n).toBe(0);
  });

  it('is refused while a hold keeps the clip, also when the hold came after the request; nothing is deleted', async () => {
    const { core, clips, drive } = await station();
    const pk1 = await signInAs(core, 'investigator', 'pk1');
    const dvg1 = await signInAs(core, 'supervisor', 'dvg1');
    const dvg2 = await signInAs(core, 'supervisor', 'dvg2');

    const hold = await holdRequest(core, pk1, clips.mkv.id);
    await core.approvals.decide(dvg1, hold.id, 'approve', '');
    const holdId = hold.details.holdId as number;
    await expect(core.earlyDeletion.request(pk1, clips.mkv.id, 'Aufnahme ohne Einsatzbezug')).rejects.toMatchObject({
      code: 'conflict',
      message: `Clip ${clips.mkv.id} cannot be deleted early: hold ${holdId} (active, prosecution, case 1 Js 4711/24, review on ${inTwoMonths}) keeps it; the hold must be lifted or its request settled first`,
    });

    const early = await core.earlyDeletion.request(pk1, clips.editList.id, 'Aufnahme ohne Einsatzbezug');
    await holdRequest(core, pk1, clips.editList.id);
    await expect(core.approvals.decide(dvg2, early.id, 'approve', '')).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`Clip ${clips.editList.id} cannot be deleted early`) });
    expect((await core.approvals.list(dvg2, false)).find((approval) => approval.id === early.id)?.status).toBe('pending');
    expect(await core.retention.tombstones(dvg2)).toEqual([]);
    expect((await filesByHash(drive)).get(clips.editList.sha256)).toEqual([path.join(drive, clips.editList.path)]);
    expect(await auditEntries(core, 'approval.approve')).toHaveLength(1);
  });
});

function existsIn(files: Map<string, string[]>, folder: string): boolean {
  return [...files.values()].flat().some((file) => file.startsWith(folder + path.sep));
}
