// Early deletion: a clip deleted before its deletion date needs a reason and a second person's
// approval (four eyes: the officer who recorded a clip never deletes it alone). The request opens
// an approval of kind `early-deletion`. Its approval and the start of the deletion (the tombstone
// `deleting`, reason `early-deletion`, ordered by the approver) are one transaction; the files and
// rows follow as in every deletion (clip-erasure.ts), and a deletion that stops halfway is
// finished by the next retention run. A clip that a hold keeps (requested or active) is not
// deleted early: the hold is settled first.
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../../../../shared/api/actor.ts';
import type { Approval } from '../../../../shared/api/approvals.ts';
import type { Settings } from '../../../../shared/api/settings.ts';
import type { Database } from '../../../db/database.ts';
import { ApprovalRequestEntity } from '../../../db/entities/approvals.ts';
import { HoldEntity } from '../../../db/entities/retention.ts';
import { ServiceError } from '../../service-error.ts';
import type { Access } from '../access.ts';
import { clipOfSubject, clipSubject, openApproval } from '../approvals/approval-rows.ts';
import type { ApprovalKindHandler } from '../approvals/approval-service.ts';
import type { AuditService } from '../audit-service.ts';
import { liveClip } from '../live-clip.ts';
import { eraseClip } from './clip-erasure.ts';

async function refuseWhileHeld(manager: EntityManager, clipId: number): Promise<void> {
  const hold = await manager.getRepository(HoldEntity).findOne({ where: { clipId, status: In(['requested', 'active']) }, order: { id: 'ASC' } });
  if (!hold) return;
  throw new ServiceError(
    'conflict',
    `Clip ${clipId} cannot be deleted early: hold ${hold.id} (${hold.status}, ${hold.reason}, case ${hold.caseReference}, review on ${hold.reviewDate}) keeps it; the hold must be lifted or its request settled first`,
  );
}

export class EarlyDeletionService {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #access: Access;
  readonly #settings: () => Promise<Settings>;
  readonly #dataFolder: string;

  constructor(db: Database, audit: AuditService, access: Access, settings: () => Promise<Settings>, dataFolder: string) {
    this.#db = db;
    this.#audit = audit;
    this.#access = access;
    this.#settings = settings;
    this.#dataFolder = dataFolder;
  }

  /** Asks for the clip's early deletion; nothing is deleted until a second person approves. */
  async request(actor: Actor, clipId: number, reason: string): Promise<Approval> {
    await this.#access.requireClip(actor, 'deletion.request', clipId);
    return this.#db.transaction(async (manager) => {
      await liveClip(manager, clipId);
      await refuseWhileHeld(manager, clipId);
      const subject = clipSubject(clipId);
      const waiting = await manager.getRepository(ApprovalRequestEntity).findOneBy({ kind: 'early-deletion', subject, status: 'pending' });
      if (waiting) throw new ServiceError('conflict', `The early deletion of clip ${clipId} is asked for already (approval ${waiting.id} by ${waiting.requestedBy})`);
      return openApproval(manager, this.#audit, actor, { kind: 'early-deletion', subject, details: {}, reason });
    });
  }

  /** `early-deletion`: approval deletes the clip; a rejection or withdrawal leaves it. */
  readonly approval: ApprovalKindHandler = {
    permission: 'deletion.request',
    approve: async (approval, decider, record) => {
      const clipId = clipOfSubject(approval.subject);
      const { stationDrive } = await this.#settings();
      let begun = false;
      const confirm = async (manager: EntityManager) => {
        await refuseWhileHeld(manager, clipId);
        await record(manager);
        this.#db.afterCommit(manager, () => {
          begun = true;
        });
      };
      try {
        await eraseClip({ db: this.#db, audit: this.#audit, stationDrive, dataFolder: this.#dataFolder }, { clipId, reason: 'early-deletion', actor: decider, confirm });
      } catch (error) {
        if (!begun || !(error instanceof ServiceError)) throw error;
        throw new ServiceError(error.code, `Approval ${approval.id} is recorded and the deletion of clip ${clipId} has begun, but did not finish: ${error.message}`);
      }
    },
  };
}
