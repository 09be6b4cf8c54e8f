// The one handler table: a function per contract method. Both hosts dispatch through
// `dispatch`, which parses the payload with the method's schema, refuses every method but the
// sign-in ones unless the window's session is signed in and unlocked, runs the handler with the
// session's actor and turns every failure into `{ ok: false, error }`. The services check what
// the actor's role may do.
import type { z } from 'zod';
import type { Actor } from '../../shared/api/actor.ts';
import { contract, isMethodName, type EventName, type MethodName, type ParsedRequestOf, type ResponseOf } from '../../shared/api/contract.ts';
import { mayDo, type Permission } from '../../shared/api/permissions.ts';
import { fail, ok, type Result } from '../../shared/api/result.ts';
import path from 'node:path';
import { packUpdate } from './annotations/packed-annotations.ts';
import { reportsFolder, saveReport } from './governance/dpo/report-file.ts';
import type { Core } from './core.ts';
import { ServiceError } from './service-error.ts';

/** A window's sign-in slot: the session its calls act in (null: nobody signed in). */
export interface Seat {
  sessionId: string | null;
}

export interface CallContext {
  readonly seat: Seat;
  /** The seat's actor; reading it refuses when nobody is signed in or the screen is locked. */
  readonly actor: Actor;
}

export function callContext(core: Core, seat: Seat): CallContext {
  return {
    seat,
    get actor() {
      return core.accounts.sessions.actor(seat.sessionId);
    },
  };
}

/** The calls a window may make before anyone is signed in (or while its screen is locked). */
const withoutSession: ReadonlySet<MethodName> = new Set(['session.state', 'session.setup', 'session.signIn', 'session.unlock', 'session.signOut']);

type Handler<M extends MethodName> = (request: ParsedRequestOf<M>, context: CallContext) => Promise<ResponseOf<M>>;
export type HandlerTable = { [M in MethodName]: Handler<M> };

