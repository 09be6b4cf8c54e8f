// The Axis GNSS trail (<date>_<time>_<id>_<bwcid>_gpstrail.json): CoordinateEntries with a WKT
// point 'POINT(lon lat)', seconds from the recording's StartTime and a UTC timestamp. A bad entry
// is skipped and counted in one problem; the rest of the trail is kept.
import { z } from 'zod';
import type { GpsPoint, SidecarProblem, TimeReading } from './recording-candidate.ts';
import { describeIssues, parseSidecarJson, sidecarProblem } from './sidecar-file.ts';
import { quoted } from './quoted.ts';
import { checkedTime, isoUtc, parseRfc3339 } from './utc-time.ts';

const trailSchema = z.object({ CoordinateEntries: z.array(z.unknown()) });
const entrySchema = z.object({ LocationWKT: z.string(), SecondsFromStart: z.number().min(0), Timestamp: z.string() });
const WKT_POINT = /^POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$/i;

export interface AxisGpsTrail {
  points: GpsPoint[];
  /** The recording start the trail implies: first Timestamp minus its SecondsFromStart. */
  start: TimeReading | null;
  problems: SidecarProblem[];
}

interface TrailEntry {
  point: GpsPoint;
  ms: number;
  secondsFromStart: number;
  timestamp: string;
}

function readEntry(entry: unknown): TrailEntry | string {
  const parsed = entrySchema.safeParse(entry);
  if (!parsed.success) return describeIssues(parsed.error.issues);
  const { LocationWKT, SecondsFromStart, Timestamp } = parsed.data;
  const wkt = WKT_POINT.exec(LocationWKT.trim());
  const lon = Number(wkt?.[1]);
  const lat = Number(wkt?.[2]);
  if (!wkt || Math.abs(lat) > 90 || Math.abs(lon) > 180) return `LocationWKT ${quoted(LocationWKT)} is not POINT(longitude latitude)`;
  const time = parseRfc3339(Timestamp);
  if (!time.ok) return `Timestamp ${quoted(Timestamp)} ${time.reason}`;
  return { point: { utc: isoUtc(time.ms), lat, lon, accuracyM: null }, ms: time.ms, secondsFromStart: SecondsFromStart, timestamp: Timestamp };
}

export function parseAxisGpsTrail(text: string, file: string): AxisGpsTrail {
  const parsed = parseSidecarJson(text, file, trailSchema);
  if (!parsed.ok) return { points: [], start: null, problems: [parsed.problem] };
  const entries: TrailEntry[] = [];
  const skipped: string[] = [];
  parsed.value.CoordinateEntries.forEach((raw, i) => {
    const entry = readEntry(raw);
    if (typeof entry === 'string') skipped.push(`entry ${i + 1}: ${entry}`);
    else entries.push(entry);
  });
  const problems = skipped.length
    ? [sidecarProblem(file, `has ${skipped.length} of ${parsed.value.CoordinateEntries.length} GPS entries that were skipped: ${skipped.slice(0, 3).join('; ')}`)]
    : [];
  entries.sort((a, b) => a.secondsFromStart - b.secondsFromStart);
  const first = entries[0];
  const startMs = first ? checkedTime(first.ms - Math.round(first.secondsFromStart * 1000)) : null;
  const start: TimeReading | null =
    first && startMs?.ok
      ? { source: 'gps', utc: isoUtc(startMs.ms), raw: first.timestamp, note: `GPS trail Timestamp minus SecondsFromStart ${first.secondsFromStart} s` }
      : null;
  return { points: entries.map((e) => e.point).sort((a, b) => (a.utc < b.utc ? -1 : a.utc > b.utc ? 1 : 0)), start, problems };
}
