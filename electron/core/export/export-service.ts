// Export jobs: court packages, training clips and still frames run one at a time in the background,
// with progress and cancel. Each job is a row in export_job from the moment it is asked for. The
// audit log gets a consultation entry per clip when a job starts (the footage is read, with the
// job's justification or case reference) and a disclosure entry per clip when it is done (with
// recipient and hashes). A failed or cancelled job leaves nothing that looks complete: the kinds
// build in draft folders they delete on any error. No export starts from a clip under a
// processing lock, and no training clip from one that was ever flagged (lock-gate.ts).
import { randomUUID } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '../../../shared/api/actor.ts';
import type { ExportJob, ExportJobRequest, ExportProgress, ExportStatus } from '../../../shared/api/exports.ts';
import type { Permission } from '../../../shared/api/permissions.ts';
import type { Database } from '../../db/database.ts';
import { ExportJobEntity, type ExportJobRow } from '../../db/entities/exports.ts';
import type { CoreEvents } from '../core-events.ts';
import type { Access } from '../governance/access.ts';
import { openApproval } from '../governance/approvals/approval-rows.ts';
import type { ApprovalKindHandler } from '../governance/approvals/approval-service.ts';
import type { AuditService } from '../governance/audit-service.ts';
import { blockingLock, requireUnlocked } from '../governance/locks/lock-gate.ts';
import type { MediaTools } from '../media/media-tools.ts';
import { ServiceError } from '../service-error.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { makeCourtPackage } from './court-package.ts';
import type { ExportContext, ExportOutcome } from './export-context.ts';
import { ExportProgressMeter } from './export-progress.ts';
import { makeStillExport } from './still-export.ts';
import { makeTrainingClip } from './training-clip.ts';

/** How many past exports the list shows. */
const LIST_LIMIT = 200;

/** Where the command line puts an export: a folder, and for a still the file's name in it. */
export interface ExportTarget {
  folder: string;
  name?: string;
}

interface RunningJob {
  id: string;
  actor: Actor;
  request: ExportJobRequest;
  target: ExportTarget;
  controller: AbortController;
  progress: ExportProgress | null;
}

export interface ExportServiceOptions {
  dataFolder: string;
  appVersion: string;
}

export function requestClipIds(request: ExportJobRequest): number[] {
  if (request.kind === 'court') return [...new Set(request.clips.map((clip) => clip.clipId))];
  return [request.kind === 'training' ? request.clip.clipId : request.clipId];
}

function toJob(row: ExportJobRow, progress: ExportProgress | null): ExportJob {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    createdUtc: row.createdUtc,
    finishedUtc: row.finishedUtc,
    userId: row.userId,
    caseReference: row.caseReference,
    recipient: row.recipient,
    clipIds: JSON.parse(row.clipIds) as number[],
    output: row.output,
    sha256: row.sha256,
    files: JSON.parse(row.files) as ExportJob['files'],
    progress,
    error: row.error,
  };
}

const runner = () => `${os.hostname()}:${process.pid}`;

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof Error && error.name === 'AbortError');
}

/** An export as the subject of an approval. */
const exportSubject = (id: string): string => `export:${id}`;

function exportPermission(request: ExportJobRequest): Permission {
  if (request.kind === 'still' && request.unredacted) return 'export.unredacted-still';
  return `export.${request.kind}`;
}

export class ExportService {
  readonly #db: Database;
  readonly #audit: AuditService;
  readonly #access: Access;
  readonly #settings: SettingsService;
  readonly #events: CoreEvents;
  readonly #tools: MediaTools;
  readonly #options: ExportServiceOptions;
  readonly #queue: RunningJob[] = [];
  #running: RunningJob | null = null;
  #idle: Promise<void> = Promise.resolve();

  constructor(db: Database, audit: AuditService, access: Access, settings: SettingsService, events: CoreEvents, tools: MediaTools, options: ExportServiceOptions) {
    this.#db = db;
    this.#audit = audit;
    this.#access = access;
    this.#settings = settings;
    this.#events = events;
    this.#tools = tools;
    this.#options = options;
  }