export function createHandlers(core: Core): HandlerTable {
  const state = (seat: Seat) => core.accounts.state(seat.sessionId);
  return {
    'session.state': (_request, { seat }) => state(seat),
    'session.setup': async (request, { seat }) => {
      seat.sessionId = (await core.accounts.setup(request)).id;
      return state(seat);
    },
    'session.signIn': async (request, { seat }) => {
      await core.accounts.signOut(seat.sessionId);
      seat.sessionId = null;
      seat.sessionId = (await core.accounts.signIn(request)).id;
      return state(seat);
    },
    'session.signOut': async (_request, { seat }) => {
      await core.accounts.signOut(seat.sessionId);
      seat.sessionId = null;
      return state(seat);
    },
    'session.lock': async (_request, { seat }) => {
      await core.accounts.lock(seat.sessionId);
      return state(seat);
    },
    'session.unlock': async ({ password }, { seat }) => {
      await core.accounts.unlock(seat.sessionId, password);
      return state(seat);
    },
    'session.changePassword': async ({ current, next }, { actor }) => {
      await core.accounts.changePassword(actor, current, next);
    },
    'users.list': (_request, { actor }) => core.accounts.list(actor),
    'users.create': (request, { actor }) => core.accounts.create(actor, request),
    'users.update': (request, { actor }) => core.accounts.update(actor, request),
    'users.resetPassword': ({ username, password }, { actor }) => core.accounts.resetPassword(actor, username, password),
    'users.unlock': ({ username }, { actor }) => core.accounts.unlockAccount(actor, username),
    'cases.list': (_request, { actor }) => core.cases.list(actor),
    'cases.people': (_request, { actor }) => core.cases.people(actor),
    'cases.create': (request, { actor }) => core.cases.create(actor, request),
    'cases.addClip': ({ reference, clipId }, { actor }) => core.cases.addClip(actor, reference, clipId),
    'cases.removeClip': ({ reference, clipId }, { actor }) => core.cases.removeClip(actor, reference, clipId),
    'cases.setMembers': ({ reference, usernames }, { actor }) => core.cases.setMembers(actor, reference, usernames),
    'app.status': () => core.status(),
    'settings.get': () => core.settings.get(),
    'settings.update': (patch, { actor }) => core.settings.update(actor, patch),
    'audit.query': (request, { actor }) => core.auditReports.query(actor, request),
    'audit.verify': (_request, { actor }) => core.auditReports.verify(actor),
    'audit.report': async ({ subject, format }, { actor }) => {
      const report = await core.auditReports.report(actor, subject, format);
      const file = path.join(await core.exports.exportFolder(), reportsFolder, report.fileName);
      await saveReport(report, file);
      return { path: file, sha256: report.sha256, entries: report.entries };
    },
    'retention.preview': (_request, { actor }) => core.retention.preview(actor, new Date()),
    'retention.tombstones': (_request, { actor }) => core.retention.tombstones(actor),
    'retention.run': ({ dryRun }, { actor }) => core.retention.run(actor, new Date(), { dryRun }),
    'approvals.list': ({ includeDecided }, { actor }) => core.approvals.list(actor, includeDecided),
    'approvals.decide': ({ id, decision, note }, { actor }) => core.approvals.decide(actor, id, decision, note),
    'approvals.withdraw': ({ id }, { actor }) => core.approvals.withdraw(actor, id),
    'holds.list': ({ clipId }, { actor }) => core.holds.list(actor, clipId),
    'holds.request': (request, { actor }) => core.holds.request(actor, request),
    'holds.requestLift': ({ holdId, reason }, { actor }) => core.holds.requestLift(actor, holdId, reason),
    'clips.requestEarlyDeletion': ({ clipId, reason }, { actor }) => core.earlyDeletion.request(actor, clipId, reason),
    'locks.list': ({ clipId }, { actor }) => core.locks.list(actor, clipId),
    'locks.flag': (request, { actor }) => core.locks.flag(actor, request),
    'locks.decide': (request, { actor }) => core.locks.decide(actor, request),
    'accessRequests.list': (_request, { actor }) => core.accessRequests.list(actor),
    'accessRequests.create': (request, { actor }) => core.accessRequests.create(actor, request),
    'accessRequests.decide': ({ id, ...decision }, { actor }) => core.accessRequests.decide(actor, id, decision),
    'library.list': (query, { actor }) => core.library.list(actor, query),
    'library.get': ({ id }, { actor }) => core.library.get(actor, id),
    'library.facets': (_request, { actor }) => core.library.facets(actor),
    'library.thumbnails': ({ clipId }, { actor }) => core.library.thumbnails(actor, clipId),
    'library.proxy': ({ clipId }, { actor }) => core.player.requestProxy(actor, clipId),
    'library.waveform': ({ clipId }, { actor }) => core.player.waveform(actor, clipId),
    'player.open': ({ clipId, justification }, { actor }) => core.player.open(actor, clipId, justification),
    'player.media': ({ clipId }, { actor }) => core.player.media(actor, clipId),
    'annotations.get': ({ clipId }, { actor }) => core.annotations.get(actor, clipId),
    'annotations.change': async ({ clipId, change }, { actor }) => packUpdate(await core.annotations.change(actor, clipId, change)),
    'annotations.undo': async ({ clipId }, { actor }) => packUpdate(await core.annotations.undo(actor, clipId)),
    'annotations.redo': async ({ clipId }, { actor }) => packUpdate(await core.annotations.redo(actor, clipId)),
    'annotations.export': ({ clipId, format }, { actor }) => core.annotations.exportDocument(actor, clipId, format),
    'annotations.import': ({ clipId, document }, { actor }) => core.annotations.importDocument(actor, clipId, document),
    'exports.start': (request, { actor }) => core.exports.start(actor, request),
    'exports.cancel': ({ id }, { actor }) => core.exports.cancel(actor, id),
    'exports.list': (_request, { actor }) => core.exports.list(actor),
    'scan.start': (_request, { actor }) => core.scans.start(actor),
    'scan.cancel': (_request, { actor }) => core.scans.cancel(actor),
    'scan.status': async () => core.scans.status(),
  };
}

/** Who may receive each core event: what it tells is what the permission shows. */
const eventPermission: Record<EventName, Permission | null> = {
  'settings.changed': null,
  'audit.appended': 'audit.read',
  'scan.progress': 'library.read',
  'proxy.progress': 'footage.view',
  'export.progress': 'exports.read',
  'library.changed': 'library.read',
};

/** Whether a window's seat receives an event: only signed in, unlocked, and with the permission. */
export function eventAllowed(core: Core, seat: Seat, event: EventName): boolean {
  const session = core.accounts.sessions.get(seat.sessionId);
  if (!session || session.locked) return false;
  const permission = eventPermission[event];
  return permission === null || mayDo(session.role, permission);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'request'}: ${issue.message}`)
    .join('; ');
}

export async function dispatch(
  handlers: HandlerTable,
  method: unknown,
  payload: unknown,
  context: CallContext,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) return fail('unknown_method', `Unknown method: ${String(method).slice(0, 100)}`);
  const request = contract[method].request.safeParse(payload);
  if (!request.success) return fail('invalid_request', `Invalid request for ${method}: ${describeIssues(request.error)}`);
  try {
    // Reading the actor refuses a window nobody is signed in at, or whose screen is locked.
    if (!withoutSession.has(method)) void context.actor;
    const handler = handlers[method] as (request: unknown, context: CallContext) => Promise<unknown>;
    const value = contract[method].response.parse(await handler(request.data, context));
    return ok(value);
  } catch (error) {
    if (error instanceof ServiceError) return fail(error.code, error.message);
    console.error(`[revier] ${method} failed:`, error);
    return fail('internal', `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
