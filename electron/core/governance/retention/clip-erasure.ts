// The deletion of one clip, in three steps that survive a crash between any two of them:
//   (a) one transaction writes the tombstone in state `deleting`, with every fact and the list of
//       files to delete, and its audit entry (`retention.delete.start`);
//   (b) the files are deleted (erasure-files.ts); a failure leaves the tombstone `deleting`;
//   (c) one transaction deletes the clip's rows (clip-rows.ts), sets the tombstone `done` and
//       writes its audit entry (`retention.delete`).
// A run finds a tombstone still `deleting` and repeats (b) and (c): deleting a file twice is
// harmless, and (c) does nothing for a tombstone another process completed meanwhile.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../../shared/api/actor.ts';
import type { Database } from '../../../db/database.ts';
import { ClipEntity, RecordingEntity } from '../../../db/entities/library.ts';
import { TombstoneEntity, type TombstoneRow } from '../../../db/entities/retention.ts';
import { ServiceError } from '../../service-error.ts';
import type { AuditService } from '../audit-service.ts';
import { deleteClipRows } from './clip-rows.ts';
import { eraseFiles, filesToErase, originalOnDrive, type StationPlaces } from './erasure-files.ts';
import type { Tombstone, TombstoneReason } from '../../../../shared/api/retention.ts';
import { toTombstone } from './tombstones.ts';

export interface ErasureContext extends StationPlaces {
  db: Database;
  audit: AuditService;
}

export interface ErasureOrder {
  clipId: number;
  reason: TombstoneReason;
  /** Who orders it; the tombstone's `ordered_by`. */
  actor: Actor;
  /** Checked inside the transaction of step (a): throws when the clip may no longer be deleted. */
  confirm?: (manager: EntityManager) => Promise<void>;
}

export interface ErasureSteps {
  /** Runs between deleting the files (b) and the rows (c): where a crash leaves a half-done deletion. */
  afterFiles?: (tombstone: Tombstone) => Promise<void>;
}

/** Steps (a), (b) and (c) for one clip; answers the completed tombstone. */
export async function eraseClip(context: ErasureContext, order: ErasureOrder, steps: ErasureSteps = {}): Promise<Tombstone> {
  const { clipId, actor, reason } = order;
  const started = await context.db.transaction(async (manager) => {
    const clip = await manager.getRepository(ClipEntity).findOneBy({ id: clipId });
    if (!clip) throw new ServiceError('not_found', `Clip ${clipId} does not exist (deleted already?)`);
    if (await manager.getRepository(TombstoneEntity).existsBy({ clipId })) throw new ServiceError('conflict', `Clip ${clipId} is already being deleted`);
    await order.confirm?.(manager);
    const recording = await manager.getRepository(RecordingEntity).findOneByOrFail({ id: clip.recordingId });
    const files = await filesToErase(manager, clip, context);
    const row: TombstoneRow = {
      clipId,
      recordingId: recording.id,
      sha256: clip.sha256,
      device: recording.device,
      officer: recording.officer,
      startUtc: recording.startUtc,
      endUtc: recording.endUtc,
      originalPath: clip.path,
      sizeBytes: clip.sizeBytes,
      reason,
      orderedBy: actor.userId,
      startedUtc: new Date().toISOString(),
      completedUtc: null,
      state: 'deleting',
      files: JSON.stringify(files),
    };
    await manager.getRepository(TombstoneEntity).insert(row);
    await context.audit.append(manager, actor, {
      action: 'erasure',
      target: `clip:${clipId}`,
      event: 'retention.delete.start',
      details: { reason, sha256: clip.sha256, path: clip.path, files: files.length },
    });
    return toTombstone(row);
  });
  return finishErasure(context, started, actor, steps);
}

/** Steps (b) and (c) of a deletion whose tombstone is written; `actor` is who finishes it. */
export async function finishErasure(context: ErasureContext, tombstone: Tombstone, actor: Actor, steps: ErasureSteps = {}): Promise<Tombstone> {
  const { clipId } = tombstone;
  await eraseFiles(clipId, tombstone.files, await originalOnDrive(clipId, context.stationDrive, tombstone.originalPath));
  await steps.afterFiles?.(tombstone);
  return context.db.transaction(async (manager) => {
    const repository = manager.getRepository(TombstoneEntity);
    const current = await repository.findOneByOrFail({ clipId });
    if (current.state === 'done') return toTombstone(current);
    await deleteClipRows(manager, tombstone, tombstone.files.some((file) => file.kind === 'derived'));
    const done: TombstoneRow = { ...current, state: 'done', completedUtc: new Date().toISOString() };
    await repository.save(done);
    await context.audit.append(manager, actor, {
      action: 'erasure',
      target: `clip:${clipId}`,
      event: 'retention.delete',
      details: { reason: tombstone.reason, sha256: tombstone.sha256, files: tombstone.files.length },
    });
    return toTombstone(done);
  });
}
