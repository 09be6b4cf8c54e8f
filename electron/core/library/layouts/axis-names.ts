// Axis content destination names. A recording is a folder '<UserID>_<BWCSerialNumber>_<TriggerOnTime>'
// (TriggerOnTime as YYYYMMDDTHHMMSSZ: when record was pressed, after any pre-record); its clips are
// '<StartTime>_<RecordingID>.<mkv|mp4>' with the clip's UTC start as YYYYMMDD_HHMMSS.
import { parseUtcDigits } from './utc-time.ts';

export interface AxisContainerName {
  name: string;
  user: string;
  serial: string;
  triggerMs: number;
  /** The time as written, '20240314T081502Z'. */
  triggerText: string;
}

export interface AxisClipName {
  startMs: number;
  startText: string;
}

const CONTAINER = /^(.+)_([A-Za-z0-9-]+)_((\d{8})T(\d{6})Z)$/;
const CLIP = /^((\d{8})_(\d{6}))_[A-Za-z0-9]+\.(?:mkv|mp4)$/i;

export function axisContainerName(name: string): AxisContainerName | null {
  const m = CONTAINER.exec(name);
  const time = m ? parseUtcDigits(m[4] ?? '', m[5] ?? '') : null;
  if (!m || !time?.ok) return null;
  return { name, user: m[1] ?? '', serial: m[2] ?? '', triggerMs: time.ms, triggerText: m[3] ?? '' };
}

export function axisClipName(name: string): AxisClipName | null {
  const m = CLIP.exec(name);
  const time = m ? parseUtcDigits(m[2] ?? '', m[3] ?? '') : null;
  return m && time?.ok ? { startMs: time.ms, startText: m[1] ?? '' } : null;
}

/** 'bookmark_2024-03-14T08_15_00Z_1': the example server writes ':' as '_'. */
export function axisBookmarkTime(name: string): string | null {
  const m = /^bookmark_(\d{4}-\d{2}-\d{2}T\d{2})_(\d{2})_(\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}_\d{2}))_[^_]+$/i.exec(name);
  return m ? `${m[1]}:${m[2]}:${m[3]?.replace('_', ':')}` : null;
}
