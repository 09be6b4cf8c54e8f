// The station itself as an actor: its own jobs (the daily retention run, scans of the drive)
// and events no person is signed in for yet (a failed sign-in). Never a login.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../shared/api/actor.ts';

export function systemActor(job: string): Actor {
  return { userId: 'system', role: 'system', sessionId: `${job}:${randomUUID()}` };
}
