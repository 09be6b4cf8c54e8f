// Access requests of data subjects (Auskunftsersuchen, Art. 14 RL (EU) 2016/680, § 57 BDSG). A
// supervisor records who asks and the time window (and officer or device) they describe; the
// station finds the clips whose recording overlaps it. The decision is recorded with its reason: a
// grant starts a court package of redacted copies only (the clips' masks burnt in and checked,
// never the originals) addressed to the person, a refusal keeps the reason. Every step is audited
// on the request and, for the decision, on each clip, so the DPO's report on a clip shows it.
import type { EntityManager } from 'typeorm';
import {
  AccessRequestSchema,
  SUBJECT_ACCESS_LEGAL_BASIS,
  SUBJECT_RECIPIENT_PREFIX,
  type AccessRequest,
  type AccessRequestClip,
  type AccessRequestDecision,
  type NewAccessRequest,
} from '../../../../shared/api/access-requests.ts';
import type { Actor } from '../../../../shared/api/actor.ts';
import type { ExportJob } from '../../../../shared/api/exports.ts';
import { localCalendarDate } from '../../../../shared/time/calendar-date.ts';
import type { Database } from '../../../db/database.ts';
import { AccessRequestEntity, type AccessRequestRow } from '../../../db/entities/access-requests.ts';
import type { ExportService } from '../../export/export-service.ts';
import { ServiceError } from '../../service-error.ts';
import type { Access } from '../access.ts';
import { clipSubject } from '../approvals/approval-rows.ts';
import type { AuditService } from '../audit-service.ts';

export const accessRequestTarget = (id: number): string => `access-request:${id}`;

/** The export's recipient: the data subject, named by the first line of how they describe themselves. */
export function subjectRecipient(subjectDescription: string): string {
  const firstLine = subjectDescription.split(/\r?\n/).map((line) => line.trim()).find(Boolean) ?? '';
  const recipient = `${SUBJECT_RECIPIENT_PREFIX}: ${firstLine}`;
  return recipient.length <= 200 ? recipient : `${recipient.slice(0, 199)}…`;
}

interface ClipFactsRow {
  clip_id: number;
  path: string;
  officer: string | null;
  device: string | null;
  start_utc: string | null;
  end_utc: string | null;
}

const clipFactsSql = 'SELECT c.id AS clip_id, c.path, r.officer, r.device, r.start_utc, r.end_utc FROM clip c JOIN recording r ON r.id = c.recording_id';

export class AccessRequestService {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #access: Access;
  readonly #exports: ExportService;

  constructor(db: Database, audit: AuditService, access: Access, exports: ExportService) {
    this.#db = db;
    this.#audit = audit;
    this.#access = access;
    this.#exports = exports;
  }

