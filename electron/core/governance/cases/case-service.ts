// Cases (Vorgänge): a supervisor opens a case under its Aktenzeichen, files clips under it and
// names the investigators who work on it; an investigator then sees exactly the clips of their
// cases (access.ts). Every change is written in one transaction with its audit entry: membership
// as an alteration, filing a clip under a case as a combination (BDSG § 76 "Verknüpfung"), noted
// on the case and on the clip, so the data protection officer's report on either shows it.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../../shared/api/actor.ts';
import { RoleSchema, type Role } from '../../../../shared/api/actor.ts';
import { CaseReferenceSchema, type CaseClip, type CaseFile, type CasePerson, type NewCase } from '../../../../shared/api/cases.ts';
import type { Database } from '../../../db/database.ts';
import { CaseClipEntity, CaseFileEntity, CaseMemberEntity, UserAccountEntity, type CaseFileRow } from '../../../db/entities/accounts.ts';
import { ClipEntity } from '../../../db/entities/library.ts';
import { ServiceError } from '../../service-error.ts';
import type { Access } from '../access.ts';
import type { AuditService } from '../audit-service.ts';

/** The roles whose holders can work on a case. */
const caseRoles: readonly Role[] = ['investigator', 'supervisor'];

interface MemberQueryRow {
  case_reference: string;
  username: string;
  display_name: string;
}

interface ClipQueryRow {
  case_reference: string;
  clip_id: number;
  recording_id: number;
  path: string;
  start_utc: string | null;
  officer: string | null;
  device: string | null;
  added_utc: string;
  added_by: string;
}

