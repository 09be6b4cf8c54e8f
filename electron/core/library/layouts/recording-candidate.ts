// What layout recognition hands the scanner: one recording with its clips in playback order,
// every clock found (best first: the first is the one used) and what the sidecars say about it.

export type ClockSource = 'sidecar' | 'file-name' | 'container' | 'gps' | 'file-system';
export type RecordingLayout = 'axis' | 'motorola' | 'dcim' | 'plain';

export interface TimeReading {
  source: ClockSource;
  /** ISO 8601 UTC with milliseconds. */
  utc: string;
  /** The text as found. */
  raw: string;
  /** How the text was read, e.g. 'local time Europe/Berlin, +01:00'. */
  note?: string;
}

export interface GpsPoint {
  utc: string;
  lat: number;
  lon: number;
  accuracyM: number | null;
}

/** A sidecar that could not be used (wholly or in part); its clip is still a recording. */
export interface SidecarProblem {
  path: string;
  code: 'SIDECAR_INVALID';
  message: string;
}

export interface RecordingCandidate {
  /** Stable identity: layout and drive-relative path of the recording folder or clip. */
  key: string;
  layout: RecordingLayout;
  /** Relative to the drive, '/' separators, in playback order. */
  clips: { path: string; order: number }[];
  officer: string | null;
  device: string | null;
  start: TimeReading[];
  end: TimeReading[];
  /** IANA name when known. */
  timeZone: string | null;
  /** hasAudio: what the sidecar says; null where it says nothing (Axis: a camera-profile setting). */
  preRecord: { startUtc: string; endUtc: string; hasAudio: boolean | null } | null;
  triggers: { reason: string; utc: string | null }[];
  gps: GpsPoint[];
  bookmarks: { utc: string; label: string }[];
  /** Every file that belongs to the recording besides its clips, also those listed in problems. */
  sidecars: string[];
  problems: SidecarProblem[];
}

export function blankCandidate(key: string, layout: RecordingLayout, clipPaths: string[]): RecordingCandidate {
  return {
    key,
    layout,
    clips: clipPaths.map((path, order) => ({ path, order })),
    officer: null,
    device: null,
    start: [],
    end: [],
    timeZone: null,
    preRecord: null,
    triggers: [],
    gps: [],
    bookmarks: [],
    sidecars: [],
    problems: [],
  };
}