  /** Every request, newest first, with the facts of the clips found. */
  async list(actor: Actor): Promise<AccessRequest[]> {
    await this.#access.require(actor, 'access-requests.read', 'access-requests');
    const manager = this.#db.dataSource.manager;
    const rows = await manager.getRepository(AccessRequestEntity).find({ order: { id: 'DESC' } });
    return Promise.all(rows.map((row) => this.#toAccessRequest(manager, row)));
  }

  /** Records a request and finds the clips whose recording overlaps its window (and matches officer and device when given). */
  async create(actor: Actor, request: NewAccessRequest, now = new Date()): Promise<AccessRequest> {
    await this.#access.require(actor, 'access-requests.manage', 'access-requests');
    const today = localCalendarDate(now);
    if (request.receivedDate > today) throw new ServiceError('invalid_request', `The request's date of receipt ${request.receivedDate} lies in the future (today is ${today})`);
    const windowFromUtc = new Date(request.windowFromUtc).toISOString();
    const windowToUtc = new Date(request.windowToUtc).toISOString();
    return this.#db.transaction(async (manager) => {
      const clipIds = await this.#findClips(manager, actor, { windowFromUtc, windowToUtc, officer: request.officer || null, device: request.device || null });
      const row = await manager.getRepository(AccessRequestEntity).save({
        reference: request.reference,
        subjectDescription: request.subjectDescription,
        receivedDate: request.receivedDate,
        windowFromUtc,
        windowToUtc,
        officer: request.officer || null,
        device: request.device || null,
        clipIds: JSON.stringify(clipIds),
        status: 'open',
        decisionReason: null,
        decidedBy: null,
        decidedUtc: null,
        exportId: null,
        createdBy: actor.userId,
        createdUtc: now.toISOString(),
      });
      await this.#audit.append(manager, actor, {
        action: 'consultation',
        target: accessRequestTarget(row.id),
        event: 'access-request.create',
        details: { reference: row.reference, receivedDate: row.receivedDate, window: { fromUtc: windowFromUtc, toUtc: windowToUtc }, filters: { officer: row.officer, device: row.device }, clipIds },
      });
      return this.#toAccessRequest(manager, row);
    });
  }

  /**
   * Grants or refuses an open request. A grant starts a court package of redacted copies of the
   * chosen clips (all found ones without a choice) for the person, and stores its export id.
   */
  async decide(actor: Actor, id: number, decision: Omit<AccessRequestDecision, 'id'>, now = new Date()): Promise<AccessRequest> {
    await this.#access.require(actor, 'access-requests.manage', accessRequestTarget(id));
    const found = await this.#db.dataSource.getRepository(AccessRequestEntity).findOneBy({ id });
    if (!found) throw new ServiceError('not_found', `No access request with id ${id}`);
    requireOpen(found);
    const foundClips = JSON.parse(found.clipIds) as number[];
    const chosen = decision.decision === 'granted' ? (decision.clipIds ?? foundClips) : foundClips;
    const strangers = chosen.filter((clipId) => !foundClips.includes(clipId));
    if (strangers.length > 0) {
      throw new ServiceError('invalid_request', `Clip ${strangers.join(', ')} was not found for access request ${found.reference}; only the clips found (${foundClips.join(', ') || 'none'}) can be released`);
    }
    let job: ExportJob | null = null;
    if (decision.decision === 'granted') {
      if (chosen.length === 0) throw new ServiceError('invalid_request', `Access request ${found.reference} found no recording to release: refuse it with the reason (no footage of the person)`);
      job = await this.#exports.start(actor, {
        kind: 'court',
        clips: chosen.map((clipId) => ({ clipId })),
        caseReference: found.reference,
        recipient: subjectRecipient(found.subjectDescription),
        legalBasis: SUBJECT_ACCESS_LEGAL_BASIS,
        withOriginals: false,
        zip: false,
      });
    }
    const exportId = job?.id ?? null;
    try {
      return await this.#db.transaction(async (manager) => {
        const repository = manager.getRepository(AccessRequestEntity);
        const row = await repository.findOneByOrFail({ id });
        requireOpen(row);
        const decided: AccessRequestRow = { ...row, status: decision.decision, decisionReason: decision.reason, decidedBy: actor.userId, decidedUtc: now.toISOString(), exportId };
        await repository.save(decided);
        const action = decision.decision === 'granted' ? 'disclosure' : 'alteration';
        const event = decision.decision === 'granted' ? 'access-request.grant' : 'access-request.refuse';
        const details = { accessRequestId: id, reference: row.reference, decision: decision.decision, reason: decision.reason, clipIds: chosen, exportId, recipient: job?.recipient ?? null };
        await this.#audit.append(manager, actor, { action, target: accessRequestTarget(id), event, details });
        for (const clipId of chosen) await this.#audit.append(manager, actor, { action, target: clipSubject(clipId), event, details });
        return this.#toAccessRequest(manager, decided);
      });
    } catch (error) {
      // Decided by someone else meanwhile: the package started for this decision is not wanted.
      if (job) await this.#exports.cancel(actor, job.id).catch(() => undefined);
      throw error;
    }
  }

  async #findClips(manager: EntityManager, actor: Actor, filter: { windowFromUtc: string; windowToUtc: string; officer: string | null; device: string | null }): Promise<number[]> {
    const conditions = ['r.start_utc IS NOT NULL', 'julianday(r.start_utc) <= julianday(?)', 'julianday(COALESCE(r.end_utc, r.start_utc)) >= julianday(?)'];
    const parameters: unknown[] = [filter.windowToUtc, filter.windowFromUtc];
    if (filter.officer) {
      conditions.push('r.officer = ?');
      parameters.push(filter.officer);
    }
    if (filter.device) {
      conditions.push('r.device = ?');
      parameters.push(filter.device);
    }
    const rows: { id: number }[] = await manager.query(
      `SELECT c.id FROM clip c JOIN recording r ON r.id = c.recording_id WHERE ${conditions.join(' AND ')} ORDER BY r.start_utc, r.id, c.clip_order, c.id`,
      parameters,
    );
    const visible = await this.#access.visibleClips(actor);
    return rows.map((row) => row.id).filter((clipId) => visible === null || visible.has(clipId));
  }

  async #toAccessRequest(manager: EntityManager, row: AccessRequestRow): Promise<AccessRequest> {
    const clipIds = JSON.parse(row.clipIds) as number[];
    const facts: ClipFactsRow[] = clipIds.length === 0 ? [] : await manager.query(`${clipFactsSql} WHERE c.id IN (${clipIds.map(() => '?').join(',')})`, clipIds);
    const clips = clipIds.map((clipId): AccessRequestClip => {
      const fact = facts.find((candidate) => candidate.clip_id === clipId);
      return { clipId, path: fact?.path ?? null, officer: fact?.officer ?? null, device: fact?.device ?? null, startUtc: fact?.start_utc ?? null, endUtc: fact?.end_utc ?? null };
    });
    return AccessRequestSchema.parse({ ...row, clips });
  }
}

function requireOpen(row: AccessRequestRow): void {
  if (row.status !== 'open') {
    throw new ServiceError('conflict', `Access request ${row.reference} is decided already (${row.status} by ${row.decidedBy} on ${row.decidedUtc})`);
  }
}
