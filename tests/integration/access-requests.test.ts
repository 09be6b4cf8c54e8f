// Access requests of data subjects (Auskunftsersuchen) on a small scanned drive: the window and the
// officer find exactly the matching recordings; a grant starts a court package of redacted copies
// only (masks burnt in and checked, no originals) addressed to the person, with the request's
// reference and § 57 BDSG, and audits the disclosure on the request and on each clip; a refusal
// keeps its reason; a decided request stays decided; only supervisors record and decide, the DPO
// reads.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../shared/api/actor.ts';
import { SUBJECT_ACCESS_LEGAL_BASIS, type NewAccessRequest } from '../../shared/api/access-requests.ts';
import type { MethodName, RequestOf, ResponseOf } from '../../shared/api/contract.ts';
import type { Result } from '../../shared/api/result.ts';
import { ManifestSchema } from '../../shared/exports/manifest.ts';
import type { Core } from '../../electron/core/core.ts';
import { createHandlers, dispatch, type CallContext, type HandlerTable } from '../../electron/core/handlers.ts';
import { scanDrive } from '../../electron/core/library/station-scanner.ts';
import { ClipEntity } from '../../electron/db/entities/library.ts';
import { adminActor, dpoActor, openTestCore, signedInContext } from '../support/core.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const run = promisify(execFile);
const tempFolder = useTempFolders('file');

/** One-second recordings in the DCIM layout (officer and local start time in the name; CET = UTC+1). */
const clipPaths = ['DCIM/240314/PK4711_20240314_101502.mp4', 'DCIM/240314/PK4711_20240314_113000.mp4', 'DCIM/240314/PK4712_20240314_101000.mp4', 'DCIM/240315/PK4711_20240315_080000.mp4'];

let core: Core;
let handlers: HandlerTable;
let clipIds: number[];
let supervisor: CallContext;
let exportFolder: string;

async function call<M extends MethodName>(context: CallContext, method: M, request: RequestOf<M>): Promise<Result<ResponseOf<M>>> {
  return (await dispatch(handlers, method, request, context)) as Result<ResponseOf<M>>;
}

