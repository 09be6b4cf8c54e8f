// Rows of the data subjects' access requests (see migration CreateAccessRequests1766361600000).
import { EntitySchema } from 'typeorm';
import type { AccessRequestStatus } from '../../../shared/api/access-requests.ts';

export interface AccessRequestRow {
  id: number;
  /** Aktenzeichen or Vorgangsnummer of the request. */
  reference: string;
  /** Who asks, as they describe themselves (name, contact): free text. */
  subjectDescription: string;
  /** YYYY-MM-DD. */
  receivedDate: string;
  windowFromUtc: string;
  windowToUtc: string;
  officer: string | null;
  device: string | null;
  /** JSON array: the clips found when the request was recorded. */
  clipIds: string;
  status: AccessRequestStatus;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedUtc: string | null;
  /** The court-package export of a granted request. */
  exportId: string | null;
  createdBy: string;
  createdUtc: string;
}

export const AccessRequestEntity = new EntitySchema<AccessRequestRow>({
  name: 'AccessRequest',
  tableName: 'access_request',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    reference: { type: 'text' },
    subjectDescription: { type: 'text', name: 'subject_description' },
    receivedDate: { type: 'text', name: 'received_date' },
    windowFromUtc: { type: 'text', name: 'window_from_utc' },
    windowToUtc: { type: 'text', name: 'window_to_utc' },
    officer: { type: 'text', nullable: true },
    device: { type: 'text', nullable: true },
    clipIds: { type: 'text', name: 'clip_ids' },
    status: { type: 'text' },
    decisionReason: { type: 'text', name: 'decision_reason', nullable: true },
    decidedBy: { type: 'text', name: 'decided_by', nullable: true },
    decidedUtc: { type: 'text', name: 'decided_utc', nullable: true },
    exportId: { type: 'text', name: 'export_id', nullable: true },
    createdBy: { type: 'text', name: 'created_by' },
    createdUtc: { type: 'text', name: 'created_utc' },
  },
});

export const accessRequestEntities = [AccessRequestEntity];