/** The reference as stored: trimmed, 1 to 120 characters. */
function normalReference(reference: string): string {
  const parsed = CaseReferenceSchema.safeParse(reference);
  if (!parsed.success) throw new ServiceError('invalid_request', `Case reference "${reference.slice(0, 130)}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export class CaseService {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #access: Access;
  readonly #now: () => Date;

  constructor(db: Database, audit: AuditService, access: Access, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#audit = audit;
    this.#access = access;
    this.#now = now;
  }

  /** Supervisors see every case; investigators the cases they work on. Newest first. */
  async list(actor: Actor): Promise<CaseFile[]> {
    await this.#access.require(actor, 'cases.read', 'cases');
    const manager = this.#db.dataSource.manager;
    const cases = manager.getRepository(CaseFileEntity);
    const rows =
      actor.role === 'investigator'
        ? await cases
            .createQueryBuilder('f')
            .where('f.reference IN (SELECT m.case_reference FROM case_member m WHERE m.username = :username)', { username: actor.userId })
            .getMany()
        : await cases.find();
    return this.#complete(manager, rows);
  }

  /** Who can be named to work on a case: active investigators and supervisors, name only. */
  async people(actor: Actor): Promise<CasePerson[]> {
    await this.#access.require(actor, 'cases.manage', 'cases');
    const eligible = await this.#eligible(this.#db.dataSource.manager);
    return [...eligible.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'de') || a.username.localeCompare(b.username));
  }

  async create(actor: Actor, request: NewCase): Promise<CaseFile> {
    const reference = normalReference(request.reference);
    await this.#access.require(actor, 'cases.manage', `case:${reference}`);
    const title = request.title.trim();
    if (title.length === 0 || title.length > 200) throw new ServiceError('invalid_request', 'The title must have 1 to 200 characters');
    return this.#db.transaction(async (manager) => {
      const cases = manager.getRepository(CaseFileEntity);
      const existing = await cases.findOneBy({ reference });
      if (existing) throw new ServiceError('conflict', `A case with the reference ${reference} exists already ("${existing.title}")`);
      await cases.insert({ reference, title, createdUtc: this.#now().toISOString(), createdBy: actor.userId });
      await this.#audit.append(manager, actor, { action: 'alteration', target: `case:${reference}`, event: 'case.create', details: { title } });
      return this.#caseFile(manager, reference);
    });
  }

  /** Files a clip under a case: its members may see it from now on. */
  async addClip(actor: Actor, reference: string, clipId: number): Promise<CaseFile> {
    reference = normalReference(reference);
    await this.#access.require(actor, 'cases.manage', `case:${reference}`);
    return this.#db.transaction(async (manager) => {
      await this.#caseRow(manager, reference);
      const clip = await manager.getRepository(ClipEntity).findOneBy({ id: clipId });
      if (!clip) throw new ServiceError('not_found', `There is no clip ${clipId}`);
      const links = manager.getRepository(CaseClipEntity);
      if (await links.findOneBy({ caseReference: reference, clipId })) throw new ServiceError('conflict', `Clip ${clipId} is filed under ${reference} already`);
      await links.insert({ caseReference: reference, clipId, addedUtc: this.#now().toISOString(), addedBy: actor.userId });
      const details = { caseReference: reference, clipId, path: clip.path, sha256: clip.sha256 };
      await this.#audit.append(manager, actor, { action: 'combination', target: `case:${reference}`, event: 'case.clip-add', details });
      await this.#audit.append(manager, actor, { action: 'combination', target: `clip:${clipId}`, event: 'case.clip-add', details });
      return this.#caseFile(manager, reference);
    });
  }

  /** Takes a clip out of a case: its members no longer see it through this case. */
  async removeClip(actor: Actor, reference: string, clipId: number): Promise<CaseFile> {
    reference = normalReference(reference);
    await this.#access.require(actor, 'cases.manage', `case:${reference}`);
    return this.#db.transaction(async (manager) => {
      await this.#caseRow(manager, reference);
      const clip = await manager.getRepository(ClipEntity).findOneBy({ id: clipId });
      if (!clip) throw new ServiceError('not_found', `There is no clip ${clipId}`);
      const links = manager.getRepository(CaseClipEntity);
      if (!(await links.findOneBy({ caseReference: reference, clipId }))) throw new ServiceError('not_found', `Clip ${clipId} is not filed under ${reference}`);
      await links.delete({ caseReference: reference, clipId });
      const details = { caseReference: reference, clipId, path: clip.path, sha256: clip.sha256 };
      await this.#audit.append(manager, actor, { action: 'alteration', target: `case:${reference}`, event: 'case.clip-remove', details });
      await this.#audit.append(manager, actor, { action: 'alteration', target: `clip:${clipId}`, event: 'case.clip-remove', details });
      return this.#caseFile(manager, reference);
    });
  }

  /** Sets who works on a case; each must be an active investigator or supervisor. */
  async setMembers(actor: Actor, reference: string, usernames: string[]): Promise<CaseFile> {
    reference = normalReference(reference);
    await this.#access.require(actor, 'cases.manage', `case:${reference}`);
    const wanted = [...new Set(usernames.map((name) => name.trim().toLowerCase()))].sort();
    return this.#db.transaction(async (manager) => {
      await this.#caseRow(manager, reference);
      const eligible = await this.#eligible(manager);
      const refused = wanted.filter((username) => !eligible.has(username));
      if (refused.length > 0) {
        throw new ServiceError('invalid_request', `Only active investigators and supervisors can work on a case; not: ${refused.join(', ')}`);
      }
      const members = manager.getRepository(CaseMemberEntity);
      const current = (await members.findBy({ caseReference: reference })).map((member) => member.username);
      const added = wanted.filter((username) => !current.includes(username));
      const removed = current.filter((username) => !wanted.includes(username)).sort();
      if (added.length === 0 && removed.length === 0) return this.#caseFile(manager, reference);
      for (const username of removed) await members.delete({ caseReference: reference, username });
      for (const username of added) await members.insert({ caseReference: reference, username });
      await this.#audit.append(manager, actor, { action: 'alteration', target: `case:${reference}`, event: 'case.members', details: { members: wanted, added, removed } });
      return this.#caseFile(manager, reference);
    });
  }

  async #caseRow(manager: EntityManager, reference: string): Promise<CaseFileRow> {
    const row = await manager.getRepository(CaseFileEntity).findOneBy({ reference });
    if (!row) throw new ServiceError('not_found', `There is no case with the reference ${reference}`);
    return row;
  }

  async #caseFile(manager: EntityManager, reference: string): Promise<CaseFile> {
    const [file] = await this.#complete(manager, [await this.#caseRow(manager, reference)]);
    return file!;
  }

  /** Active accounts holding a role that can work on a case, by username. */
  async #eligible(manager: EntityManager): Promise<Map<string, CasePerson>> {
    const accounts = await manager.getRepository(UserAccountEntity).findBy({ active: true });
    const eligible = new Map<string, CasePerson>();
    for (const account of accounts) {
      const held = RoleSchema.array().parse(JSON.parse(account.roles));
      if (held.some((role) => caseRoles.includes(role))) eligible.set(account.username, { username: account.username, displayName: account.displayName });
    }
    return eligible;
  }

  /** The case rows with their members and clips, newest case first. */
  async #complete(manager: EntityManager, rows: CaseFileRow[]): Promise<CaseFile[]> {
    if (rows.length === 0) return [];
    const references = rows.map((row) => row.reference);
    const marks = references.map(() => '?').join(',');
    const memberRows = (await manager.query(
      `SELECT m.case_reference, m.username, a.display_name FROM case_member m JOIN user_account a ON a.username = m.username
        WHERE m.case_reference IN (${marks}) ORDER BY a.display_name, m.username`,
      references,
    )) as MemberQueryRow[];
    const clipRows = (await manager.query(
      `SELECT cc.case_reference, cc.clip_id, c.recording_id, c.path, r.start_utc, r.officer, r.device, cc.added_utc, cc.added_by
        FROM case_clip cc JOIN clip c ON c.id = cc.clip_id JOIN recording r ON r.id = c.recording_id
        WHERE cc.case_reference IN (${marks}) ORDER BY r.start_utc, c.recording_id, c.clip_order, c.id`,
      references,
    )) as ClipQueryRow[];
    const members = new Map<string, CasePerson[]>();
    for (const row of memberRows) members.set(row.case_reference, [...(members.get(row.case_reference) ?? []), { username: row.username, displayName: row.display_name }]);
    const clips = new Map<string, CaseClip[]>();
    for (const row of clipRows) {
      const clip: CaseClip = {
        clipId: row.clip_id,
        recordingId: row.recording_id,
        path: row.path,
        recordingStartUtc: row.start_utc,
        officer: row.officer,
        device: row.device,
        addedUtc: row.added_utc,
        addedBy: row.added_by,
      };
      clips.set(row.case_reference, [...(clips.get(row.case_reference) ?? []), clip]);
    }
    return [...rows]
      .sort((a, b) => b.createdUtc.localeCompare(a.createdUtc) || a.reference.localeCompare(b.reference))
      .map((row) => ({
        reference: row.reference,
        title: row.title,
        createdUtc: row.createdUtc,
        createdBy: row.createdBy,
        members: members.get(row.reference) ?? [],
        clips: clips.get(row.reference) ?? [],
      }));
  }
}
