// The rows of a deleted clip, removed in the transaction that completes its tombstone: its
// annotations (hard-deleted: markers, redaction tracks with their keyframes by cascade, audio
// redactions), frame index, integrity alarms, case assignments (case_clip, by cascade), the clip,
// the derived_file rows of its original when its derived files went with it, and the recording
// once no clip of it is left. Holds and processing locks stay: with the tombstone they record why
// the clip was kept and why it was deleted.
import { In, type EntityManager } from 'typeorm';
import { AnnotationSetEntity, AudioRedactionEntity, MarkerEntity, RedactionTrackEntity } from '../../../db/entities/annotations.ts';
import { ClipEntity, DerivedFileEntity, FrameIndexEntity, IntegrityAlarmEntity, RecordingEntity } from '../../../db/entities/library.ts';
import type { TombstoneRow } from '../../../db/entities/retention.ts';

export async function deleteClipRows(manager: EntityManager, tombstone: Pick<TombstoneRow, 'clipId' | 'recordingId' | 'sha256'>, withDerived: boolean): Promise<void> {
  const { clipId, recordingId } = tombstone;
  const sets = await manager.getRepository(AnnotationSetEntity).findBy({ clipId });
  if (sets.length > 0) {
    const setId = In(sets.map((set) => set.id));
    for (const entity of [MarkerEntity, RedactionTrackEntity, AudioRedactionEntity]) await manager.getRepository(entity).delete({ setId });
    await manager.getRepository(AnnotationSetEntity).delete({ clipId });
  }
  await manager.getRepository(FrameIndexEntity).delete({ clipId });
  await manager.getRepository(IntegrityAlarmEntity).delete({ clipId });
  if (withDerived) await manager.getRepository(DerivedFileEntity).delete({ parentSha256: tombstone.sha256 });
  await manager.getRepository(ClipEntity).delete({ id: clipId });
  if (!(await manager.getRepository(ClipEntity).existsBy({ recordingId }))) await manager.getRepository(RecordingEntity).delete({ id: recordingId });
}
