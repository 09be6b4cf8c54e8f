// Rows of the retention tables (see migration CreateRetention1766016000000).
import { EntitySchema } from 'typeorm';
import type { holdReasons, tombstoneReasons } from '../../../shared/api/retention.ts';


export interface HoldRow {
  id: number;
  clipId: number;
  reason: (typeof holdReasons)[number];
  caseReference: string;
  /** The date (YYYY-MM-DD) by which the hold must be reviewed. */
  reviewDate: string;
  note: string;
  /** `requested` until a supervisor other than the requester approves it. */
  status: 'requested' | 'active' | 'rejected' | 'lifted';
  requestedBy: string;
  requestedUtc: string;
  approvedBy: string | null;
  approvedUtc: string | null;
  liftedBy: string | null;
  liftedUtc: string | null;
}

export const HoldEntity = new EntitySchema<HoldRow>({
  name: 'Hold',
  tableName: 'hold',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    clipId: { type: 'integer', name: 'clip_id' },
    reason: { type: 'text' },
    caseReference: { type: 'text', name: 'case_reference' },
    reviewDate: { type: 'text', name: 'review_date' },
    note: { type: 'text' },
    status: { type: 'text' },
    requestedBy: { type: 'text', name: 'requested_by' },
    requestedUtc: { type: 'text', name: 'requested_utc' },
    approvedBy: { type: 'text', name: 'approved_by', nullable: true },
    approvedUtc: { type: 'text', name: 'approved_utc', nullable: true },
    liftedBy: { type: 'text', name: 'lifted_by', nullable: true },
    liftedUtc: { type: 'text', name: 'lifted_utc', nullable: true },
  },
});

export interface ProcessingLockRow {
  id: number;
  clipId: number;
  /** `home`: recorded inside a home, locked until a judge decides; `kernbereich`: core of private life. */
  kind: 'home' | 'kernbereich';
  /** `deletion-due`: a judge found the recording unlawful, or it touches the Kernbereich. */
  status: 'locked' | 'released' | 'deletion-due';
  note: string;
  flaggedBy: string;
  flaggedUtc: string;
  court: string | null;
  fileNumber: string | null;
  decisionDate: string | null;
  outcome: 'lawful' | 'unlawful' | null;
  decidedBy: string | null;
  decidedUtc: string | null;
}

export const ProcessingLockEntity = new EntitySchema<ProcessingLockRow>({
  name: 'ProcessingLock',
  tableName: 'processing_lock',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    clipId: { type: 'integer', name: 'clip_id' },
    kind: { type: 'text' },
    status: { type: 'text' },
    note: { type: 'text' },
    flaggedBy: { type: 'text', name: 'flagged_by' },
    flaggedUtc: { type: 'text', name: 'flagged_utc' },
    court: { type: 'text', nullable: true },
    fileNumber: { type: 'text', name: 'file_number', nullable: true },
    decisionDate: { type: 'text', name: 'decision_date', nullable: true },
    outcome: { type: 'text', nullable: true },
    decidedBy: { type: 'text', name: 'decided_by', nullable: true },
    decidedUtc: { type: 'text', name: 'decided_utc', nullable: true },
  },
});

export interface TombstoneRow {
  clipId: number;
  recordingId: number;
  sha256: string;
  device: string | null;
  officer: string | null;
  startUtc: string | null;
  endUtc: string | null;
  originalPath: string;
  sizeBytes: number;
  reason: (typeof tombstoneReasons)[number];
  /** Who ordered the deletion: a user id, or `system` for the retention job. */
  orderedBy: string;
  startedUtc: string;
  completedUtc: string | null;
  /** `deleting` until every file and row is gone: a run that finds one finishes it first. */
  state: 'deleting' | 'done';
  /** JSON array of what was deleted (kind and path; never content). */
  files: string;
}

export const TombstoneEntity = new EntitySchema<TombstoneRow>({
  name: 'Tombstone',
  tableName: 'tombstone',
  columns: {
    clipId: { type: 'integer', name: 'clip_id', primary: true },
    recordingId: { type: 'integer', name: 'recording_id' },
    sha256: { type: 'text' },
    device: { type: 'text', nullable: true },
    officer: { type: 'text', nullable: true },
    startUtc: { type: 'text', name: 'start_utc', nullable: true },
    endUtc: { type: 'text', name: 'end_utc', nullable: true },
    originalPath: { type: 'text', name: 'original_path' },
    sizeBytes: { type: 'integer', name: 'size_bytes' },
    reason: { type: 'text' },
    orderedBy: { type: 'text', name: 'ordered_by' },
    startedUtc: { type: 'text', name: 'started_utc' },
    completedUtc: { type: 'text', name: 'completed_utc', nullable: true },
    state: { type: 'text' },
    files: { type: 'text' },
  },
});

export interface AuditPurgeRow {
  id: number;
  /** The last purged entry: the kept chain continues from its hash. */
  throughSequence: number;
  throughHash: string;
  entries: number;
  oldestTime: string;
  newestTime: string;
  purgedUtc: string;
}

export const AuditPurgeEntity = new EntitySchema<AuditPurgeRow>({
  name: 'AuditPurge',
  tableName: 'audit_purge',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    throughSequence: { type: 'integer', name: 'through_sequence' },
    throughHash: { type: 'text', name: 'through_hash' },
    entries: { type: 'integer' },
    oldestTime: { type: 'text', name: 'oldest_time' },
    newestTime: { type: 'text', name: 'newest_time' },
    purgedUtc: { type: 'text', name: 'purged_utc' },
  },
});

export const retentionEntities = [HoldEntity, ProcessingLockEntity, TombstoneEntity, AuditPurgeEntity];
