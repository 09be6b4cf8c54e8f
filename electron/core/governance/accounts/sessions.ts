// Who is signed in at this station: in memory only, so every session ends when the app does.
// A locked session keeps its user but acts for nobody until that user's password unlocks it.
import { randomUUID } from 'node:crypto';
import type { Actor, Role } from '../../../../shared/api/actor.ts';
import { ServiceError } from '../../service-error.ts';

export interface Session {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly startedUtc: string;
  locked: boolean;
}

export class Sessions {
  readonly #byId = new Map<string, Session>();
  readonly #ended = new Set<(session: Session) => void>();

  start(username: string, role: Role, now: Date): Session {
    const session: Session = { id: randomUUID(), username, role, startedUtc: now.toISOString(), locked: false };
    this.#byId.set(session.id, session);
    return session;
  }

  get(id: string | null): Session | null {
    return id === null ? null : (this.#byId.get(id) ?? null);
  }

  /** The actor of an unlocked session; a clear refusal otherwise. */
  actor(id: string | null): Actor {
    const session = this.get(id);
    if (!session) throw new ServiceError('unauthenticated', 'Not signed in');
    if (session.locked) throw new ServiceError('locked', 'The screen is locked: sign in again to continue');
    return { userId: session.username, role: session.role, sessionId: session.id };
  }

  end(id: string): Session | null {
    const session = this.#byId.get(id) ?? null;
    if (!session) return null;
    this.#byId.delete(id);
    for (const listener of this.#ended) listener(session);
    return session;
  }

  /** Every session of a user (to end them when the account is deactivated). */
  of(username: string): Session[] {
    return [...this.#byId.values()].filter((session) => session.username === username);
  }

  /** Called when a session ends, so what it was granted can be withdrawn. */
  onEnded(listener: (session: Session) => void): void {
    this.#ended.add(listener);
  }
}
