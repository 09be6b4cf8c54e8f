// One Axis recording folder as a recording: its clips (several are one split recording, played
// in order of their start), clocks, trigger, pre-record, GNSS trail and bookmarks. Start clocks,
// best first: the metadata StartTime (sidecar), the first clip's name (file-name), the folder
// name's TriggerOnTime (file-name; later than the start by any pre-record), the GNSS trail (gps).
import { readAxisBookmark } from './axis-bookmarks.ts';
import { axisSidecars, isBookmarkName, isGpsTrailName, orphanMetadataProblems, readAxisMetadata, type AxisFolder } from './axis-folder.ts';
import { parseAxisGpsTrail, type AxisGpsTrail } from './axis-gps-trail.ts';
import { metadataTime, metadataValue, type AxisMetadata } from './axis-metadata.ts';
import { axisClipName, type AxisContainerName } from './axis-names.ts';
import { joinPath, type FolderListing } from './folder-listing.ts';
import { isTimeZone } from './local-time.ts';
import { blankCandidate, type RecordingCandidate, type TimeReading } from './recording-candidate.ts';
import { readSidecarText, sidecarProblem } from './sidecar-file.ts';
import { quoted } from './quoted.ts';
import { isoUtc } from './utc-time.ts';

const byUtc = <T extends { utc: string }>(a: T, b: T) => (a.utc < b.utc ? -1 : a.utc > b.utc ? 1 : 0);

async function orderedClips(folder: AxisFolder, clipNames: ReadonlySet<string>) {
  const clips = [];
  for (const name of [...clipNames].sort()) {
    const metadata = await readAxisMetadata(folder, name);
    const start = metadataTime(metadata, 'StartTimeISO', 'StartTime', folder.problems);
    const stop = metadataTime(metadata, 'StopTimeISO', 'StopTime', folder.problems);
    const named = axisClipName(name);
    clips.push({ name, start, stop, named, at: start?.ms ?? named?.startMs ?? 0 });
  }
  return clips.sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : 1));
}

async function readTrails(folder: AxisFolder): Promise<AxisGpsTrail[]> {
  const trails = [];
  for (const name of [...folder.names].filter(isGpsTrailName).sort()) {
    const file = joinPath(folder.folder, name);
    const text = await readSidecarText(folder.drive, file);
    trails.push(text.ok ? parseAxisGpsTrail(text.value, file) : { points: [], start: null, problems: [text.problem] });
  }
  return trails;
}

function recordingTimeZone(folder: AxisFolder, recording: AxisMetadata | null): string | null {
  const timeZone = metadataValue(recording, 'TimeZone');
  if (!timeZone || !recording) return null;
  if (isTimeZone(timeZone)) return timeZone;
  folder.problems.push(sidecarProblem(recording.file, `has TimeZone ${quoted(timeZone)}, which is not an IANA time zone`));
  return null;
}

export async function recogniseAxis(drive: string, folderPath: string, container: AxisContainerName, clips: string[], listing: FolderListing): Promise<RecordingCandidate> {
  const candidate = blankCandidate(`axis:${folderPath}`, 'axis', []);
  const folder: AxisFolder = { drive, folder: folderPath, container, names: await listing(folderPath), problems: candidate.problems };
  const clipNames = new Set(clips.map((clip) => clip.slice(clip.lastIndexOf('/') + 1)));
  const recording = await readAxisMetadata(folder, null);
  const ordered = await orderedClips(folder, clipNames);
  const first = ordered[0];
  const recordingStart = metadataTime(recording, 'StartTimeISO', 'StartTime', folder.problems);
  const trigger = metadataTime(recording, 'TriggerOnTimeISO', 'TriggerOnTime', folder.problems);
  const trails = await readTrails(folder);

  candidate.clips = ordered.map((clip, order) => ({ path: joinPath(folderPath, clip.name), order }));
  candidate.officer = container.user;
  candidate.device = container.serial;
  const start: (TimeReading | null | undefined)[] = [
    recordingStart?.reading,
    first?.start?.reading,
    first?.named ? { source: 'file-name', utc: isoUtc(first.named.startMs), raw: first.named.startText, note: 'clip name, UTC' } : null,
    { source: 'file-name', utc: isoUtc(container.triggerMs), raw: container.triggerText, note: 'folder name: TriggerOnTime, when record was pressed, after any pre-record' },
    ...trails.map((trail) => trail.start),
  ];
  candidate.start = start.filter((reading) => reading != null);
  const end = [metadataTime(recording, 'StopTimeISO', 'StopTime', folder.problems)?.reading, ordered.at(-1)?.stop?.reading];
  candidate.end = end.filter((reading) => reading !== undefined);
  candidate.timeZone = recordingTimeZone(folder, recording);
  candidate.gps = trails.flatMap((trail) => trail.points).sort(byUtc);
  folder.problems.push(...trails.flatMap((trail) => trail.problems));

  const triggerOn = metadataValue(recording, 'TriggerOn');
  if (triggerOn) candidate.triggers.push({ reason: triggerOn, utc: trigger?.reading.utc ?? null });
  // Sound in the pre-buffer is a camera-profile switch that the metadata does not carry.
  if (recordingStart && trigger && recordingStart.ms < trigger.ms) {
    candidate.preRecord = { startUtc: recordingStart.reading.utc, endUtc: trigger.reading.utc, hasAudio: null };
  }
  const recordingStartUtc = candidate.start[0]?.utc ?? isoUtc(container.triggerMs);
  for (const name of [...folder.names].filter(isBookmarkName).sort()) {
    const files = { object: joinPath(folderPath, name), objectName: name, metadata: await readAxisMetadata(folder, name) };
    candidate.bookmarks.push(await readAxisBookmark(drive, files, recordingStartUtc, folder.problems));
  }
  candidate.bookmarks.sort(byUtc);
  folder.problems.push(...orphanMetadataProblems(folder));
  candidate.sidecars = axisSidecars(folder, clipNames);
  return candidate;
}
