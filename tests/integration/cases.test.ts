// Cases (Vorgänge) through the contract on a small scanned drive: a supervisor opens a case,
// names an investigator and files a clip; that investigator then sees exactly that clip (library,
// player) and nothing else, others see nothing; membership is refused for people who cannot work
// on a case; investigators cannot manage cases; every change is in the audit log with its action.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/api/actor.ts';
import type { MethodName, RequestOf, ResponseOf } from '../../shared/api/contract.ts';
import type { Result } from '../../shared/api/result.ts';
import type { Core } from '../../electron/core/core.ts';
import { createHandlers, dispatch, type CallContext, type HandlerTable } from '../../electron/core/handlers.ts';
import { scanDrive } from '../../electron/core/library/station-scanner.ts';
import { ClipEntity } from '../../electron/db/entities/library.ts';
import { adminActor, dpoActor, openTestCore, signedInContext, signInAs, testPassword } from '../support/core.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const run = promisify(execFile);
const tempFolder = useTempFolders('file');

/** Three one-second recordings of two officers in the DCIM layout (officer and start in the name). */
const clipPaths = ['DCIM/240314/PK4711_20240314_101502.mp4', 'DCIM/240314/PK4711_20240314_113000.mp4', 'DCIM/240315/PK4712_20240315_080000.mp4'];
const people: { username: string; displayName: string; role: Role }[] = [
  { username: 'dvg0815', displayName: 'Dienstvorgesetzte Bauer', role: 'supervisor' },
  { username: 'pk4711', displayName: 'Kommissarin Adler', role: 'investigator' },
  { username: 'pk4712', displayName: 'Kommissar Brandt', role: 'investigator' },
  { username: 'pk4713', displayName: 'Kommissar Cordes', role: 'investigator' },
  { username: 'pk4799', displayName: 'Kommissar Dorn (ausgeschieden)', role: 'investigator' },
  { username: 'trainer1', displayName: 'Trainerin Ebert', role: 'trainer' },
];

let core: Core;
let handlers: HandlerTable;
let clipIds: number[];
let supervisor: CallContext;
let adler: CallContext;
let brandt: CallContext;
const query = { sort: 'start', descending: false, offset: 0, limit: 500 } as const;

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

beforeAll(async () => {
  const folder = tempFolder();
  const drive = path.join(folder, 'drive');
  for (const [n, clip] of clipPaths.entries()) {
    const file = path.join(drive, clip);
    mkdirSync(path.dirname(file), { recursive: true });
    // Different lengths, so that no two originals share a hash.
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-t', `${1 + n / 5}`, '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', file]);
  }
  core = await openTestCore(path.join(folder, 'data'));
  handlers = createHandlers(core);
  await core.settings.update(adminActor, { stationDrive: drive });
  const admin = await signInAs(core, 'administrator', 'admin');
  for (const person of people) {
    await core.accounts.create(admin, { username: person.username, displayName: person.displayName, serviceNumber: `SN-${person.username}`, roles: [person.role], password: testPassword });
  }
  const dorn = await core.accounts.list(admin).then((accounts) => accounts.find((account) => account.username === 'pk4799')!);
  await core.accounts.update(admin, { username: 'pk4799', version: dorn.version, active: false });
  supervisor = await signedInContext(core, 'supervisor', 'dvg0815');
  adler = await signedInContext(core, 'investigator', 'pk4711');
  brandt = await signedInContext(core, 'investigator', 'pk4712');
  await scanDrive(core, supervisor.actor, drive);
  const clips = core.db.dataSource.getRepository(ClipEntity);
  clipIds = await Promise.all(clipPaths.map(async (clip) => (await clips.findOneByOrFail({ path: clip })).id));
}, 120_000);
afterAll(() => core?.close());

