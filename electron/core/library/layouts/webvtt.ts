// WebVTT as the W3C specifies it: a 'WEBVTT' signature line (after an optional BOM), a header up to
// the first blank line, then blocks separated by blank lines. NOTE, STYLE and REGION blocks are
// skipped; a cue is an optional identifier line, a timing line 'start --> end [settings]' with
// times '[hh:]mm:ss.ttt', and payload lines. Lines end in CRLF, LF or CR. A cue whose timing
// cannot be read is skipped and said so; the others are kept.
import { quoted } from './quoted.ts';

export interface WebVttCue {
  id: string | null;
  startMs: number;
  endMs: number;
  payload: string;
  /** 1-based line of the timing line. */
  line: number;
}

export interface WebVttDocument {
  cues: WebVttCue[];
  /** One entry per block that was skipped: 'line 7: …'. */
  skipped: string[];
}

export type WebVttParse = { ok: true; value: WebVttDocument } | { ok: false; reason: string };

const SIGNATURE = /^WEBVTT(?:[ \t].*)?$/;
const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const TIMING = /^(\S+?)[ \t]*-->[ \t]*(\S+)(?:[ \t]+.*)?$/;
const SKIPPED_BLOCK = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/;

export function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const [, hours = '0', minutes, seconds, millis] = m;
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number(millis);
}

interface Block {
  lines: string[];
  /** 1-based line number of lines[0]. */
  firstLine: number;
}

function blocks(lines: string[], from: number): Block[] {
  const found: Block[] = [];
  let current: Block | null = null;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') current = null;
    else if (current) current.lines.push(line);
    else {
      current = { lines: [line], firstLine: i + 1 };
      found.push(current);
    }
  }
  return found;
}

function readCue(block: Block): WebVttCue | string {
  const [first = '', second] = block.lines;
  const hasId = !first.includes('-->');
  const timing = hasId ? second : first;
  const line = block.firstLine + (hasId ? 1 : 0);
  if (timing === undefined || !timing.includes('-->')) return `line ${block.firstLine}: block ${quoted(first)} has no cue timing`;
  const m = TIMING.exec(timing.trim());
  const startMs = m ? parseTimestamp(m[1] ?? '') : null;
  const endMs = m ? parseTimestamp(m[2] ?? '') : null;
  if (startMs === null || endMs === null) return `line ${line}: ${quoted(timing)} is not a cue timing like 00:00:01.000 --> 00:00:02.000`;
  if (endMs <= startMs) return `line ${line}: cue ends at or before its start`;
  return { id: hasId ? first : null, startMs, endMs, payload: block.lines.slice(hasId ? 2 : 1).join('\n'), line };
}

export function parseWebVtt(text: string): WebVttParse {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!SIGNATURE.test(lines[0] ?? '')) return { ok: false, reason: 'does not start with the WEBVTT signature line' };
  const headerEnd = lines.findIndex((line) => line.trim() === '');
  const cues: WebVttCue[] = [];
  const skipped: string[] = [];
  if (headerEnd < 0) return { ok: true, value: { cues, skipped } };
  for (const block of blocks(lines, headerEnd)) {
    if (SKIPPED_BLOCK.test(block.lines[0] ?? '')) continue;
    const cue = readCue(block);
    if (typeof cue === 'string') skipped.push(cue);
    else cues.push(cue);
  }
  return { ok: true, value: { cues, skipped } };
}
