// GPS from a Motorola '.vtt': each cue's payload is a JSON position ('{"lat":48.7769,"lon":9.1755}')
// at the cue's offset into the clip, placed in time from the clip's start.
import { z } from 'zod';
import type { GpsPoint, SidecarProblem, TimeReading } from './recording-candidate.ts';
import { quoted } from './quoted.ts';
import { readSidecarText, sidecarProblem } from './sidecar-file.ts';
import { checkedTime, isoUtc } from './utc-time.ts';
import { parseWebVtt, type WebVttDocument } from './webvtt.ts';

const gpsPayloadSchema = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

/** GPS points from the cues, placed at the clip start plus each cue's start. */
export function gpsFromCues(document: WebVttDocument, clipStartMs: number): { points: GpsPoint[]; skipped: string[] } {
  const points: GpsPoint[] = [];
  const skipped = [...document.skipped];
  for (const cue of document.cues) {
    let payload: unknown;
    try {
      payload = JSON.parse(cue.payload);
    } catch {
      payload = null;
    }
    const position = gpsPayloadSchema.safeParse(payload);
    const time = checkedTime(clipStartMs + cue.startMs);
    if (!position.success) skipped.push(`line ${cue.line}: payload ${quoted(cue.payload)} is not {"lat":…,"lon":…}`);
    else if (!time.ok) skipped.push(`line ${cue.line}: cue time ${time.reason}`);
    else points.push({ utc: isoUtc(time.ms), lat: position.data.lat, lon: position.data.lon, accuracyM: null });
  }
  return { points, skipped };
}

export async function readGpsTrack(drive: string, path: string, clipStart: TimeReading | undefined): Promise<{ points: GpsPoint[]; problem: SidecarProblem | null }> {
  const text = await readSidecarText(drive, path);
  if (!text.ok) return { points: [], problem: text.problem };
  const document = parseWebVtt(text.value);
  if (!document.ok) return { points: [], problem: sidecarProblem(path, document.reason) };
  if (!clipStart) return { points: [], problem: sidecarProblem(path, 'cannot be placed in time: neither the .json sidecar nor the clip name gives the start') };
  const { points, skipped } = gpsFromCues(document.value, Date.parse(clipStart.utc));
  const problem = skipped.length ? sidecarProblem(path, `has ${skipped.length} cue(s) that were skipped: ${skipped.slice(0, 3).join('; ')}`) : null;
  return { points, problem };
}
