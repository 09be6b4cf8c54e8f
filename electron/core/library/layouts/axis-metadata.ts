// Axis metadata files (<container>.metadata.json, <container>.<object>.metadata.json): a flat
// JSON object of strings. The Axis example content destination writes the keys in Go's header
// spelling ('Starttimeiso'), the API documents 'StartTimeISO': keys match without regard to case.
// An empty value is an absent key (the example server deletes keys set to '').
import { z } from 'zod';
import type { SidecarProblem, TimeReading } from './recording-candidate.ts';
import { parseSidecarJson, sidecarProblem, type SidecarRead } from './sidecar-file.ts';
import { quoted } from './quoted.ts';
import { isoUtc, parseEpochSeconds, parseRfc3339, type TimeParse } from './utc-time.ts';

export interface AxisMetadata {
  file: string;
  /** Keys in lower case. */
  values: ReadonlyMap<string, string>;
}

const metadataSchema = z.record(z.string(), z.string());

export function parseAxisMetadata(text: string, file: string): SidecarRead<AxisMetadata> {
  const parsed = parseSidecarJson(text, file, metadataSchema);
  if (!parsed.ok) return parsed;
  const values = new Map(Object.entries(parsed.value).filter(([, v]) => v !== '').map(([k, v]) => [k.toLowerCase(), v] as const));
  return { ok: true, value: { file, values } };
}

/** A value by its API name ('TriggerOn'). */
export function metadataValue(metadata: AxisMetadata | null, key: string): string | undefined {
  return metadata?.values.get(key.toLowerCase());
}

export interface MetadataTime {
  ms: number;
  reading: TimeReading;
}

/**
 * A time from its RFC 3339 key ('StartTimeISO'), else from its epoch key ('StartTime'). A value
 * that cannot be read, or an epoch that contradicts the RFC 3339 value, is a problem.
 */
export function metadataTime(metadata: AxisMetadata | null, isoKey: string, epochKey: string | null, problems: SidecarProblem[]): MetadataTime | null {
  if (!metadata) return null;
  const read = (key: string, parse: (text: string) => TimeParse): MetadataTime | null => {
    const raw = metadataValue(metadata, key);
    if (raw === undefined) return null;
    const time = parse(raw);
    if (!time.ok) {
      problems.push(sidecarProblem(metadata.file, `has ${key} ${quoted(raw)}, which ${time.reason}`));
      return null;
    }
    return { ms: time.ms, reading: { source: 'sidecar', utc: isoUtc(time.ms), raw, note: `${key} in ${metadata.file.split('/').pop()}` } };
  };
  const iso = read(isoKey, parseRfc3339);
  const epoch = epochKey ? read(epochKey, parseEpochSeconds) : null;
  if (iso && epoch && Math.abs(iso.ms - epoch.ms) >= 1000) {
    problems.push(sidecarProblem(metadata.file, `has ${isoKey} ${quoted(iso.reading.raw)} but ${epochKey} ${quoted(epoch.reading.raw)} (${epoch.reading.utc}); ${isoKey} is used`));
  }
  return iso ?? epoch;
}
