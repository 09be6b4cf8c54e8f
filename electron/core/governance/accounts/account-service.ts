// Local accounts and signing in. Passwords are scrypt hashes; wrong passwords in a row lock the
// account for a while (settings); the first administrator is created on the first start, after
// which only administrators manage accounts. Accounts are deactivated, never deleted, so every
// audit entry stays attributable. Signing in, out, locking and every account change are logged.
// The service knows users by name only, so a directory login can later replace `signIn` without
// touching the services that take an actor.
import type { EntityManager } from 'typeorm';
import type { Actor, Role } from '../../../../shared/api/actor.ts';
import type { AccountChange, NewAccount, SessionState, SetupRequest, SignInRequest, UserAccount } from '../../../../shared/api/accounts.ts';
import { RoleSchema } from '../../../../shared/api/actor.ts';
import { UserAccountEntity, type UserAccountRow } from '../../../db/entities/accounts.ts';
import type { Database } from '../../../db/database.ts';
import type { SettingsService } from '../../settings/settings-service.ts';
import { ServiceError } from '../../service-error.ts';
import type { Access } from '../access.ts';
import type { AuditRecord, AuditService } from '../audit-service.ts';
import { systemActor } from '../system-actor.ts';
import { hashPassword, passwordMatches, unknownUserHash } from './passwords.ts';
import { Sessions, type Session } from './sessions.ts';

function toAccount(row: UserAccountRow): UserAccount {
  return {
    username: row.username,
    serviceNumber: row.serviceNumber,
    displayName: row.displayName,
    roles: RoleSchema.array().parse(JSON.parse(row.roles)),
    active: row.active,
    lockedUntilUtc: row.lockedUntilUtc,
    failedLogins: row.failedLogins,
    createdUtc: row.createdUtc,
    createdBy: row.createdBy,
    version: row.version,
  };
}

const wrongCredentials = 'Wrong user name or password';

export class AccountService {
  readonly sessions = new Sessions();
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #access: Access;
  readonly #settings: SettingsService;
  readonly #now: () => Date;

  constructor(db: Database, audit: AuditService, access: Access, settings: SettingsService, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#audit = audit;
    this.#access = access;
    this.#settings = settings;
    this.#now = now;
  }

