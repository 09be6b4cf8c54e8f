// What a retention run at a given time would do: the clips it deletes (with reason and date) and
// the clips past their date that it keeps (with the hold or lock that keeps them), for the UI and
// the data protection officer. Deletions that started and did not finish are listed apart: a run
// finishes them first, whatever holds or locks their clip has now.
import type { EntityManager } from 'typeorm';
import { readRetentionFacts } from './retention-facts.ts';
import type { DueClip, KeptClip, RetentionPreview } from '../../../../shared/api/retention.ts';
import { decideRetention, type ClipRetentionFacts } from './retention-rule.ts';
import type { DeletionDate } from './deletion-date.ts';
import { readTombstones } from './tombstones.ts';

function clipFacts({ clip, recording }: ClipRetentionFacts, deletion: DeletionDate) {
  return {
    clipId: clip.id,
    recordingId: clip.recordingId,
    path: clip.path,
    sha256: clip.sha256,
    officer: recording.officer,
    device: recording.device,
    startUtc: recording.startUtc,
    endUtc: recording.endUtc,
    deletionUtc: deletion.deletionUtc,
    deletionBasis: deletion.basis,
  };
}

export async function retentionPreview(manager: EntityManager, retentionDays: number, now: Date): Promise<RetentionPreview> {
  const unfinished = await readTombstones(manager, 'deleting');
  const deleting = new Set(unfinished.map((tombstone) => tombstone.clipId));
  const due: DueClip[] = [];
  const kept: KeptClip[] = [];
  for (const facts of await readRetentionFacts(manager)) {
    if (deleting.has(facts.clip.id)) continue;
    const decision = decideRetention(facts, retentionDays, now);
    if (decision.status === 'due') due.push({ ...clipFacts(facts, decision.deletion), reason: decision.reason });
    if (decision.status === 'kept') kept.push({ ...clipFacts(facts, decision.deletion), keptBy: decision.keptBy });
  }
  return { at: now.toISOString(), retentionDays, due, kept, unfinished };
}
