import type { ErrorCode } from '../../shared/api/result.ts';

/** An expected failure of a service call; the hosts turn it into `{ ok: false, error }`. */
export class ServiceError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
  }
}
