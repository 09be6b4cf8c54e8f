// The facts the retention rule decides on, read from the library and the retention tables: each
// clip with its recording, the durations of its recording's clips, its holds and its locks. Only
// the holds and locks that can keep or condemn a clip are read (lifted, rejected and released
// ones are history).
import { In, type EntityManager } from 'typeorm';
import { ClipEntity, RecordingEntity } from '../../../db/entities/library.ts';
import { HoldEntity, ProcessingLockEntity } from '../../../db/entities/retention.ts';
import { ServiceError } from '../../service-error.ts';
import type { ClipRetentionFacts } from './retention-rule.ts';

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** Every clip of the station, or of one recording, in id order. */
export async function readRetentionFacts(manager: EntityManager, scope: { recordingId?: number } = {}): Promise<ClipRetentionFacts[]> {
  const oneRecording = scope.recordingId !== undefined;
  const clips = await manager.getRepository(ClipEntity).find({
    select: { id: true, recordingId: true, path: true, sha256: true, durationSeconds: true },
    where: oneRecording ? { recordingId: scope.recordingId } : {},
    order: { id: 'ASC' },
  });
  const recordings = await manager.getRepository(RecordingEntity).find({
    select: { id: true, officer: true, device: true, startUtc: true, endUtc: true, firstSeenUtc: true },
    where: oneRecording ? { id: scope.recordingId } : {},
  });
  const ofClips = oneRecording ? { clipId: In(clips.map((clip) => clip.id)) } : {};
  const holds = await manager.getRepository(HoldEntity).find({ where: { ...ofClips, status: In(['requested', 'active']) }, order: { id: 'ASC' } });
  const locks = await manager.getRepository(ProcessingLockEntity).find({ where: { ...ofClips, status: In(['locked', 'deletion-due']) }, order: { id: 'ASC' } });
  const recordingById = new Map(recordings.map((recording) => [recording.id, recording]));
  const clipsOfRecording = groupBy(clips, (clip) => clip.recordingId);
  const holdsOfClip = groupBy(holds, (hold) => hold.clipId);
  const locksOfClip = groupBy(locks, (lock) => lock.clipId);
  return clips.map((clip) => {
    const recording = recordingById.get(clip.recordingId);
    if (!recording) throw new ServiceError('internal', `Clip ${clip.id} refers to recording ${clip.recordingId}, which does not exist`);
    return {
      clip,
      recording,
      recordingClipSeconds: (clipsOfRecording.get(clip.recordingId) ?? []).map((sibling) => sibling.durationSeconds),
      holds: holdsOfClip.get(clip.id) ?? [],
      locks: locksOfClip.get(clip.id) ?? [],
    };
  });
}
