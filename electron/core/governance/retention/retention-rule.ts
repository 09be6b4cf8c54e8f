// Whether a clip is due for deletion at a given time. The clock is an argument, so that a preview
// can ask about any day and a test about any age. Due: the deletion date has passed and no hold
// that is requested or active and no processing lock that is still `locked` keeps the clip. A lock
// in state `deletion-due` (a judge found a home recording unlawful, or the clip touches the
// Kernbereich) makes the clip due at once, whatever its date and any hold: that deletion is the
// law's order, not the end of a period.
import type { ClipRow, RecordingRow } from '../../../db/entities/library.ts';
import type { HoldRow, ProcessingLockRow } from '../../../db/entities/retention.ts';
import { deletionDate, type DeletionDate } from './deletion-date.ts';
import type { Keeping, TombstoneReason } from '../../../../shared/api/retention.ts';

export interface ClipRetentionFacts {
  clip: Pick<ClipRow, 'id' | 'recordingId' | 'path' | 'sha256'>;
  recording: Pick<RecordingRow, 'officer' | 'device' | 'startUtc' | 'endUtc' | 'firstSeenUtc'>;
  /** The durations of every clip of the recording, in order. */
  recordingClipSeconds: (number | null)[];
  holds: HoldRow[];
  locks: ProcessingLockRow[];
}

export type RetentionDecision =
  | { status: 'due'; reason: TombstoneReason; deletion: DeletionDate }
  | { status: 'kept'; keptBy: Keeping[]; deletion: DeletionDate }
  | { status: 'not-yet'; deletion: DeletionDate };

type KeepingHold = HoldRow & { status: 'requested' | 'active' };

const keepsClip = (hold: HoldRow): hold is KeepingHold => hold.status === 'requested' || hold.status === 'active';

export function decideRetention(facts: ClipRetentionFacts, retentionDays: number, now: Date): RetentionDecision {
  const deletion = deletionDate(facts.recording, facts.recordingClipSeconds, retentionDays);
  const ordered = facts.locks.filter((lock) => lock.status === 'deletion-due');
  if (ordered.length > 0) return { status: 'due', reason: ordered.some((lock) => lock.kind === 'kernbereich') ? 'kernbereich' : 'lock-refused', deletion };
  if (now.getTime() < Date.parse(deletion.deletionUtc)) return { status: 'not-yet', deletion };
  const keptBy: Keeping[] = [
    ...facts.holds.filter(keepsClip).map((hold): Keeping => ({
      kind: 'hold',
      holdId: hold.id,
      status: hold.status,
      reason: hold.reason,
      caseReference: hold.caseReference,
      reviewDate: hold.reviewDate,
    })),
    ...facts.locks.filter((lock) => lock.status === 'locked').map((lock): Keeping => ({ kind: 'lock', lockId: lock.id, lockKind: lock.kind })),
  ];
  return keptBy.length > 0 ? { status: 'kept', keptBy, deletion } : { status: 'due', reason: 'retention', deletion };
}
