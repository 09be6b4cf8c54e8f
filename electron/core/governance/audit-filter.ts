// Which audit entries a reader asked for, as one query on the log. Times are stored as ISO 8601
// UTC text with milliseconds and compared as text, so every bound is first brought to that form.
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AuditAction } from '../../../shared/api/audit.ts';
import { AuditEntryEntity, type AuditEntryRow } from '../../db/entities/audit-entry.ts';

/** Each given field narrows the selection; none selects every entry. */
export interface EntrySelection {
  /** What the entries are about, e.g. `settings` or `clip:42`. */
  target?: string;
  userId?: string;
  action?: AuditAction;
  event?: string;
  /** At or after this time (ISO 8601). */
  from?: string;
  /** At or before this time (ISO 8601). */
  to?: string;
}

/** The selected entries, unordered: the caller orders and pages. */
export function selectEntries(manager: EntityManager, selection: EntrySelection): SelectQueryBuilder<AuditEntryRow> {
  const query = manager.getRepository(AuditEntryEntity).createQueryBuilder('e');
  if (selection.target !== undefined) query.andWhere('e.target = :target', { target: selection.target });
  if (selection.userId !== undefined) query.andWhere('e.user_id = :userId', { userId: selection.userId });
  if (selection.action !== undefined) query.andWhere('e.action = :action', { action: selection.action });
  if (selection.event !== undefined) query.andWhere('e.event = :event', { event: selection.event });
  if (selection.from !== undefined) query.andWhere('e.time >= :from', { from: storedTime(selection.from) });
  if (selection.to !== undefined) query.andWhere('e.time <= :to', { to: storedTime(selection.to) });
  return query;
}

/** An ISO 8601 time (any offset) as the log stores times: `2024-05-01T08:00:00.000Z`. */
function storedTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new RangeError(`Not an ISO 8601 time: "${iso}"`);
  return new Date(time).toISOString();
}
