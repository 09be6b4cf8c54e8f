// A clip's regular deletion date (Löschfrist): its recording's end in UTC plus the station's
// retention days (DOMAIN.md: in BW at the latest 28 days after the recording ended). Every clip
// of a recording shares the recording's date. A recording without an end time counts from:
//   1. its start plus the durations of all its clips (what the ingest stores when the camera wrote
//      no end; used for rows where that was not possible), else
//   2. the time the station first saw it: the recording had ended before it reached the drive, so
//      this date is never earlier than the true one: such a clip is kept too long rather than
//      deleted too early, and the preview names the basis so the DPO sees it.
import type { RecordingRow } from '../../../db/entities/library.ts';
import type { DeletionBasis } from '../../../../shared/api/retention.ts';

const dayMs = 24 * 60 * 60 * 1000;

export interface DeletionDate {
  deletionUtc: string;
  basis: DeletionBasis;
}

export function deletionDate(
  recording: Pick<RecordingRow, 'startUtc' | 'endUtc' | 'firstSeenUtc'>,
  clipSeconds: readonly (number | null)[],
  retentionDays: number,
): DeletionDate {
  const after = (fromMs: number, basis: DeletionBasis): DeletionDate => ({ deletionUtc: new Date(fromMs + retentionDays * dayMs).toISOString(), basis });
  if (recording.endUtc) return after(Date.parse(recording.endUtc), 'recording-end');
  const known = clipSeconds.filter((seconds): seconds is number => seconds !== null);
  if (recording.startUtc && known.length > 0 && known.length === clipSeconds.length) {
    const total = known.reduce((sum, seconds) => sum + seconds, 0);
    return after(Date.parse(recording.startUtc) + total * 1000, 'start-plus-durations');
  }
  return after(Date.parse(recording.firstSeenUtc), 'first-seen');
}
