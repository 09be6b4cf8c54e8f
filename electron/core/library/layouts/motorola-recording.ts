// Motorola (VB400 class) exports: a clip '<officer>_<YYYYMMDDTHHMMSSZ>.mp4' with a '.json' sidecar
// and a WebVTT '.vtt' GPS track beside it. The sidecar's clocks come before the name's; without
// a usable sidecar the name still gives officer and start.
import { folderOf, joinPath, type FolderListing } from './folder-listing.ts';
import { readGpsTrack } from './motorola-gps.ts';
import { motorolaSidecarSchema, type MotorolaSidecar } from './motorola-sidecar.ts';
import { blankCandidate, type RecordingCandidate, type TimeReading } from './recording-candidate.ts';
import { readSidecarJson } from './sidecar-file.ts';
import { isoUtc, parseUtcDigits } from './utc-time.ts';

const CLIP_NAME = /^(.+)_(\d{8})T(\d{6})Z$/;

/** The sidecars beside a clip: same name, '.json' and '.vtt' (any case). */
function siblings(names: ReadonlySet<string>, base: string): { json?: string; vtt?: string } {
  const found: { json?: string; vtt?: string } = {};
  for (const name of names) {
    const lower = name.toLowerCase();
    if (lower === `${base.toLowerCase()}.json`) found.json = name;
    if (lower === `${base.toLowerCase()}.vtt`) found.vtt = name;
  }
  return found;
}

function applySidecar(candidate: RecordingCandidate, sidecar: MotorolaSidecar, name: string): void {
  const { device, officer, recording: r } = sidecar;
  candidate.officer = officer.id;
  candidate.device = device.serial;
  candidate.start.push({ source: 'sidecar', utc: isoUtc(r.startUtc.ms), raw: r.startUtc.raw, note: `recording.startUtc in ${name}` });
  candidate.end.push({ source: 'sidecar', utc: isoUtc(r.endUtc.ms), raw: r.endUtc.raw, note: `recording.endUtc in ${name}` });
  candidate.triggers.push({ reason: r.triggerReason, utc: isoUtc(r.triggerUtc.ms) });
  if (r.preRecordSeconds > 0) {
    const preStart = r.triggerUtc.ms - Math.round(r.preRecordSeconds * 1000);
    candidate.preRecord = { startUtc: isoUtc(preStart), endUtc: isoUtc(r.triggerUtc.ms), hasAudio: r.preRecordAudio };
  }
}

/** The clip as a Motorola recording, or null when no '.json' or '.vtt' sidecar lies beside it. */
export async function recogniseMotorola(drive: string, clip: string, listing: FolderListing): Promise<RecordingCandidate | null> {
  const folder = folderOf(clip);
  const name = clip.slice(folder ? folder.length + 1 : 0);
  const base = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
  const { json, vtt } = siblings(await listing(folder), base);
  if (!json && !vtt) return null;
  const candidate = blankCandidate(`motorola:${clip}`, 'motorola', [clip]);
  const named = CLIP_NAME.exec(base);
  const nameTime = named ? parseUtcDigits(named[2] ?? '', named[3] ?? '') : null;
  const fileNameReading: TimeReading | null = nameTime?.ok ? { source: 'file-name', utc: isoUtc(nameTime.ms), raw: `${named?.[2]}T${named?.[3]}Z`, note: 'clip name, UTC' } : null;
  candidate.officer = named?.[1] ?? null;

  if (json) {
    const path = joinPath(folder, json);
    candidate.sidecars.push(path);
    const sidecar = await readSidecarJson(drive, path, motorolaSidecarSchema);
    if (sidecar.ok) applySidecar(candidate, sidecar.value, json);
    else candidate.problems.push(sidecar.problem);
  }
  if (fileNameReading) candidate.start.push(fileNameReading);

  if (vtt) {
    const path = joinPath(folder, vtt);
    candidate.sidecars.push(path);
    const track = await readGpsTrack(drive, path, candidate.start[0]);
    candidate.gps = track.points;
    if (track.problem) candidate.problems.push(track.problem);
  }
  return candidate;
}
