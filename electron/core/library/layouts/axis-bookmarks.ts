// Axis bookmarks: an object 'bookmark_<timestamp>_<ID>' whose content is the officer's free text
// (UTF-8), with metadata CategoryName, Tags and StartTime (RFC 3339). Without a StartTime the time
// in the name is used; without that the recording start (as the API says).
import { axisBookmarkTime } from './axis-names.ts';
import { metadataTime, metadataValue, type AxisMetadata } from './axis-metadata.ts';
import type { RecordingCandidate, SidecarProblem } from './recording-candidate.ts';
import { readSidecarText } from './sidecar-file.ts';
import { isoUtc, parseRfc3339 } from './utc-time.ts';

export interface AxisBookmarkFiles {
  object: string;
  objectName: string;
  metadata: AxisMetadata | null;
}

export async function readAxisBookmark(drive: string, files: AxisBookmarkFiles, recordingStartUtc: string, problems: SidecarProblem[]): Promise<RecordingCandidate['bookmarks'][number]> {
  const text = await readSidecarText(drive, files.object);
  if (!text.ok) problems.push(text.problem);
  const nameTime = parseRfc3339(axisBookmarkTime(files.objectName) ?? '');
  const start = metadataTime(files.metadata, 'StartTime', null, problems);
  const utc = start ? start.reading.utc : nameTime.ok ? isoUtc(nameTime.ms) : recordingStartUtc;
  const label = [metadataValue(files.metadata, 'CategoryName'), text.ok ? text.value.trim() : undefined].filter(Boolean).join(': ');
  return { utc, label };
}
