// Evidence markers as WebVTT chapters (a `<track kind="chapters">` file) for players and court
// software that list them beside the video. One cue per live marker, in frame order, identified
// `marker-1`, `marker-2`, …; deleted markers are left out. A cue spans the marker's frames in the
// clip's media time, from the start of its first frame to the end of its last, taken from the
// frame index (shared/time/frames.ts), never from a frame rate. Times are rounded inward to whole
// milliseconds (start up, end down), so seeking to a cue shows its first marked frame and the cue
// is never active on a frame the marker does not cover.
//
// The cue text is German, as the file goes to German courts: `<Kategorie> (Tatsache): <Text>` for
// a fact, `(Bewertung)` for the reviewer's assessment, without `: <Text>` when the text is empty.
// Chapter titles are one line of plain text: line breaks and other control characters become
// single spaces, and `&`, `<`, `>` are written as character references, so no marker text can
// end a cue, start a tag or form the `-->` of a timing line. Markers may overlap; players that
// expect nested chapters show them in start order.
import type { Marker } from '../../../shared/api/annotations.ts';
import { frameDuration, frameStart, type FrameTimeline } from '../../../shared/time/frames.ts';
import { formatMediaTime } from '../../../shared/time/timecode.ts';
import { inFrameOrder } from './annotation-document.ts';

const statementNames: Record<Marker['statement'], string> = { fact: 'Tatsache', assessment: 'Bewertung' };

/** Below this a product of floating-point seconds and 1000 counts as a whole millisecond. */
const MS_EPSILON = 1e-6;

const references: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** One line of WebVTT cue text that shows `text` as it is. */
function chapterTitle(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\s\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .replace(/[&<>]/g, (character) => references[character] ?? character);
}

function cueText(marker: Marker): string {
  const title = `${marker.category} (${statementNames[marker.statement]})`;
  const text = chapterTitle(marker.text);
  return text === '' ? chapterTitle(title) : `${chapterTitle(title)}: ${text}`;
}

/** `start --> end` of the frames startFrame..endFrame, in whole milliseconds inside them. */
function cueTiming(timeline: FrameTimeline, marker: Marker): string {
  const startMs = Math.ceil(frameStart(timeline, marker.startFrame) * 1000 - MS_EPSILON);
  const endSeconds = frameStart(timeline, marker.endFrame) + frameDuration(timeline, marker.endFrame);
  // A cue must end after it starts, even on a frame shorter than a millisecond.
  const endMs = Math.max(startMs + 1, Math.floor(endSeconds * 1000 + MS_EPSILON));
  return `${formatMediaTime(startMs / 1000)} --> ${formatMediaTime(endMs / 1000)}`;
}

/**
 * The live markers of a clip as a WebVTT chapters file. `timeline` is the clip's frame index;
 * a marker on a frame it does not have throws a RangeError (the core checks frames on every write).
 */
export function markersToWebVtt(markers: readonly Marker[], timeline: FrameTimeline): string {
  const cues = markers
    .filter((marker) => marker.deletedUtc === null)
    .sort(inFrameOrder)
    .map((marker, index) => [`marker-${index + 1}`, cueTiming(timeline, marker), cueText(marker)].join('\n'));
  return `${['WEBVTT', ...cues].join('\n\n')}\n`;
}
