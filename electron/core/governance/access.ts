// The one gate every service call passes: deny by default (shared/api/permissions.ts), and for
// footage the case scope: an investigator sees the clips of the cases they work on (or all
// clips, when the station's setting says so). Every refusal is a clear message and an audit
// entry.
import { In } from 'typeorm';
import type { Actor } from '../../../shared/api/actor.ts';
import type { AuditAction } from '../../../shared/api/audit.ts';
import { mayDo, permissions, type Permission } from '../../../shared/api/permissions.ts';
import { CaseClipEntity, CaseMemberEntity } from '../../db/entities/accounts.ts';
import type { Settings } from '../../../shared/api/settings.ts';
import type { Database } from '../../db/database.ts';
import { ServiceError } from '../service-error.ts';
import type { AuditService } from './audit-service.ts';

/** What a refused attempt would have been, for the log's category. */
const attempted: Record<Permission, AuditAction> = {
  'library.read': 'consultation',
  'footage.view': 'consultation',
  'annotations.edit': 'alteration',
  'export.court': 'disclosure',
  'export.training': 'disclosure',
  'export.still': 'disclosure',
  'export.unredacted-still': 'disclosure',
  'exports.read': 'consultation',
  'exports.cancel-any': 'alteration',
  'exports.read-training': 'consultation',
  'scan.run': 'collection',
  'originals.verify': 'consultation',
  'settings.change': 'alteration',
  'audit.read': 'consultation',
  'users.manage': 'alteration',
  'cases.manage': 'alteration',
  'cases.read': 'consultation',
  'retention.read': 'consultation',
  'retention.run': 'erasure',
  'approvals.read': 'consultation',
  'approvals.read-all': 'consultation',
  'approvals.decide': 'alteration',
  'holds.read': 'consultation',
  'holds.request': 'alteration',
  'deletion.request': 'erasure',
  'locks.read': 'consultation',
  'locks.flag': 'alteration',
  'locks.decide': 'alteration',
  'access-requests.manage': 'alteration',
  'access-requests.read': 'consultation',
};

/** A rule beyond the role table that an action would break (four eyes, a processing lock). */
export interface RuleBreach {
  /** Its name in the refusal's audit entry, e.g. `four-eyes`. */
  rule: string;
  message: string;
  details?: Record<string, unknown>;
}

export class Access {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #investigatorScope: () => Promise<Settings['investigatorScope']>;

  constructor(db: Database, audit: AuditService, investigatorScope: () => Promise<Settings['investigatorScope']>) {
    this.#db = db;
    this.#audit = audit;
    this.#investigatorScope = investigatorScope;
  }

  /** Whether the actor's role has the permission (no log: for choosing what to offer). */
  may(actor: Actor, permission: Permission): boolean {
    return mayDo(actor.role, permission);
  }

  /** Refuses, and logs the refusal, unless the actor's role has the permission. */
  async require(actor: Actor, permission: Permission, target = 'station'): Promise<void> {
    if (mayDo(actor.role, permission)) return;
    const allowed = permissions[permission].join(', ');
    await this.#refuse(actor, permission, target, `The role ${actor.role} may not do this (${permission}); allowed: ${allowed}`);
  }

  /** `require` for one clip, with the case scope of investigators. */
  async requireClip(actor: Actor, permission: Permission, clipId: number): Promise<void> {
    await this.require(actor, permission, `clip:${clipId}`);
    const visible = await this.visibleClips(actor);
    if (visible === null || visible.has(clipId)) return;
    await this.#refuse(actor, permission, `clip:${clipId}`, `Clip ${clipId} belongs to no case of ${actor.userId}; a supervisor can add it to one of your cases`);
  }

  /** `require`, then refuses, and logs the refusal naming the rule, when the action breaks a rule (`breach`). */
  async requireRule(actor: Actor, permission: Permission, target: string, breach: RuleBreach | null): Promise<void> {
    await this.require(actor, permission, target);
    if (breach) await this.#refuse(actor, permission, target, breach.message, { rule: breach.rule, ...breach.details });
  }

  /** The clips the actor may see: null for all, else the clips of their cases. */
  async visibleClips(actor: Actor): Promise<Set<number> | null> {
    if (actor.role !== 'investigator' || (await this.#investigatorScope()) === 'all') return null;
    const manager = this.#db.dataSource.manager;
    const cases = await manager.getRepository(CaseMemberEntity).findBy({ username: actor.userId });
    if (cases.length === 0) return new Set();
    const clips = await manager.getRepository(CaseClipEntity).findBy({ caseReference: In(cases.map((c) => c.caseReference)) });
    return new Set(clips.map((c) => c.clipId));
  }

  async #refuse(actor: Actor, permission: Permission, target: string, message: string, details: Record<string, unknown> = {}): Promise<never> {
    await this.#audit.record(actor, { action: attempted[permission], target, event: 'access.denied', details: { ...details, permission } });
    throw new ServiceError('forbidden', message);
  }
}
