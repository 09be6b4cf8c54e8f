// Every role against the permission table, through the contract as a window calls it: each role
// signs in and makes the same calls; what the table of DOMAIN.md allows answers, everything else
// is refused with `forbidden` and leaves an `access.denied` entry. The expected answers are
// written out here by hand, not derived from shared/api/permissions.ts, so a wrong entry there
// fails this test.
import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../shared/api/actor.ts';
import type { MethodName } from '../../shared/api/contract.ts';
import { createHandlers, dispatch } from '../../electron/core/handlers.ts';
import { signedInContext } from '../support/core.ts';
import { useScannedStations } from '../support/scanned-station.ts';

const station = useScannedStations();

type Call = { method: MethodName; request: (clipId: number) => unknown; allowed: readonly Role[] };

const footage: readonly Role[] = ['investigator', 'supervisor'];
const calls: Call[] = [
  { method: 'library.list', request: () => ({}), allowed: footage },
  { method: 'library.thumbnails', request: (clipId) => ({ clipId }), allowed: footage },
  { method: 'player.open', request: (clipId) => ({ clipId, justification: 'Az. 4711 Js 1/26' }), allowed: footage },
  { method: 'annotations.export', request: (clipId) => ({ clipId, format: 'json' }), allowed: footage },
  { method: 'exports.list', request: () => ({}), allowed: ['investigator', 'supervisor', 'trainer', 'dpo'] },
  { method: 'exports.start', request: (clipId) => ({ kind: 'still', clipId, frame: 0, justification: 'Az. 4711 Js 1/26', unredacted: true }), allowed: ['supervisor'] },
  { method: 'settings.update', request: () => ({ retentionDays: 30 }), allowed: ['administrator'] },
  { method: 'settings.update', request: () => ({ language: 'de' }), allowed: roles },
  { method: 'users.list', request: () => ({}), allowed: ['administrator'] },
  { method: 'audit.query', request: () => ({}), allowed: ['dpo'] },
  { method: 'audit.verify', request: () => ({}), allowed: ['dpo'] },
  { method: 'retention.preview', request: () => ({}), allowed: ['supervisor', 'dpo', 'administrator'] },
  { method: 'retention.run', request: () => ({ dryRun: true }), allowed: ['administrator'] },
  { method: 'cases.list', request: () => ({}), allowed: footage },
  { method: 'cases.people', request: () => ({}), allowed: ['supervisor'] },
  { method: 'approvals.list', request: () => ({}), allowed: ['investigator', 'supervisor', 'dpo'] },
  { method: 'holds.list', request: () => ({}), allowed: ['investigator', 'supervisor', 'dpo'] },
  { method: 'locks.list', request: () => ({}), allowed: ['investigator', 'supervisor', 'dpo'] },
  { method: 'accessRequests.list', request: () => ({}), allowed: ['supervisor', 'dpo'] },
  { method: 'scan.start', request: () => ({}), allowed: ['investigator', 'supervisor', 'administrator'] },
];

describe('permissions through the contract', () => {
  it.each(roles)('%s: allowed calls answer, all others are refused and logged', async (role) => {
    const { core, clips } = await station();
    const handlers = createHandlers(core);
    const context = await signedInContext(core, role, `${role}-1`);
    const clipId = clips.mkv.id;
    const deniedBefore = (await core.db.dataSource.query("SELECT count(*) AS n FROM audit_entry WHERE event = 'access.denied'")) as [{ n: number }];
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const call of calls) {
      const answer = await dispatch(handlers, call.method, call.request(clipId), context);
      const label = `${call.method} ${JSON.stringify(call.request(clipId)).slice(0, 30)}`;
      outcomes.push(`${label}: ${answer.ok ? 'ok' : answer.error.code}`);
      expected.push(`${label}: ${call.allowed.includes(role) ? 'ok' : 'forbidden'}`);
    }
    expect(outcomes).toEqual(expected);
    const refusals = expected.filter((line) => line.endsWith('forbidden')).length;
    const deniedAfter = (await core.db.dataSource.query("SELECT count(*) AS n FROM audit_entry WHERE event = 'access.denied'")) as [{ n: number }];
    expect(deniedAfter[0].n - deniedBefore[0].n).toBe(refusals);
    await core.scans.idle();
    await core.exports.idle();
  }, 60_000);
});
