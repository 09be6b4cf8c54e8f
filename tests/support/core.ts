// Opens a real core (real SQLite file) on a temporary data folder, and signs people in.
import type { Actor, Role } from '../../shared/api/actor.ts';
import { openCore, type Core } from '../../electron/core/core.ts';
import { callContext, type CallContext } from '../../electron/core/handlers.ts';

/** An actor for service calls that need no live session (a supervisor sees every clip). */
export const testActor: Actor = { userId: 'pk4711', role: 'supervisor', sessionId: 'session-1' };

export const testPassword = 'Revier-Test-2026!';

/** An administrator for service calls that change station settings (no live session needed). */
export const adminActor: Actor = { userId: 'admin', role: 'administrator', sessionId: 'session-admin' };

/** A data protection officer for reading the audit log through the service (no live session needed). */
export const dpoActor: Actor = { userId: 'dsb1', role: 'dpo', sessionId: 'session-dpo' };

export function openTestCore(dataFolder: string): Promise<Core> {
  return openCore({
    host: 'cli',
    version: '0.0.0-test',
    dataFolder,
    offline: { enforced: true, mechanism: 'test' },
  });
}

/**
 * Creates an account with this role (the station's first administrator `admin` comes first when
 * there is none) and signs it in: an actor with a live session, as a window would have.
 */
export async function signInAs(core: Core, role: Role, username: string = role): Promise<Actor> {
  if ((await core.accounts.state(null)).state === 'setup') {
    await core.accounts.setup({ username: 'admin', displayName: 'Administrator', serviceNumber: 'A-0001', password: testPassword });
  }
  if (username !== 'admin') {
    const admin = core.accounts.sessions.actor((await core.accounts.signIn({ username: 'admin', password: testPassword })).id);
    const existing = (await core.accounts.list(admin)).some((account) => account.username === username);
    if (!existing) await core.accounts.create(admin, { username, displayName: username, serviceNumber: `SN-${username}`, roles: [role], password: testPassword });
  }
  const session = await core.accounts.signIn({ username, password: testPassword, role });
  return core.accounts.sessions.actor(session.id);
}

/** A window's call context with someone of this role signed in (for `dispatch`). */
export async function signedInContext(core: Core, role: Role, username: string = role): Promise<CallContext> {
  const actor = await signInAs(core, role, username);
  return callContext(core, { sessionId: actor.sessionId });
}

/** The supervisor who files clips and people under cases for `assignCase` (no live session needed). */
export const caseSupervisor: Actor = { userId: 'dvg-cases', role: 'supervisor', sessionId: 'session-cases' };

/**
 * Opens a case (Vorgang), files clips under it and makes users its members, through the cases
 * service: an investigator sees the clips of the cases they are a member of. The members need
 * accounts first (`signInAs` creates them).
 */
export async function assignCase(core: Core, reference: string, members: string[], clipIds: number[]): Promise<void> {
  await core.cases.create(caseSupervisor, { reference, title: `Vorgang ${reference}` });
  await core.cases.setMembers(caseSupervisor, reference, members);
  for (const clipId of clipIds) await core.cases.addClip(caseSupervisor, reference, clipId);
}
