// Builds the typed client from the contract over any transport. Used by the renderer (preload or
// HTTP transport); answers are checked against the result envelope and the response schema.
import {
  contract,
  events,
  isMethodName,
  methodNames,
  type ApiClient,
  type EventName,
  type EventOf,
  type MethodName,
  type Transport,
} from './contract.ts';
import { ResultEnvelopeSchema, fail, type Result } from './result.ts';

export interface Client {
  api: ApiClient;
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
  /** After the event stream (re)connected: reload what may have changed meanwhile. */
  onConnected(listener: () => void): () => void;
}

export function createClient(transport: Transport): Client {
  const api: Record<string, Record<string, (request: unknown) => Promise<Result<unknown>>>> = {};
  for (const method of methodNames) {
    const [namespace, name] = method.split('.') as [string, string];
    api[namespace] ??= {};
    api[namespace][name] = (request) => call(transport, method, request);
  }
  return {
    api: api as unknown as ApiClient,
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name !== event) return;
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventOf<typeof event>);
      });
    },
    onConnected: (listener) => transport.onConnected(listener),
  };
}

async function call(transport: Transport, method: MethodName, request: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) return fail('unknown_method', `Unknown method: ${String(method)}`);
  let raw: unknown;
  try {
    raw = await transport.invoke(method, request ?? {});
  } catch (error) {
    return fail('unavailable', `No connection to the core: ${error instanceof Error ? error.message : String(error)}`);
  }
  const envelope = ResultEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return fail('internal', `Malformed answer to ${method}`);
  if (!envelope.data.ok) return envelope.data;
  const value = contract[method].response.safeParse(envelope.data.value);
  if (!value.success) return fail('internal', `Answer to ${method} does not match the contract`);
  return { ok: true, value: value.data };
}
