// The retention job (Löschfristen): deletes every clip whose deletion is due, leaves a tombstone
// (Löschnachweis) of each, and shows beforehand what it will delete and what it keeps. A run first
// finishes the deletions an earlier run left half done; one clip that cannot be deleted never
// stops the others. Runs of this process follow one another; the station runs it daily as
// `system` (retention-schedule.ts), an administrator can run it by hand.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../../shared/api/actor.ts';
import type { Settings } from '../../../../shared/api/settings.ts';
import type { Database } from '../../../db/database.ts';
import { ServiceError } from '../../service-error.ts';
import type { Access } from '../access.ts';
import type { AuditService } from '../audit-service.ts';
import type { AuditReports } from '../dpo/audit-reports.ts';
import { eraseClip, finishErasure, type ErasureContext } from './clip-erasure.ts';
import { readRetentionFacts } from './retention-facts.ts';
import type { DueClip, ErasureFailure, RetentionPreview, RetentionRun, Tombstone } from '../../../../shared/api/retention.ts';
import { retentionPreview } from './retention-preview.ts';
import { decideRetention } from './retention-rule.ts';
import { readTombstones } from './tombstones.ts';

/** One clip's failure for the result; anything but an expected ServiceError is also logged with its stack. */
function failureOf(clipId: number, error: unknown): ErasureFailure {
  if (!(error instanceof ServiceError)) console.error(`[revier] retention: deleting clip ${clipId} failed unexpectedly:`, error);
  return { clipId, message: error instanceof Error ? error.message : String(error) };
}

export class RetentionService {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #access: Access;
  readonly #settings: () => Promise<Settings>;
  readonly #dataFolder: string;
  readonly #auditLog: Pick<AuditReports, 'purgeExpired'>;
  #runs: Promise<unknown> = Promise.resolve();

  constructor(db: Database, audit: AuditService, access: Access, settings: () => Promise<Settings>, dataFolder: string, auditLog: Pick<AuditReports, 'purgeExpired'>) {
    this.#auditLog = auditLog;
    this.#db = db;
    this.#audit = audit;
    this.#access = access;
    this.#settings = settings;
    this.#dataFolder = dataFolder;
  }

  /** What a run at `now` would delete and keep. */
  async preview(actor: Actor, now: Date): Promise<RetentionPreview> {
    await this.#access.require(actor, 'retention.read');
    const { retentionDays } = await this.#settings();
    return retentionPreview(this.#db.dataSource.manager, retentionDays, now);
  }

  /** Every tombstone, oldest first. */
  async tombstones(actor: Actor): Promise<Tombstone[]> {
    await this.#access.require(actor, 'retention.read');
    return readTombstones(this.#db.dataSource.manager);
  }

  /** Deletes what is due at `now` (a dry run deletes nothing and answers what it would do). */
  run(actor: Actor, now: Date, { dryRun = false }: { dryRun?: boolean } = {}): Promise<RetentionRun> {
    const run = this.#runs.then(() => this.#run(actor, now, dryRun));
    this.#runs = run.catch(() => undefined);
    return run;
  }

  async #run(actor: Actor, now: Date, dryRun: boolean): Promise<RetentionRun> {
    await this.#access.require(actor, 'retention.run');
    const settings = await this.#settings();
    const context: ErasureContext = { db: this.#db, audit: this.#audit, stationDrive: settings.stationDrive, dataFolder: this.#dataFolder };
    const at = now.toISOString();
    if (dryRun) {
      const preview = await retentionPreview(this.#db.dataSource.manager, settings.retentionDays, now);
      await this.#audit.record(actor, {
        action: 'consultation',
        target: 'station',
        event: 'retention.dry-run',
        details: { at, due: preview.due.map((clip) => clip.clipId), kept: preview.kept.map((clip) => clip.clipId) },
      });
      return { at, dryRun, preview, deleted: [], failed: [], auditPurge: null };
    }
    const deleted: Tombstone[] = [];
    const failed: ErasureFailure[] = [];
    for (const tombstone of await readTombstones(this.#db.dataSource.manager, 'deleting')) {
      await finishErasure(context, tombstone, actor).then(
        (done) => deleted.push(done),
        (error: unknown) => failed.push(failureOf(tombstone.clipId, error)),
      );
    }
    const preview = await retentionPreview(this.#db.dataSource.manager, settings.retentionDays, now);
    for (const clip of preview.due) {
      const confirm = (manager: EntityManager) => this.#confirmDue(manager, clip, settings.retentionDays, now);
      await eraseClip(context, { clipId: clip.clipId, reason: clip.reason, actor, confirm }).then(
        (done) => deleted.push(done),
        (error: unknown) => failed.push(failureOf(clip.clipId, error)),
      );
    }
    // Audit entries at the end of their keeping time go too (the purge logs itself in the chain).
    const auditPurge = await this.#auditLog.purgeExpired(actor, now);
    await this.#audit.record(actor, {
      action: 'erasure',
      target: 'station',
      event: 'retention.run',
      details: { at, deleted: deleted.map((tombstone) => tombstone.clipId), kept: preview.kept.map((clip) => clip.clipId), failed },
    });
    return {
      at,
      dryRun,
      preview,
      deleted,
      failed,
      auditPurge: auditPurge && { throughSequence: auditPurge.throughSequence, entries: auditPurge.entries, oldestTime: auditPurge.oldestTime, newestTime: auditPurge.newestTime },
    };
  }

  /** A hold or lock may have arrived since the preview: the decision is taken again in the deletion's transaction. */
  async #confirmDue(manager: EntityManager, clip: DueClip, retentionDays: number, now: Date): Promise<void> {
    const facts = (await readRetentionFacts(manager, { recordingId: clip.recordingId })).find((candidate) => candidate.clip.id === clip.clipId);
    if (!facts) throw new ServiceError('not_found', `Clip ${clip.clipId} does not exist (deleted already?)`);
    const decision = decideRetention(facts, retentionDays, now);
    if (decision.status !== 'due') throw new ServiceError('conflict', `Clip ${clip.clipId} is no longer due for deletion: ${decision.status === 'kept' ? 'a hold or processing lock now keeps it' : 'its deletion date moved'}`);
  }
}