async function value<M extends MethodName>(context: CallContext, method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  const result = await call(context, method, request);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** The audit entries with this event, oldest first. */
async function entries(event: string, filter: { clipId?: number; userId?: string } = {}) {
  return (await core.auditReports.query(dpoActor, { event, ...filter, page: 1, pageSize: 500 })).entries.reverse();
}

const morningRequest: NewAccessRequest = {
  reference: 'AE 2024/0815',
  subjectDescription: 'Max Mustermann, geb. 01.02.1980\nmax.mustermann@example.org, Königstraße 1, Stuttgart',
  receivedDate: '2024-04-02',
  // 10:00 to 11:00 local time on 14 March (CET): the first recording of PK4711 only.
  windowFromUtc: '2024-03-14T10:00:00+01:00',
  windowToUtc: '2024-03-14T11:00:00+01:00',
  officer: 'PK4711',
};

beforeAll(async () => {
  const folder = tempFolder();
  const drive = path.join(folder, 'drive');
  for (const [n, clip] of clipPaths.entries()) {
    const file = path.join(drive, clip);
    mkdirSync(path.dirname(file), { recursive: true });
    // Different lengths, so that no two originals share a hash.
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-t', `${1 + n / 5}`, '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', file]);
  }
  exportFolder = path.join(folder, 'exports');
  core = await openTestCore(path.join(folder, 'data'));
  handlers = createHandlers(core);
  await core.settings.update(adminActor, { stationDrive: drive, exportFolder });
  supervisor = await signedInContext(core, 'supervisor', 'dvg0815');
  await scanDrive(core, supervisor.actor, drive);
  const clips = core.db.dataSource.getRepository(ClipEntity);
  clipIds = await Promise.all(clipPaths.map(async (clip) => (await clips.findOneByOrFail({ path: clip })).id));
  // A bystander masked in the first clip: the subject's copy must carry it.
  await core.player.open(supervisor.actor, clipIds[0]!, 'Auskunftsersuchen AE 2024/0815');
  await core.annotations.change(supervisor.actor, clipIds[0]!, {
    type: 'track.create',
    track: {
      shape: 'rectangle',
      method: 'fill',
      blockSize: 16,
      reason: 'bystander',
      note: 'Passant rechts',
      keyframes: [
        { frame: 2, box: { x: 20, y: 20, width: 80, height: 60 }, outside: false },
        { frame: 20, box: { x: 120, y: 80, width: 80, height: 60 }, outside: false },
      ],
    },
  });
}, 120_000);
afterAll(() => core?.close());

describe('finding the recordings', () => {
  it('finds exactly the clips whose recording overlaps the window and matches the officer or device', async () => {
    const [first, second, other, nextDay] = clipIds as [number, number, number, number];
    const created = await value(supervisor, 'accessRequests.create', morningRequest);
    expect(created).toMatchObject({
      reference: 'AE 2024/0815',
      status: 'open',
      windowFromUtc: '2024-03-14T09:00:00.000Z',
      windowToUtc: '2024-03-14T10:00:00.000Z',
      officer: 'PK4711',
      device: null,
      createdBy: 'dvg0815',
      decidedBy: null,
      exportId: null,
    });
    expect(created.clips).toEqual([{ clipId: first, path: clipPaths[0], officer: 'PK4711', device: null, startUtc: expect.stringMatching(/^2024-03-14T09:15:02/), endUtc: expect.stringMatching(/^2024-03-14T09:15:03/) }]);

    // Without the officer: PK4712's recording at 10:10 local is in the window too.
    const anyOfficer = await value(supervisor, 'accessRequests.create', { ...morningRequest, officer: undefined });
    expect(anyOfficer.clips.map((clip) => clip.clipId)).toEqual([other, first]);
    // The whole day of PK4711, and a window that only touches the end of a recording.
    const day = await value(supervisor, 'accessRequests.create', { ...morningRequest, windowFromUtc: '2024-03-14T00:00:00Z', windowToUtc: '2024-03-14T23:59:59Z' });
    expect(day.clips.map((clip) => clip.clipId)).toEqual([first, second]);
    expect(day.clips).not.toContainEqual(expect.objectContaining({ clipId: nextDay }));
    const touching = await value(supervisor, 'accessRequests.create', { ...morningRequest, windowFromUtc: '2024-03-14T09:15:02.900Z', windowToUtc: '2024-03-14T09:20:00Z' });
    expect(touching.clips.map((clip) => clip.clipId)).toEqual([first]);
    // A device no recording has finds nothing.
    expect((await value(supervisor, 'accessRequests.create', { ...morningRequest, device: 'VB4-9999999' })).clips).toEqual([]);

    const audited = (await entries('access-request.create')).find((entry) => entry.target === `access-request:${created.id}`);
    expect(audited).toMatchObject({
      action: 'consultation',
      actor: { userId: 'dvg0815', role: 'supervisor' },
      details: { window: { fromUtc: '2024-03-14T09:00:00.000Z', toUtc: '2024-03-14T10:00:00.000Z' }, filters: { officer: 'PK4711', device: null }, clipIds: [first] },
    });

    expect(await call(supervisor, 'accessRequests.create', { ...morningRequest, windowFromUtc: '2024-03-15T00:00:00Z', windowToUtc: '2024-03-14T00:00:00Z' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});

describe('deciding', () => {
  it('grants with a court package of redacted copies only, addressed to the person, and audits the disclosure on the request and each clip', async () => {
    const [first, , other] = clipIds as [number, number, number];
    const request = await value(supervisor, 'accessRequests.create', { ...morningRequest, officer: undefined, reference: 'AE 2024/0900' });
    expect(request.clips.map((clip) => clip.clipId)).toEqual([other, first]);
    // Only the found clips can be released.
    expect(await call(supervisor, 'accessRequests.decide', { id: request.id, decision: 'granted', reason: 'Identität geprüft', clipIds: [clipIds[3]!] })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

    const granted = await value(supervisor, 'accessRequests.decide', { id: request.id, decision: 'granted', reason: 'Identität geprüft; nur Aufnahme mit der Person', clipIds: [first] });
    expect(granted).toMatchObject({ status: 'granted', decidedBy: 'dvg0815', decisionReason: 'Identität geprüft; nur Aufnahme mit der Person', exportId: expect.any(String) });
    await core.exports.idle();
    const job = await core.exports.get(granted.exportId!);
    expect(job).toMatchObject({
      kind: 'court',
      status: 'done',
      clipIds: [first],
      caseReference: 'AE 2024/0900',
      recipient: 'Betroffene Person (Auskunft nach Art. 14 RL (EU) 2016/680 / § 57 BDSG): Max Mustermann, geb. 01.02.1980',
    });

    const output = job.output!;
    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(path.join(output, 'manifest.json'), 'utf8')));
    expect(manifest).toMatchObject({ kind: 'court', exportId: job.id, caseReference: 'AE 2024/0900', recipient: job.recipient, legalBasis: SUBJECT_ACCESS_LEGAL_BASIS });
    expect(manifest.clips.map((clip) => [clip.clipId, clip.masks])).toEqual([[first, 1]]);
    expect(manifest.files.filter((file) => file.role === 'original' || file.path.startsWith('originale/'))).toEqual([]);
    expect(existsSync(path.join(output, 'originale'))).toBe(false);
    const videos = manifest.files.filter((file) => file.role === 'redacted-video');
    expect(videos).toHaveLength(1);
    const clipRow = await core.db.dataSource.getRepository(ClipEntity).findOneByOrFail({ id: first });
    expect(videos[0]).toMatchObject({ clipId: first, parentSha256: clipRow.sha256 });
    const parameters = videos[0]!.derivation!.parameters as { masks: unknown[]; check: { maskedFrames: number; maskChecks: number } };
    expect(parameters.masks).toHaveLength(1);
    // The track starts at frame 2 and runs to the clip's last frame (24): the render check looked at each of those frames.
    expect(parameters.check.maskedFrames).toBe(23);
    expect(parameters.check.maskChecks).toBe(23);

    const grants = await entries('access-request.grant');
    expect(grants.map((entry) => [entry.target, entry.action, entry.actor.userId])).toEqual([
      [`access-request:${request.id}`, 'disclosure', 'dvg0815'],
      [`clip:${first}`, 'disclosure', 'dvg0815'],
    ]);
    expect(grants[0]?.details).toMatchObject({ exportId: job.id, clipIds: [first], recipient: job.recipient, reason: 'Identität geprüft; nur Aufnahme mit der Person' });
    // The DPO's report on the clip shows the decision; the clip not released has none.
    expect(await entries('access-request.grant', { clipId: first })).toHaveLength(1);
    expect(await entries('access-request.grant', { clipId: other })).toHaveLength(0);

    // Decided once: a second decision is a conflict and starts nothing.
    const exportsBefore = (await core.exports.list(supervisor.actor)).length;
    expect(await call(supervisor, 'accessRequests.decide', { id: request.id, decision: 'refused', reason: 'doch nicht' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call(supervisor, 'accessRequests.decide', { id: request.id, decision: 'granted', reason: 'noch einmal' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.exports.list(supervisor.actor)).toHaveLength(exportsBefore);
  });

  it('refuses with the reason recorded and exports nothing', async () => {
    const request = await value(supervisor, 'accessRequests.create', { ...morningRequest, reference: 'AE 2024/0901' });
    const exportsBefore = (await core.exports.list(supervisor.actor)).length;
    const refused = await value(supervisor, 'accessRequests.decide', { id: request.id, decision: 'refused', reason: 'Identität nicht nachgewiesen (§ 57 Abs. 4 BDSG)' });
    expect(refused).toMatchObject({ status: 'refused', decisionReason: 'Identität nicht nachgewiesen (§ 57 Abs. 4 BDSG)', decidedBy: 'dvg0815', decidedUtc: expect.any(String), exportId: null });
    expect(await core.exports.list(supervisor.actor)).toHaveLength(exportsBefore);
    const listed = (await value(supervisor, 'accessRequests.list', {})).find((candidate) => candidate.id === request.id);
    expect(listed).toEqual(refused);
    const audited = (await entries('access-request.refuse')).filter((entry) => entry.details['accessRequestId'] === request.id);
    expect(audited.map((entry) => [entry.target, entry.action])).toEqual([
      [`access-request:${request.id}`, 'alteration'],
      [`clip:${clipIds[0]}`, 'alteration'],
    ]);
    expect(audited[0]?.details).toMatchObject({ reason: 'Identität nicht nachgewiesen (§ 57 Abs. 4 BDSG)', decision: 'refused' });
    expect(await call(supervisor, 'accessRequests.decide', { id: request.id, decision: 'refused', reason: 'zweimal' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('who may', () => {
  it('refuses investigators and trainers, through the service and the contract, and logs each refusal', async () => {
    const open = await value(supervisor, 'accessRequests.create', { ...morningRequest, reference: 'AE 2024/0902' });
    for (const role of ['investigator', 'trainer'] as Role[]) {
      const context = await signedInContext(core, role, `${role}-ae`);
      const actor: Actor = context.actor;
      const deniedBefore = (await entries('access.denied', { userId: actor.userId })).length;
      await expect(core.accessRequests.create(actor, { ...morningRequest, officer: undefined, device: undefined })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(core.accessRequests.decide(actor, open.id, { decision: 'refused', reason: 'darf ich nicht' })).rejects.toMatchObject({ code: 'forbidden' });
      expect(await call(context, 'accessRequests.create', morningRequest)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call(context, 'accessRequests.decide', { id: open.id, decision: 'granted', reason: 'darf ich nicht' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call(context, 'accessRequests.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const denied = (await entries('access.denied', { userId: actor.userId })).slice(deniedBefore);
      expect(denied.map((entry) => [entry.details['permission'], entry.action])).toEqual([
        ['access-requests.manage', 'alteration'],
        ['access-requests.manage', 'alteration'],
        ['access-requests.manage', 'alteration'],
        ['access-requests.manage', 'alteration'],
        ['access-requests.read', 'consultation'],
      ]);
    }
    const unchanged = (await value(supervisor, 'accessRequests.list', {})).find((candidate) => candidate.id === open.id);
    expect(unchanged).toMatchObject({ status: 'open', decidedBy: null });
  });

  it('lets the DPO read the requests but not decide them', async () => {
    const open = await value(supervisor, 'accessRequests.create', { ...morningRequest, reference: 'AE 2024/0903' });
    const dpo = await signedInContext(core, 'dpo', 'dsb-ae');
    const listed = await value(dpo, 'accessRequests.list', {});
    expect(listed.map((candidate) => candidate.reference)).toContain('AE 2024/0903');
    expect(await call(dpo, 'accessRequests.decide', { id: open.id, decision: 'refused', reason: 'kein Recht' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(dpo, 'accessRequests.create', morningRequest)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await entries('access.denied', { userId: 'dsb-ae' })).map((entry) => entry.details['permission'])).toEqual(['access-requests.manage', 'access-requests.manage']);
  });
});
