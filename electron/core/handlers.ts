// The one handler table: a function per contract method. Both hosts dispatch through
// `dispatch`, which parses the payload with the method's schema, runs the handler with the
// caller's actor and turns every failure into `{ ok: false, error }`.
import type { z } from 'zod';
import type { Actor } from '../../shared/api/actor.ts';
import { contract, isMethodName, type MethodName, type ParsedRequestOf, type ResponseOf } from '../../shared/api/contract.ts';
import { fail, ok, type Result } from '../../shared/api/result.ts';
import { packUpdate } from './annotations/packed-annotations.ts';
import type { Core } from './core.ts';
import { ServiceError } from './service-error.ts';

export interface CallContext {
  actor: Actor;
}

type Handler<M extends MethodName> = (request: ParsedRequestOf<M>, context: CallContext) => Promise<ResponseOf<M>>;
export type HandlerTable = { [M in MethodName]: Handler<M> };

export function createHandlers(core: Core): HandlerTable {
  return {
    'app.status': () => core.status(),
    'settings.get': () => core.settings.get(),
    'settings.update': (patch, { actor }) => core.settings.update(actor, patch),
    'audit.list': ({ page, pageSize }, { actor }) => core.audit.list(actor, page, pageSize),
    'audit.verify': (_request, { actor }) => core.audit.verify(actor),
    'library.list': (query) => core.library.list(query),
    'library.get': ({ id }) => core.library.get(id),
    'library.facets': () => core.library.facets(),
    'library.thumbnails': ({ clipId }) => core.library.thumbnails(clipId),
    'library.proxy': async ({ clipId }) => core.derived.requestProxy(clipId, (await core.settings.get()).stationDrive, 'open'),
    'library.waveform': ({ clipId }) => core.player.waveform(clipId),
    'player.open': ({ clipId, justification }, { actor }) => core.player.open(actor, clipId, justification),
    'player.media': ({ clipId }) => core.player.media(clipId),
    'annotations.get': ({ clipId }, { actor }) => core.annotations.get(actor, clipId),
    'annotations.change': async ({ clipId, change }, { actor }) => packUpdate(await core.annotations.change(actor, clipId, change)),
    'annotations.undo': async ({ clipId }, { actor }) => packUpdate(await core.annotations.undo(actor, clipId)),
    'annotations.redo': async ({ clipId }, { actor }) => packUpdate(await core.annotations.redo(actor, clipId)),
    'annotations.export': ({ clipId, format }, { actor }) => core.annotations.exportDocument(actor, clipId, format),
    'annotations.import': ({ clipId, document }, { actor }) => core.annotations.importDocument(actor, clipId, document),
    'exports.start': (request, { actor }) => core.exports.start(actor, request),
    'exports.cancel': ({ id }) => core.exports.cancel(id),
    'exports.list': () => core.exports.list(),
    'scan.start': async (_request, { actor }) => core.scans.start(actor),
    'scan.cancel': async () => core.scans.cancel(),
    'scan.status': async () => core.scans.status(),
  };
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
    const handler = handlers[method] as (request: unknown, context: CallContext) => Promise<unknown>;
    const value = contract[method].response.parse(await handler(request.data, context));
    return ok(value);
  } catch (error) {
    if (error instanceof ServiceError) return fail(error.code, error.message);
    console.error(`[revier] ${method} failed:`, error);
    return fail('internal', `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
