import { EntitySchema } from 'typeorm';

/** One stored audit entry; `details` is canonical JSON text, exactly as it was hashed. */
export interface AuditEntryRow {
  sequence: number;
  time: string;
  userId: string;
  role: string;
  sessionId: string;
  action: string;
  target: string;
  event: string;
  details: string;
  previousHash: string;
  hash: string;
}

export const AuditEntryEntity = new EntitySchema<AuditEntryRow>({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  columns: {
    sequence: { type: 'integer', primary: true },
    time: { type: 'text' },
    userId: { type: 'text', name: 'user_id' },
    role: { type: 'text' },
    sessionId: { type: 'text', name: 'session_id' },
    action: { type: 'text' },
    target: { type: 'text' },
    event: { type: 'text' },
    details: { type: 'text' },
    previousHash: { type: 'text', name: 'previous_hash' },
    hash: { type: 'text' },
  },
});