describe('cases', () => {
  it('shows the investigator of a case exactly its clip, and nobody else anything', async () => {
    const [filed, other] = clipIds as [number, number];
    const created = await value(supervisor, 'cases.create', { reference: '  1 Js 4711/24 ', title: 'Widerstand Königstraße' });
    expect(created).toEqual({ reference: '1 Js 4711/24', title: 'Widerstand Königstraße', createdUtc: expect.any(String), createdBy: 'dvg0815', members: [], clips: [] });
    expect((await value(adler, 'library.list', query)).total).toBe(0);

    const staffed = await value(supervisor, 'cases.setMembers', { reference: '1 Js 4711/24', usernames: ['pk4711'] });
    expect(staffed.members).toEqual([{ username: 'pk4711', displayName: 'Kommissarin Adler' }]);
    const withClip = await value(supervisor, 'cases.addClip', { reference: '1 Js 4711/24', clipId: filed });
    const recording = await core.library.get(supervisor.actor, withClip.clips[0]!.recordingId);
    expect(recording.officer).toBe('PK4711');
    expect(withClip.clips).toEqual([
      { clipId: filed, recordingId: recording.id, path: clipPaths[0], recordingStartUtc: recording.startUtc, officer: 'PK4711', device: null, addedUtc: expect.any(String), addedBy: 'dvg0815' },
    ]);
    expect(recording.startUtc).toMatch(/^2024-03-14T09:15:02/);

    // The investigator: the case, its one clip in the library, and the player opens it and no other.
    expect(await value(adler, 'cases.list', {})).toEqual([withClip]);
    const page = await value(adler, 'library.list', query);
    expect(page.recordings.map((r) => r.id)).toEqual([recording.id]);
    expect((await value(adler, 'library.get', { id: recording.id })).clips.map((clip) => clip.id)).toEqual([filed]);
    const opened = await value(adler, 'player.open', { clipId: filed, justification: 'Az. 1 Js 4711/24' });
    expect(opened).toMatchObject({ clipId: filed, media: { token: expect.stringMatching(/^[0-9a-f]{32}$/) } });
    expect(await call(adler, 'player.open', { clipId: other, justification: 'Az. 1 Js 4711/24' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining(`Clip ${other} belongs to no case of pk4711`) },
    });
    const otherRecording = (await core.db.dataSource.getRepository(ClipEntity).findOneByOrFail({ id: other })).recordingId;
    expect(await call(adler, 'library.get', { id: otherRecording })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // An investigator who works on no case sees no case and no clip, and opens nothing.
    expect(await value(brandt, 'cases.list', {})).toEqual([]);
    expect(await value(brandt, 'library.list', query)).toMatchObject({ total: 0, recordings: [] });
    expect(await call(brandt, 'player.open', { clipId: filed, justification: 'Neugier' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // The supervisor sees every case.
    expect((await value(supervisor, 'cases.list', {})).map((c) => c.reference)).toContain('1 Js 4711/24');
  });

  it('refuses members who cannot work on a case, naming them, and changes nothing', async () => {
    await value(supervisor, 'cases.create', { reference: '2 Js 100/24', title: 'Sachbeschädigung' });
    await value(supervisor, 'cases.setMembers', { reference: '2 Js 100/24', usernames: ['pk4712'] });
    const before = (await entries('case.members')).length;

    const refused = await call(supervisor, 'cases.setMembers', { reference: '2 Js 100/24', usernames: ['pk4711', 'trainer1', 'nobody.x', 'pk4799'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    const message = refused.ok ? '' : refused.error.message;
    for (const name of ['trainer1', 'nobody.x', 'pk4799']) expect(message).toContain(name);
    expect(message).not.toContain('pk4711');
    const [unchanged] = (await value(supervisor, 'cases.list', {})).filter((c) => c.reference === '2 Js 100/24');
    expect(unchanged?.members.map((m) => m.username)).toEqual(['pk4712']);
    expect(await entries('case.members')).toHaveLength(before);

    // The people a supervisor may choose from: active investigators and supervisors only.
    expect((await value(supervisor, 'cases.people', {})).map((p) => p.username).sort()).toEqual(['dvg0815', 'pk4711', 'pk4712', 'pk4713']);
    expect(await call(supervisor, 'cases.create', { reference: '2 Js 100/24', title: 'Doppelt' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('2 Js 100/24') },
    });
    expect(await call(supervisor, 'cases.create', { reference: 'x'.repeat(121), title: 'Zu lang' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await call(supervisor, 'cases.create', { reference: '   ', title: 'Leer' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await call(supervisor, 'cases.addClip', { reference: '2 Js 100/24', clipId: 999_999 })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('999999') } });
    expect(await call(supervisor, 'cases.addClip', { reference: '9 Js 9/99', clipId: clipIds[0]! })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('9 Js 9/99') } });
  });

  it('refuses investigators who try to manage cases, and logs the refusal', async () => {
    const investigator = await signedInContext(core, 'investigator');
    const attempts = [
      await call(investigator, 'cases.create', { reference: '3 Js 1/24', title: 'Eigenmächtig' }),
      await call(investigator, 'cases.addClip', { reference: '1 Js 4711/24', clipId: clipIds[1]! }),
      await call(investigator, 'cases.setMembers', { reference: '1 Js 4711/24', usernames: ['investigator'] }),
      await call(investigator, 'cases.people', {}),
    ];
    for (const attempt of attempts) expect(attempt).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('cases.manage') } });
    const denied = await entries('access.denied', { userId: 'investigator' });
    expect(denied.map((entry) => [entry.action, entry.target, entry.details['permission']])).toEqual([
      ['alteration', 'case:3 Js 1/24', 'cases.manage'],
      ['alteration', 'case:1 Js 4711/24', 'cases.manage'],
      ['alteration', 'case:1 Js 4711/24', 'cases.manage'],
      ['alteration', 'cases', 'cases.manage'],
    ]);
    expect((await value(supervisor, 'cases.list', {})).map((c) => c.reference)).not.toContain('3 Js 1/24');
    const trainer = await signedInContext(core, 'trainer', 'trainer1');
    expect(await call(trainer, 'cases.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('logs every change with its action, on the case and on the clip', async () => {
    const [, clip] = clipIds as [number, number];
    const cordes = await signedInContext(core, 'investigator', 'pk4713');
    const reference = '4 Js 77/24';
    await value(supervisor, 'cases.create', { reference, title: 'Beleidigung' });
    await value(supervisor, 'cases.setMembers', { reference, usernames: ['pk4713', 'dvg0815'] });
    await value(supervisor, 'cases.addClip', { reference, clipId: clip });
    expect((await value(cordes, 'player.open', { clipId: clip, justification: `Az. ${reference}` })).clipId).toBe(clip);
    expect(await call(supervisor, 'cases.addClip', { reference, clipId: clip })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const emptied = await value(supervisor, 'cases.removeClip', { reference, clipId: clip });
    expect(emptied.clips).toEqual([]);
    expect(await call(cordes, 'player.open', { clipId: clip, justification: `Az. ${reference}` })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await value(supervisor, 'cases.setMembers', { reference, usernames: ['dvg0815'] });

    const onCase = (list: Awaited<ReturnType<typeof entries>>) => list.filter((entry) => entry.target === `case:${reference}`);
    const summary = (list: Awaited<ReturnType<typeof entries>>) => list.map((entry) => ({ action: entry.action, target: entry.target, actor: entry.actor.userId, details: entry.details }));
    expect(summary(onCase(await entries('case.create')))).toEqual([{ action: 'alteration', target: `case:${reference}`, actor: 'dvg0815', details: { title: 'Beleidigung' } }]);
    expect(summary(onCase(await entries('case.members')))).toEqual([
      { action: 'alteration', target: `case:${reference}`, actor: 'dvg0815', details: { members: ['dvg0815', 'pk4713'], added: ['dvg0815', 'pk4713'], removed: [] } },
      { action: 'alteration', target: `case:${reference}`, actor: 'dvg0815', details: { members: ['dvg0815'], added: [], removed: ['pk4713'] } },
    ]);
    const linked = { caseReference: reference, clipId: clip, path: clipPaths[1], sha256: expect.stringMatching(/^[0-9a-f]{64}$/) };
    expect(summary(onCase(await entries('case.clip-add')))).toEqual([{ action: 'combination', target: `case:${reference}`, actor: 'dvg0815', details: linked }]);
    expect(summary(onCase(await entries('case.clip-remove')))).toEqual([{ action: 'alteration', target: `case:${reference}`, actor: 'dvg0815', details: linked }]);
    // The clip's own log (the data protection officer's report on one clip) shows the combination too.
    const onClip = await entries('case.clip-add', { clipId: clip });
    expect(summary(onClip)).toEqual([{ action: 'combination', target: `clip:${clip}`, actor: 'dvg0815', details: linked }]);
    expect(summary(await entries('case.clip-remove', { clipId: clip }))).toEqual([{ action: 'alteration', target: `clip:${clip}`, actor: 'dvg0815', details: linked }]);
    expect(await core.auditReports.verify(dpoActor)).toMatchObject({ intact: true });
  });
});
