// The clip a hold, a processing lock or an early deletion is about: it exists and its deletion has
// not begun (a deletion once begun is finished whatever is asked for afterwards). And the word to
// the windows that its recording's marks (held, locked) changed, once the change is committed.
import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/database.ts';
import { ClipEntity, type ClipRow } from '../../db/entities/library.ts';
import { TombstoneEntity } from '../../db/entities/retention.ts';
import type { CoreEvents } from '../core-events.ts';
import { ServiceError } from '../service-error.ts';

export async function liveClip(manager: EntityManager, clipId: number): Promise<ClipRow> {
  const clip = await manager.getRepository(ClipEntity).findOneBy({ id: clipId });
  if (!clip) throw new ServiceError('not_found', `No clip with id ${clipId}`);
  const tombstone = await manager.getRepository(TombstoneEntity).findOneBy({ clipId });
  if (tombstone) throw new ServiceError('conflict', `Clip ${clipId} is being deleted (${tombstone.reason}, ordered by ${tombstone.orderedBy} at ${tombstone.startedUtc})`);
  return clip;
}

/** After the transaction of `manager` commits: tells the windows that the clip's recording changed. */
export async function announceClipChange(db: Database, events: CoreEvents, manager: EntityManager, clipId: number): Promise<void> {
  const clip = await manager.getRepository(ClipEntity).findOneBy({ id: clipId });
  if (clip) db.afterCommit(manager, () => events.emit('library.changed', { recordingIds: [clip.recordingId] }));
}