  #repository() {
    return this.#db.dataSource.getRepository(ExportJobEntity);
  }

  /**
   * Jobs a stopped process of this computer left queued or running end as failed, and their
   * drafts are deleted: they were never named. Jobs of a process still running (another window's
   * core, the command line) or of another computer are theirs.
   */
  async recover(): Promise<void> {
    const open = await this.#repository().find({ where: [{ status: 'queued' }, { status: 'running' }] });
    let othersRunning = false;
    for (const row of open) {
      const [host, pid] = row.runner.split(':');
      if (host !== os.hostname() || isAlive(Number(pid))) {
        othersRunning = true;
        continue;
      }
      await this.#repository().save({ ...row, status: 'failed', finishedUtc: new Date().toISOString(), error: 'The station stopped during the export; nothing of it was kept' });
    }
    // Their drafts: hidden `.….partial` entries of the export folder, unless another process may be writing one.
    if (othersRunning) return;
    const folder = await this.exportFolder();
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (name.startsWith('.') && name.endsWith('.partial')) await rm(path.join(folder, name), { recursive: true, force: true });
    }
  }

  /** The folder exports are written to: the setting, else `exports` in the data folder. */
  async exportFolder(): Promise<string> {
    const configured = (await this.#settings.get()).exportFolder;
    return configured || path.join(this.#options.dataFolder, 'exports');
  }

  /**
   * Queues an export and logs that its clips are read for it. `target` is for the command line
   * only (a local user naming a folder); windows always export into the export folder.
   */
  async start(actor: Actor, request: ExportJobRequest, target?: ExportTarget): Promise<ExportJob> {
    const clipIds = requestClipIds(request);
    for (const clipId of clipIds) {
      await this.#access.requireClip(actor, exportPermission(request), clipId);
      await requireUnlocked(this.#access, this.#db.dataSource.manager, actor, exportPermission(request), clipId, request.kind === 'training' ? 'training' : 'footage');
    }
    if (!this.#tools.ffmpeg || !this.#tools.ffprobe) throw new ServiceError('unavailable', 'ffmpeg and ffprobe are needed for exports and were not found');
    // Unredacted originals leave the station only with a second supervisor's approval.
    const awaitsApproval = request.kind === 'court' && request.withOriginals;
    const row: ExportJobRow = {
      id: randomUUID(),
      kind: request.kind,
      status: awaitsApproval ? 'awaiting-approval' : 'queued',
      createdUtc: new Date().toISOString(),
      finishedUtc: null,
      userId: actor.userId,
      caseReference: request.kind === 'court' ? request.caseReference : request.kind === 'still' ? (request.caseReference ?? null) : null,
      recipient: request.kind === 'court' ? request.recipient : null,
      clipIds: JSON.stringify(clipIds),
      request: JSON.stringify(request),
      output: null,
      sha256: null,
      files: '[]',
      error: null,
      runner: runner(),
    };
    await this.#db.transaction(async (manager) => {
      const known = await manager.query(`SELECT id FROM clip WHERE id IN (${clipIds.map(() => '?').join(',')})`, clipIds);
      const missing = clipIds.filter((id) => !(known as { id: number }[]).some((clip) => clip.id === id));
      if (missing.length > 0) throw new ServiceError('not_found', `No clip with id ${missing.join(', ')}`);
      await manager.getRepository(ExportJobEntity).insert(row);
      for (const clipId of clipIds) {
        await this.#audit.append(manager, actor, {
          action: 'consultation',
          target: `clip:${clipId}`,
          event: `export.${request.kind}.start`,
          details: { exportId: row.id, request },
        });
      }
      if (awaitsApproval) {
        const details = { exportId: row.id, caseReference: row.caseReference, recipient: row.recipient, clipIds };
        await openApproval(manager, this.#audit, actor, { kind: 'court-originals', subject: exportSubject(row.id), details, reason: `Originale an ${row.recipient}, Az. ${row.caseReference}` });
      }
    });
    if (awaitsApproval) {
      this.#emit(row, null);
      return toJob(row, null);
    }
    const job: RunningJob = { id: row.id, actor, request, target: target ?? { folder: await this.exportFolder() }, controller: new AbortController(), progress: null };
    this.#queue.push(job);
    this.#emit(row, null);
    this.#pump();
    return toJob(row, null);
  }

  /** Its maker or a supervisor may stop an export. */
  async cancel(actor: Actor, id: string): Promise<ExportJob> {
    const row = await this.#repository().findOneBy({ id });
    if (!row) throw new ServiceError('not_found', `No export with id ${id}`);
    if (row.userId !== actor.userId) await this.#access.require(actor, 'exports.cancel-any', `export:${id}`);
    if (row.status === 'awaiting-approval') throw new ServiceError('conflict', `Export ${id} waits for the approval of its originals: withdraw that request under Freigaben instead`);
    const queued = this.#queue.findIndex((job) => job.id === id);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      return this.#finish(row, 'cancelled', { error: 'Cancelled before it started' });
    }
    if (this.#running?.id === id) this.#running.controller.abort(new DOMException('The export was cancelled', 'AbortError'));
    return toJob(row, this.#running?.id === id ? this.#running.progress : null);
  }

  /** Past and current exports, newest first; a trainer sees signed-off training clips only. */
  async list(actor: Actor): Promise<ExportJob[]> {
    const trainingOnly = this.#access.may(actor, 'exports.read-training');
    if (!trainingOnly) await this.#access.require(actor, 'exports.read', 'exports');
    const query = this.#repository().createQueryBuilder('job').orderBy('job.createdUtc', 'DESC').take(LIST_LIMIT);
    if (trainingOnly) {
      query
        .where("job.kind = 'training' AND job.status = 'done'")
        .andWhere(`EXISTS (SELECT 1 FROM approval_request a WHERE a.kind = 'training-signoff' AND a.status = 'approved' AND a.subject = 'export:' || job.id)`);
    }
    const rows = await query.getMany();
    return rows.map((row) => toJob(row, this.#running?.id === row.id ? this.#running.progress : null));
  }

  /**
   * `court-originals`: an approval queues the waiting court package, run in the name of whoever
   * asked for it into the station's export folder; a rejection or withdrawal cancels it.
   */
  readonly originalsRelease: ApprovalKindHandler = {
    permission: 'export.court',
    approve: async (approval, _decider, record) => {
      const id = approval.subject.slice(exportSubject('').length);
      const queued = await this.#db.transaction(async (manager) => {
        const waiting = await manager.getRepository(ExportJobEntity).findOneBy({ id, status: 'awaiting-approval' });
        if (!waiting) throw new ServiceError('conflict', `Export ${id} no longer waits for an approval`);
        await record(manager);
        const next: ExportJobRow = { ...waiting, status: 'queued', runner: runner() };
        await manager.getRepository(ExportJobEntity).update({ id }, { status: next.status, runner: next.runner });
        return next;
      });
      const requester: Actor = { userId: approval.requestedBy, role: approval.requestedRole, sessionId: `approval:${approval.id}` };
      const request = JSON.parse(queued.request) as ExportJobRequest;
      this.#queue.push({ id, actor: requester, request, target: { folder: await this.exportFolder() }, controller: new AbortController(), progress: null });
      this.#emit(queued, null);
      this.#pump();
    },
    close: async (manager, approval) => {
      const id = approval.subject.slice(exportSubject('').length);
      const error = `The release of the originals was not approved: approval ${approval.id} was rejected or withdrawn`;
      await manager.getRepository(ExportJobEntity).update({ id, status: 'awaiting-approval' }, { status: 'cancelled', finishedUtc: new Date().toISOString(), error });
    },
  };

  /**
   * `training-signoff`: an approval lets trainers use the finished training clip; a rejection or
   * withdrawal deletes the package, which no trainer has seen.
   */
  readonly trainingSignOff: ApprovalKindHandler = {
    permission: 'export.training',
    approve: (_approval, _decider, record) => this.#db.transaction(record),
    close: async (manager, approval) => {
      const id = approval.subject.slice(exportSubject('').length);
      const job = await manager.getRepository(ExportJobEntity).findOneBy({ id });
      await manager.getRepository(ExportJobEntity).update({ id }, { status: 'cancelled', error: `Not signed off: approval ${approval.id} was rejected or withdrawn; the package was deleted` });
      const output = job?.output;
      if (output) this.#db.afterCommit(manager, () => void rm(output, { recursive: true, force: true }));
    },
  };

  async get(id: string): Promise<ExportJob> {
    const row = await this.#repository().findOneBy({ id });
    if (!row) throw new ServiceError('not_found', `No export with id ${id}`);
    return toJob(row, this.#running?.id === id ? this.#running.progress : null);
  }

  /** Resolves when no job is queued or running. */
  async idle(): Promise<void> {
    while (this.#running || this.#queue.length > 0) await this.#idle;
  }

  /** Cancels every job and waits until they have cleaned up. */
  async close(): Promise<void> {
    for (const job of this.#queue.splice(0)) {
      const row = await this.#repository().findOneBy({ id: job.id });
      if (row) await this.#finish(row, 'cancelled', { error: 'The station was closed before it started' });
    }
    this.#running?.controller.abort(new DOMException('The station was closed', 'AbortError'));
    await this.idle();
  }

  #emit(row: ExportJobRow, progress: ExportProgress | null): void {
    this.#events.emit('export.progress', toJob(row, progress));
  }

  #pump(): void {
    if (this.#running) return;
    const job = this.#queue.shift();
    if (!job) return;
    this.#running = job;
    this.#idle = this.#run(job).finally(() => {
      this.#running = null;
      this.#pump();
    });
  }

  async #finish(row: ExportJobRow, status: ExportStatus, fields: Partial<ExportJobRow>): Promise<ExportJob> {
    const finished: ExportJobRow = { ...row, ...fields, status, finishedUtc: new Date().toISOString() };
    await this.#repository().save(finished);
    this.#emit(finished, null);
    return toJob(finished, null);
  }

  async #run(job: RunningJob): Promise<void> {
    const row = await this.#repository().findOneByOrFail({ id: job.id });
    const running: ExportJobRow = { ...row, status: 'running' };
    await this.#repository().save(running);
    const settings = await this.#settings.get();
    const ffmpeg = this.#tools.ffmpeg as NonNullable<MediaTools['ffmpeg']>;
    const context: ExportContext = {
      exportId: job.id,
      actor: job.actor,
      createdUtc: row.createdUtc,
      outputFolder: job.target.folder,
      tools: { ffmpegPath: ffmpeg.path, ffprobePath: (this.#tools.ffprobe as NonNullable<MediaTools['ffprobe']>).path, ffmpegVersion: ffmpeg.version },
      appVersion: this.#options.appVersion,
      settings,
      db: this.#db,
      audit: this.#audit,
      signal: job.controller.signal,
      progress: new ExportProgressMeter((progress) => {
        job.progress = progress;
        this.#emit(running, progress);
      }),
    };
    // A processing lock placed while the job waited stops it before it reads any footage.
    for (const clipId of requestClipIds(job.request)) {
      const lock = await blockingLock(this.#db.dataSource.manager, clipId, job.request.kind === 'training' ? 'training' : 'footage');
      if (lock) {
        await this.#finish(running, 'failed', { error: `Clip ${clipId} came under processing lock ${lock.id} (${lock.kind}, ${lock.status}) after the export was queued; nothing was exported` });
        return;
      }
    }
    let outcome: ExportOutcome;
    try {
      const { request } = job;
      outcome =
        request.kind === 'court'
          ? await makeCourtPackage(context, request)
          : request.kind === 'training'
            ? await makeTrainingClip(context, request)
            : await makeStillExport(context, request, job.target.name);
    } catch (error) {
      const cancelled = isAbort(error, job.controller.signal);
      const message = cancelled ? 'Cancelled; nothing of it was kept' : error instanceof Error ? error.message : String(error);
      if (!cancelled && !(error instanceof ServiceError)) console.error(`[revier] export ${job.id} failed:`, error);
      await this.#finish(running, cancelled ? 'cancelled' : 'failed', { error: message });
      return;
    }
    const clipIds = JSON.parse(row.clipIds) as number[];
    const done: ExportJobRow = { ...running, status: 'done', finishedUtc: new Date().toISOString(), output: outcome.output, sha256: outcome.sha256, files: JSON.stringify(outcome.files) };
    await this.#db.transaction(async (manager) => {
      await manager.getRepository(ExportJobEntity).save(done);
      for (const clipId of clipIds) {
        await this.#audit.append(manager, job.actor, {
          action: 'disclosure',
          target: `clip:${clipId}`,
          event: `export.${job.request.kind}.done`,
          details: { exportId: job.id, output: outcome.output, ...(outcome.sha256 ? { sha256: outcome.sha256 } : {}), ...outcome.auditDetails },
        });
      }
      // Training material reaches trainers only once a second person has signed it off.
      if (job.request.kind === 'training') {
        const details = { exportId: job.id, output: outcome.output, clipIds };
        await openApproval(manager, this.#audit, job.actor, { kind: 'training-signoff', subject: exportSubject(job.id), details, reason: job.request.justification });
      }
    });
    this.#emit(done, null);
  }
}
