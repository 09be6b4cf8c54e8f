// The library's list query in SQL: every filter, the search and the sort run in the database, so
// the renderer only ever holds the window of rows it shows.
import type { LibraryQuery, RecordingStatus } from '../../../shared/api/library.ts';

type ParsedQuery = Required<Pick<LibraryQuery, 'sort' | 'descending' | 'offset' | 'limit'>> & LibraryQuery;

/** SQL that is true when a recording `r` has a status. */
export const statusCondition: Record<RecordingStatus, string> = {
  new: 'r.reviewed_utc IS NULL',
  reviewed: 'r.reviewed_utc IS NOT NULL',
  'has-markers': '0',
  missing: "EXISTS (SELECT 1 FROM clip c WHERE c.recording_id = r.id AND c.state = 'missing')",
  'integrity-alarm': "EXISTS (SELECT 1 FROM clip c WHERE c.recording_id = r.id AND c.state = 'changed')",
  error:
    '(EXISTS (SELECT 1 FROM clip c WHERE c.recording_id = r.id AND c.problem_code IS NOT NULL) OR EXISTS (SELECT 1 FROM file_problem p WHERE p.recording_key = r.key))',
  held: "EXISTS (SELECT 1 FROM clip c JOIN hold h ON h.clip_id = c.id WHERE c.recording_id = r.id AND h.status IN ('requested', 'active'))",
  locked: "EXISTS (SELECT 1 FROM clip c JOIN processing_lock l ON l.clip_id = c.id WHERE c.recording_id = r.id AND l.status IN ('locked', 'deletion-due'))",
};

const durationSql = "(julianday(r.end_utc) - julianday(r.start_utc)) * 86400.0";

const sortColumns: Record<ParsedQuery['sort'], string> = {
  start: 'r.start_utc',
  officer: 'r.officer',
  device: 'r.device',
  duration: durationSql,
};

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clause of a query, within what the actor may see (`visible`, SQL on `r`; empty: all). */
export function libraryWhere(query: LibraryQuery, visible: { sql: string; parameters: unknown[] }): { sql: string; parameters: unknown[] } {
  const conditions: string[] = visible.sql ? [visible.sql] : [];
  const parameters: unknown[] = [...visible.parameters];
  if (query.fromUtc) {
    conditions.push('r.start_utc >= ?');
    parameters.push(query.fromUtc);
  }
  if (query.toUtc) {
    conditions.push('r.start_utc <= ?');
    parameters.push(query.toUtc);
  }
  if (query.officer) {
    conditions.push('r.officer = ?');
    parameters.push(query.officer);
  }
  if (query.device) {
    conditions.push('r.device = ?');
    parameters.push(query.device);
  }
  if (query.status) conditions.push(statusCondition[query.status]);
  for (const word of (query.text ?? '').trim().split(/\s+/).filter(Boolean)) {
    conditions.push("r.search_text LIKE ? ESCAPE '\\'");
    parameters.push(likePattern(word));
  }
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', parameters };
}

export function libraryOrder(query: ParsedQuery): string {
  const direction = query.descending ? 'DESC' : 'ASC';
  return `ORDER BY ${sortColumns[query.sort]} IS NULL, ${sortColumns[query.sort]} ${direction}, r.id ${direction}`;
}

export function durationSeconds(startUtc: string | null, endUtc: string | null): number | null {
  if (!startUtc || !endUtc) return null;
  return (Date.parse(endUtc) - Date.parse(startUtc)) / 1000;
}