  #accounts(manager: EntityManager = this.#db.dataSource.manager) {
    return manager.getRepository(UserAccountEntity);
  }

  async #row(manager: EntityManager, username: string): Promise<UserAccountRow> {
    const row = await this.#accounts(manager).findOneBy({ username });
    if (!row) throw new ServiceError('not_found', `No account named ${username}`);
    return row;
  }

  /** What the window shows: setup, sign-in, the lock screen or the app. */
  async state(sessionId: string | null): Promise<SessionState> {
    const session = this.sessions.get(sessionId);
    if (!session) return (await this.#accounts().count()) === 0 ? { state: 'setup' } : { state: 'signed-out' };
    const account = toAccount(await this.#row(this.#db.dataSource.manager, session.username));
    const user = { username: account.username, displayName: account.displayName, roles: account.roles };
    if (session.locked) return { state: 'locked', user, role: session.role };
    return { state: 'signed-in', user, role: session.role, screenLockMinutes: (await this.#settings.get()).screenLockMinutes };
  }

  /** Creates the first administrator (only while no account exists) and signs them in. */
  async setup(request: SetupRequest): Promise<Session> {
    const now = this.#now();
    await this.#db.transaction(async (manager) => {
      if ((await this.#accounts(manager).count()) > 0) throw new ServiceError('conflict', 'The station already has accounts: an administrator creates further ones');
      const account = await this.#insert(manager, { ...request, roles: ['administrator'] }, request.username, now);
      await this.#audit.append(manager, systemActor('setup'), { action: 'alteration', target: `user:${account.username}`, event: 'account.setup', details: { roles: account.roles } });
    });
    return this.#start(request.username, 'administrator', now);
  }

  async signIn(request: SignInRequest): Promise<Session> {
    const now = this.#now();
    const row = await this.#accounts().findOneBy({ username: request.username });
    const matches = await passwordMatches(request.password, row?.passwordHash ?? (await unknownUserHash()));
    if (!row || !row.active) {
      await this.#audit.record(systemActor('sign-in'), { action: 'consultation', target: `user:${request.username}`, event: 'session.sign-in.refused', details: { why: row ? 'inactive' : 'unknown' } });
      throw new ServiceError('unauthenticated', wrongCredentials);
    }
    await this.#refuseLocked(row, now);
    if (!matches) {
      await this.#failedSignIn(row.username, now);
      throw new ServiceError('unauthenticated', wrongCredentials);
    }
    const roles = toAccount(row).roles;
    const role = request.role ?? roles[0]!;
    if (!roles.includes(role)) throw new ServiceError('forbidden', `${row.username} does not hold the role ${role}; their roles: ${roles.join(', ')}`);
    await this.#db.transaction(async (manager) => {
      await this.#accounts(manager).update({ username: row.username }, { failedLogins: 0, lockedUntilUtc: null });
    });
    return this.#start(row.username, role, now);
  }

  /** An account locked after wrong passwords opens neither a session nor a locked screen. */
  async #refuseLocked(row: UserAccountRow, now: Date): Promise<void> {
    if (row.lockedUntilUtc === null || row.lockedUntilUtc <= now.toISOString()) return;
    await this.#audit.record(systemActor('sign-in'), { action: 'consultation', target: `user:${row.username}`, event: 'session.sign-in.refused', details: { why: 'locked' } });
    throw new ServiceError('locked', `The account is locked after too many wrong passwords until ${row.lockedUntilUtc}; an administrator can unlock it`);
  }

  async #failedSignIn(username: string, now: Date): Promise<void> {
    const { loginAttemptsBeforeLock, loginLockMinutes } = await this.#settings.get();
    await this.#db.transaction(async (manager) => {
      const row = await this.#row(manager, username);
      const failedLogins = row.failedLogins + 1;
      const locks = failedLogins >= loginAttemptsBeforeLock;
      const lockedUntilUtc = locks ? new Date(now.getTime() + loginLockMinutes * 60_000).toISOString() : row.lockedUntilUtc;
      await this.#accounts(manager).update({ username }, { failedLogins: locks ? 0 : failedLogins, lockedUntilUtc });
      const actor = systemActor('sign-in');
      await this.#audit.append(manager, actor, { action: 'consultation', target: `user:${username}`, event: 'session.sign-in.refused', details: { why: 'password', failedLogins } });
      if (locks) await this.#audit.append(manager, actor, { action: 'alteration', target: `user:${username}`, event: 'account.locked', details: { until: lockedUntilUtc } });
    });
  }

  async #start(username: string, role: Role, now: Date): Promise<Session> {
    const session = this.sessions.start(username, role, now);
    await this.#audit.record(this.sessions.actor(session.id), { action: 'consultation', target: `user:${username}`, event: 'session.sign-in', details: {} });
    return session;
  }

  async signOut(sessionId: string | null): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    await this.#audit.record({ userId: session.username, role: session.role, sessionId: session.id }, { action: 'consultation', target: `user:${session.username}`, event: 'session.sign-out', details: {} });
    this.sessions.end(session.id);
  }

  /** The screen lock: the session stays, but acts for nobody until unlocked. */
  async lock(sessionId: string | null): Promise<void> {
    const actor = this.sessions.actor(sessionId);
    this.sessions.get(sessionId)!.locked = true;
    await this.#audit.record(actor, { action: 'consultation', target: `user:${actor.userId}`, event: 'session.lock', details: {} });
  }

  /** Only the signed-in user's own password unlocks; wrong ones count towards the account lock. */
  async unlock(sessionId: string | null, password: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) throw new ServiceError('unauthenticated', 'Not signed in');
    const row = await this.#row(this.#db.dataSource.manager, session.username);
    if (!row.active) {
      this.sessions.end(session.id);
      throw new ServiceError('unauthenticated', 'The account was deactivated');
    }
    const now = this.#now();
    await this.#refuseLocked(row, now);
    if (!(await passwordMatches(password, row.passwordHash))) {
      await this.#failedSignIn(row.username, now);
      throw new ServiceError('unauthenticated', wrongCredentials);
    }
    await this.#db.transaction((manager) => this.#accounts(manager).update({ username: row.username }, { failedLogins: 0 }));
    session.locked = false;
    await this.#audit.record(this.sessions.actor(session.id), { action: 'consultation', target: `user:${session.username}`, event: 'session.unlock', details: {} });
  }

  async changePassword(actor: Actor, current: string, next: string): Promise<void> {
    const row = await this.#row(this.#db.dataSource.manager, actor.userId);
    if (!(await passwordMatches(current, row.passwordHash))) throw new ServiceError('unauthenticated', 'The current password is wrong');
    const passwordHash = await hashPassword(next);
    await this.#change(actor, row.username, { passwordHash, passwordChangedUtc: this.#now().toISOString() }, 'account.password-change', {});
  }

  async list(actor: Actor): Promise<UserAccount[]> {
    await this.#access.require(actor, 'users.manage', 'users');
    const rows = await this.#accounts().find({ order: { username: 'ASC' } });
    return rows.map(toAccount);
  }

  async create(actor: Actor, account: NewAccount): Promise<UserAccount> {
    await this.#access.require(actor, 'users.manage', `user:${account.username}`);
    return this.#db.transaction(async (manager) => {
      const created = await this.#insert(manager, account, actor.userId, this.#now());
      await this.#audit.append(manager, actor, { action: 'alteration', target: `user:${created.username}`, event: 'account.create', details: { roles: created.roles, serviceNumber: created.serviceNumber } });
      return created;
    });
  }

  async #insert(manager: EntityManager, account: NewAccount, createdBy: string, now: Date): Promise<UserAccount> {
    const repository = this.#accounts(manager);
    if (await repository.findOneBy({ username: account.username })) throw new ServiceError('conflict', `An account named ${account.username} exists already`);
    const sameNumber = await repository.findOneBy({ serviceNumber: account.serviceNumber });
    if (sameNumber) throw new ServiceError('conflict', `The service number ${account.serviceNumber} belongs to ${sameNumber.username} already`);
    const row: UserAccountRow = {
      username: account.username,
      serviceNumber: account.serviceNumber,
      displayName: account.displayName,
      roles: JSON.stringify(account.roles),
      active: true,
      passwordHash: await hashPassword(account.password),
      failedLogins: 0,
      lockedUntilUtc: null,
      passwordChangedUtc: now.toISOString(),
      createdUtc: now.toISOString(),
      createdBy,
      version: 1,
    };
    await repository.insert(row);
    return toAccount(row);
  }

  /** Changes name, roles or active state; deactivating ends the user's sessions. */
  async update(actor: Actor, change: AccountChange): Promise<UserAccount> {
    await this.#access.require(actor, 'users.manage', `user:${change.username}`);
    if (change.username === actor.userId && (change.active === false || (change.roles && !change.roles.includes('administrator')))) {
      throw new ServiceError('conflict', 'Administrators cannot deactivate themselves or take their own administrator role');
    }
    const current = await this.#row(this.#db.dataSource.manager, change.username);
    if (current.version !== change.version) {
      throw new ServiceError('conflict', `The account ${change.username} was changed meanwhile (version ${current.version}, not ${change.version}); reload and try again`);
    }
    const patch: Partial<UserAccountRow> = {};
    if (change.displayName !== undefined) patch.displayName = change.displayName;
    if (change.roles !== undefined) patch.roles = JSON.stringify(change.roles);
    if (change.active !== undefined) patch.active = change.active;
    const updated = await this.#change(actor, change.username, patch, 'account.update', { displayName: change.displayName, roles: change.roles, active: change.active });
    if (change.active === false || change.roles) {
      for (const session of this.sessions.of(change.username)) {
        if (change.active === false || !updated.roles.includes(session.role)) this.sessions.end(session.id);
      }
    }
    return updated;
  }

  async resetPassword(actor: Actor, username: string, password: string): Promise<UserAccount> {
    await this.#access.require(actor, 'users.manage', `user:${username}`);
    const passwordHash = await hashPassword(password);
    return this.#change(actor, username, { passwordHash, passwordChangedUtc: this.#now().toISOString(), failedLogins: 0, lockedUntilUtc: null }, 'account.password-reset', {});
  }

  async unlockAccount(actor: Actor, username: string): Promise<UserAccount> {
    await this.#access.require(actor, 'users.manage', `user:${username}`);
    return this.#change(actor, username, { failedLogins: 0, lockedUntilUtc: null }, 'account.unlock', {});
  }

  async #change(actor: Actor, username: string, patch: Partial<UserAccountRow>, event: string, details: AuditRecord['details']): Promise<UserAccount> {
    return this.#db.transaction(async (manager) => {
      const row = await this.#row(manager, username);
      const updated: UserAccountRow = { ...row, ...patch, version: row.version + 1 };
      await this.#accounts(manager).update({ username }, { ...patch, version: updated.version });
      await this.#audit.append(manager, actor, { action: 'alteration', target: `user:${username}`, event, details: JSON.parse(JSON.stringify(details)) as Record<string, unknown> });
      return toAccount(updated);
    });
  }
}
