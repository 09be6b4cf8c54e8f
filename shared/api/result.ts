// Every call across a process boundary answers with a Result: a value, or an error with a
// stable machine code and a human message. Thrown errors never cross a boundary.
import { z } from 'zod';

export const errorCodes = [
  'invalid_request',
  'unknown_method',
  'not_found',
  'forbidden',
  /** Not signed in, or a wrong user name or password. */
  'unauthenticated',
  /** The screen is locked, or the account is locked after wrong passwords. */
  'locked',
  'conflict',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const ApiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** The envelope as it travels over the wire, for a transport to check before trusting it. */
export const ResultEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorSchema }),
]);
