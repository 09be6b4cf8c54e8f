// Rows of the export table (see migration CreateExports1765324800000).
import { EntitySchema } from 'typeorm';
import type { ExportStatus } from '../../../shared/api/exports.ts';

export interface ExportJobRow {
  id: string;
  kind: 'court' | 'training' | 'still';
  status: ExportStatus;
  createdUtc: string;
  finishedUtc: string | null;
  userId: string;
  caseReference: string | null;
  recipient: string | null;
  /** JSON array of clip ids. */
  clipIds: string;
  /** JSON of the request as the contract parsed it. */
  request: string;
  output: string | null;
  sha256: string | null;
  /** JSON array of ExportedFile. */
  files: string;
  error: string | null;
  /** The process running the job, `<host>:<pid>`: a job whose process is gone was interrupted. */
  runner: string;
}

export const ExportJobEntity = new EntitySchema<ExportJobRow>({
  name: 'ExportJob',
  tableName: 'export_job',
  columns: {
    id: { type: 'text', primary: true },
    kind: { type: 'text' },
    status: { type: 'text' },
    createdUtc: { type: 'text', name: 'created_utc' },
    finishedUtc: { type: 'text', name: 'finished_utc', nullable: true },
    userId: { type: 'text', name: 'user_id' },
    caseReference: { type: 'text', name: 'case_reference', nullable: true },
    recipient: { type: 'text', nullable: true },
    clipIds: { type: 'text', name: 'clip_ids' },
    request: { type: 'text' },
    output: { type: 'text', nullable: true },
    sha256: { type: 'text', nullable: true },
    files: { type: 'text' },
    error: { type: 'text', nullable: true },
    runner: { type: 'text' },
  },
});
