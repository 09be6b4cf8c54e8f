// Media time as people read and type it: `hh:mm:ss.mmm`, and the jump field's input, which is
// either a frame number (digits only) or a time (with at least one colon, or a unit `s`).

/** `00:01:02.345` (hours grow past 99 when needed); milliseconds are truncated, never rounded up into the next frame. */
export function formatMediaTime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds * 1000 + 1e-6));
  const ms = total % 1000;
  const s = Math.floor(total / 1000) % 60;
  const m = Math.floor(total / 60_000) % 60;
  const h = Math.floor(total / 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(s)}.${String(ms).padStart(3, '0')}`;
}

export type Position = { kind: 'frame'; frame: number } | { kind: 'time'; seconds: number };

const frameText = /^\d{1,9}$/;
const clockText = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2}(?:[.,]\d{1,9})?)$/;
const secondsText = /^(\d{1,7}(?:[.,]\d{1,9})?)\s*s$/i;

/**
 * Reads the jump field: `120` is frame 120; `1:02.5`, `00:01:02.500` and `62.5s` are media times
 * (a comma works as the decimal sign too). Null when the text is neither.
 */
export function parsePosition(text: string): Position | null {
  const value = text.trim();
  if (frameText.test(value)) return { kind: 'frame', frame: Number(value) };
  const seconds = secondsText.exec(value);
  if (seconds) return { kind: 'time', seconds: Number(seconds[1]?.replace(',', '.')) };
  const clock = clockText.exec(value);
  if (!clock) return null;
  const [hours, minutes, secs] = [Number(clock[1] ?? 0), Number(clock[2]), Number(clock[3]?.replace(',', '.'))];
  if (minutes >= 60 && clock[1] !== undefined) return null;
  if (secs >= 60) return null;
  return { kind: 'time', seconds: hours * 3600 + minutes * 60 + secs };
}
