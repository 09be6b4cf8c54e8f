// Recognition of recordings on the station drive: which video files belong together, who and
// which camera recorded them, and every clock their names and sidecars offer. Each video file
// ends up in exactly one recording; a file of no known layout is a 'plain' recording of one clip.
// The drive is only read. A bad sidecar is a problem on its recording, never an exception.
import { axisClipName, axisContainerName, type AxisContainerName } from './axis-names.ts';
import { recogniseAxis } from './axis-recording.ts';
import { recogniseDcim } from './dcim-recording.ts';
import { folderListing, folderOf } from './folder-listing.ts';
import { isTimeZone } from './local-time.ts';
import { recogniseMotorola } from './motorola-recording.ts';
import { blankCandidate, type RecordingCandidate } from './recording-candidate.ts';

export { containerTimeReading } from './container-time.ts';

const DEFAULT_STATION_TIME_ZONE = 'Europe/Berlin';

export interface RecognitionOptions {
  /** Station zone for local-time names. */
  timeZone?: string;
}

/** The Axis recording folder a clip belongs to, when folder and clip are named the Axis way. */
function axisContainerOf(clip: string): AxisContainerName | null {
  const folder = folderOf(clip);
  const container = axisContainerName(folder.slice(folder.lastIndexOf('/') + 1));
  return container && axisClipName(clip.slice(folder.length + 1)) ? container : null;
}

export async function recogniseRecordings(drive: string, videoFiles: string[], options: RecognitionOptions = {}): Promise<RecordingCandidate[]> {
  const timeZone = options.timeZone ?? DEFAULT_STATION_TIME_ZONE;
  if (!isTimeZone(timeZone)) throw new RangeError(`Station time zone "${timeZone}" is not an IANA time zone`);
  const listing = folderListing(drive);
  const axisFolders = new Map<string, { container: AxisContainerName; clips: string[] }>();
  const candidates: RecordingCandidate[] = [];
  for (const clip of new Set(videoFiles)) {
    const container = axisContainerOf(clip);
    if (container) {
      const folder = folderOf(clip);
      const group = axisFolders.get(folder) ?? { container, clips: [] };
      group.clips.push(clip);
      axisFolders.set(folder, group);
      continue;
    }
    candidates.push(recogniseDcim(clip, timeZone) ?? (await recogniseMotorola(drive, clip, listing)) ?? blankCandidate(`file:${clip}`, 'plain', [clip]));
  }
  for (const [folder, { container, clips }] of axisFolders) {
    candidates.push(await recogniseAxis(drive, folder, container, clips, listing));
  }
  return candidates.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
