// The one check before the footage of a clip is used. A processing lock that is `locked` (a home
// recording before the judge's decision) or `deletion-due` stops every opening and every export;
// a clip that was ever flagged (home or Kernbereich, even when a judge released it) never becomes
// training material (DOMAIN.md). The player and the export service call it; a refusal is logged
// like any other (`access.denied`, rule `processing-lock`).
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../../../shared/api/actor.ts';
import type { Permission } from '../../../../shared/api/permissions.ts';
import { ProcessingLockEntity, type ProcessingLockRow } from '../../../db/entities/retention.ts';
import type { Access, RuleBreach } from '../access.ts';

/** What the footage is used for: viewing or an export of it, or training material made of it. */
export type ClipUse = 'footage' | 'training';

const blocks = (lock: ProcessingLockRow): boolean => lock.status === 'locked' || lock.status === 'deletion-due';

/** The lock that forbids this use of the clip, or null. */
export async function blockingLock(manager: EntityManager, clipId: number, use: ClipUse): Promise<ProcessingLockRow | null> {
  const locks = await manager.getRepository(ProcessingLockEntity).find({ where: { clipId }, order: { id: 'ASC' } });
  return locks.find(blocks) ?? (use === 'training' ? (locks[0] ?? null) : null);
}

function breachOf(lock: ProcessingLockRow): RuleBreach {
  const what = lock.kind === 'home' ? 'recorded inside a home' : 'touching the core of private life (Kernbereich)';
  const details = { lockId: lock.id, lockKind: lock.kind, lockStatus: lock.status };
  if (!blocks(lock)) {
    return {
      rule: 'processing-lock',
      message: `Clip ${lock.clipId} was flagged as ${what} (processing lock ${lock.id}, released by ${lock.court} ${lock.fileNumber}): training material is never made from home or Kernbereich clips`,
      details,
    };
  }
  const state = lock.status === 'locked' ? "locked until a judge's decision is entered" : 'due for deletion by the next retention run';
  return {
    rule: 'processing-lock',
    message: `Clip ${lock.clipId} is under processing lock ${lock.id} (${what}, flagged by ${lock.flaggedBy}, ${state}): it may not be opened or exported`,
    details,
  };
}

/** Refuses, and logs the refusal, when a processing lock forbids this use of the clip. */
export async function requireUnlocked(access: Access, manager: EntityManager, actor: Actor, permission: Permission, clipId: number, use: ClipUse): Promise<void> {
  const lock = await blockingLock(manager, clipId, use);
  await access.requireRule(actor, permission, `clip:${clipId}`, lock && breachOf(lock));
}
