// Cheap USB body cameras: 'DCIM/<YYMMDD>/<officer>_<YYYYMMDD>_<HHMMSS>[_<counter>].<ext>'. The
// time in the name is the camera's local wall clock, read in the station's time zone; the folder
// is the local date, so a recording at 23:30 UTC can sit in the next day's folder. The name does
// not say which camera it was.
import { localToUtc } from './local-time.ts';
import { blankCandidate, type RecordingCandidate } from './recording-candidate.ts';
import { checkedTime, digitFields, isoUtc } from './utc-time.ts';

const DATE_FOLDER = /^\d{6}$/;
const CLIP_NAME = /^(.+?)_(\d{8})_(\d{6})(?:_\d+)?\.[^.]+$/;

/** The clip as a DCIM recording, or null when its folder or name does not fit the layout. */
export function recogniseDcim(clip: string, timeZone: string): RecordingCandidate | null {
  const parts = clip.split('/');
  const [dcim, dateFolder, name] = parts.slice(-3);
  if (parts.length < 3 || dcim?.toUpperCase() !== 'DCIM' || !DATE_FOLDER.test(dateFolder ?? '')) return null;
  const m = CLIP_NAME.exec(name ?? '');
  if (!m) return null;
  const [, officer = '', date = '', time = ''] = m;
  const local = localToUtc(digitFields(date, time), timeZone);
  const checked = checkedTime(local?.ms ?? null);
  if (!local || !checked.ok) return null;
  const candidate = blankCandidate(`dcim:${clip}`, 'dcim', [clip]);
  candidate.officer = officer;
  candidate.timeZone = timeZone;
  candidate.start.push({ source: 'file-name', utc: isoUtc(checked.ms), raw: `${date}_${time}`, note: local.note });
  return candidate;
}
