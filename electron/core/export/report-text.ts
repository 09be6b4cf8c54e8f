// German words and formats that Revier's PDF reports share: processing categories, roles, UTC
// times and numbers, independent of the machine's locale.
import type { AuditAction } from '../../../shared/api/audit.ts';

export const actionNames: Record<AuditAction, string> = {
  collection: 'Erhebung',
  alteration: 'Veränderung',
  consultation: 'Abfrage',
  disclosure: 'Offenlegung',
  combination: 'Verknüpfung',
  erasure: 'Löschung',
};
const roleNames: Record<string, string> = {
  investigator: 'Ermittler/in',
  supervisor: 'Dienstvorgesetzte/r',
  trainer: 'Trainer/in',
  dpo: 'Datenschutzbeauftragte/r',
  administrator: 'Administrator/in',
};

export const roleName = (role: string) => roleNames[role] ?? role;

/** `2024-03-01 12:00:04.250 UTC` for an ISO 8601 UTC time (without a fraction of zeros); anything else as it is. */
export function utcText(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(iso);
  if (!match) return iso;
  const fraction = match[3] && !/^\.0+$/.test(match[3]) ? match[3] : '';
  return `${match[1]} ${match[2]}${fraction} UTC`;
}

/** `1.234.567` (German digit grouping, independent of the machine's locale). */
export function grouped(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
