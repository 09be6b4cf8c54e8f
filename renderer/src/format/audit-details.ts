// A short, readable summary of an audit entry's details (any JSON object) for one table cell.
// Pure, tested in Node. A `changes` object ({ key: { from, to } }) becomes `key: from → to`.

export type DetailPart =
  | { kind: 'value'; key: string; value: string }
  | { kind: 'change'; key: string; from: string; to: string };

export interface ValueWords {
  yes: string;
  no: string;
  empty: string;
}

const maxValueLength = 80;

function truncate(text: string): string {
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
}

export function formatDetailValue(value: unknown, words: ValueWords): string {
  if (value === null || value === undefined || value === '') return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'string') return truncate(value);
  if (typeof value === 'number') return String(value);
  return truncate(JSON.stringify(value));
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value;
}

export function detailParts(details: Record<string, unknown>, words: ValueWords): DetailPart[] {
  const parts: DetailPart[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (key === 'changes' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [changedKey, change] of Object.entries(value)) {
        if (isChange(change)) {
          parts.push({
            kind: 'change',
            key: changedKey,
            from: formatDetailValue(change.from, words),
            to: formatDetailValue(change.to, words),
          });
        } else {
          parts.push({ kind: 'value', key: changedKey, value: formatDetailValue(change, words) });
        }
      }
      continue;
    }
    parts.push({ kind: 'value', key, value: formatDetailValue(value, words) });
  }
  return parts;
}
