// Markers as WebVTT chapters: exact text for constant and variable frame rates, German cue text,
// escaping that keeps every cue intact, deleted markers left out, and cue times that stay inside
// the marked frames (read back with the station's own WebVTT reader).
import { describe, expect, it } from 'vitest';
import { markersToWebVtt } from '../../electron/core/annotations/webvtt-markers.ts';
import { parseWebVtt } from '../../electron/core/library/layouts/webvtt.ts';
import type { Marker } from '../../shared/api/annotations.ts';
import { frameAt, type FrameTimeline } from '../../shared/time/frames.ts';

const at = (seconds: number[]): FrameTimeline => ({ seconds, keyframes: [0] });
const cfr30 = at(Array.from({ length: 90 }, (_, n) => n / 30));
/** Variable frame rate, timescale 600: frames of 1/30 s and 1/20 s alternating. */
const vfr = at([0, 20 / 600, 50 / 600, 70 / 600, 100 / 600]);
/** Matroska's 1 ms time base, first frame at 21 ms. */
const mkv = at([0.021, 0.054, 0.088, 0.121, 0.154]);
const ntsc = at(Array.from({ length: 12 }, (_, n) => (n * 1001) / 30000));

let nextId = 1;
function marker(startFrame: number, endFrame: number, fields: Partial<Marker> = {}): Marker {
  const id = nextId++;
  return {
    startFrame,
    endFrame,
    category: 'Widerstand',
    text: 'Person reißt sich los',
    statement: 'fact',
    id,
    version: 1,
    author: 'kommissarin.weber',
    createdUtc: `2024-05-01T12:00:${String(id % 60).padStart(2, '0')}.000Z`,
    updatedUtc: '2024-05-01T12:00:00.000Z',
    deletedUtc: null,
    ...fields,
  };
}

function cuesOf(text: string) {
  const parsed = parseWebVtt(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  expect(parsed.value.skipped).toEqual([]);
  return parsed.value.cues;
}

describe('markersToWebVtt', () => {
  it('writes one chapter per live marker in frame order, from the start of its first frame to the end of its last', () => {
    const markers = [
      marker(45, 45, { category: 'Beleidigung', text: 'Zuruf „Bulle“' }),
      marker(30, 59),
      marker(10, 20, { category: 'Sonstiges', text: 'gelöscht', deletedUtc: '2024-05-02T08:00:00.000Z' }),
      marker(1, 1, { category: 'Entlastend', text: '', statement: 'assessment' }),
    ];
    expect(markersToWebVtt(markers, cfr30)).toBe(
      [
        'WEBVTT',
        '',
        'marker-1',
        '00:00:00.034 --> 00:00:00.066',
        'Entlastend (Bewertung)',
        '',
        'marker-2',
        '00:00:01.000 --> 00:00:02.000',
        'Widerstand (Tatsache): Person reißt sich los',
        '',
        'marker-3',
        '00:00:01.500 --> 00:00:01.533',
        'Beleidigung (Tatsache): Zuruf „Bulle“',
        '',
      ].join('\n'),
    );
  });

  it('times cues from the frame index of a variable frame rate clip, the last frame lasting as long as the one before', () => {
    const markers = [marker(1, 2, { statement: 'assessment', text: 'Schlag angedeutet' }), marker(4, 4), marker(0, 4, { category: 'Sonstiges', text: 'ganzer Clip' })];
    expect(markersToWebVtt(markers, vfr)).toBe(
      [
        'WEBVTT',
        '',
        'marker-1',
        '00:00:00.000 --> 00:00:00.216',
        'Sonstiges (Tatsache): ganzer Clip',
        '',
        'marker-2',
        '00:00:00.034 --> 00:00:00.116',
        'Widerstand (Bewertung): Schlag angedeutet',
        '',
        'marker-3',
        '00:00:00.167 --> 00:00:00.216',
        'Widerstand (Tatsache): Person reißt sich los',
        '',
      ].join('\n'),
    );
  });

  it('keeps whole-millisecond frame times exact and writes hours', () => {
    expect(markersToWebVtt([marker(0, 1)], mkv)).toContain('\n00:00:00.021 --> 00:00:00.088\n');
    expect(markersToWebVtt([marker(1, 1)], at([3725.46, 3725.5, 3725.54]))).toContain('\n01:02:05.500 --> 01:02:05.540\n');
  });

  it('writes only the signature when no marker is live', () => {
    expect(markersToWebVtt([], cfr30)).toBe('WEBVTT\n');
    expect(markersToWebVtt([marker(3, 4, { deletedUtc: '2024-05-02T08:00:00.000Z' })], cfr30)).toBe('WEBVTT\n');
  });

  it('escapes &, < and > and folds line breaks, so no text can end a cue or form a timing arrow', () => {
    const hostile = marker(3, 4, {
      category: 'Sonstiges <b>',
      text: 'A & B <i>x</i> --> 00:00:09.000 --> y\r\n\r\nmarker-9\n00:00:00.000 --> 00:00:01.000\n\n\tletzte  Zeile ',
    });
    const text = markersToWebVtt([hostile, marker(6, 6)], cfr30);
    const payload = 'Sonstiges &lt;b&gt; (Tatsache): A &amp; B &lt;i&gt;x&lt;/i&gt; --&gt; 00:00:09.000 --&gt; y marker-9 00:00:00.000 --&gt; 00:00:01.000 letzte Zeile';
    expect(text).toBe(`WEBVTT\n\nmarker-1\n00:00:00.100 --> 00:00:00.166\n${payload}\n\nmarker-2\n00:00:00.200 --> 00:00:00.233\nWiderstand (Tatsache): Person reißt sich los\n`);
    expect(cuesOf(text).map((cue) => [cue.id, cue.payload])).toEqual([
      ['marker-1', payload],
      ['marker-2', 'Widerstand (Tatsache): Person reißt sich los'],
    ]);
  });

  it('leaves out the colon when the text is only white space', () => {
    expect(markersToWebVtt([marker(2, 2, { text: ' \n\t ' })], cfr30)).toContain('\nWiderstand (Tatsache)\n');
  });

  it.each([
    ['30 fps', cfr30],
    ['variable frame rate', vfr],
    ['Matroska', mkv],
    ['NTSC', ntsc],
  ])('keeps every cue inside its frame (%s): seeking to its start shows the frame, its last millisecond still shows it', (_name, timeline) => {
    const markers = timeline.seconds.map((_, frame) => marker(frame, frame));
    const cues = cuesOf(markersToWebVtt(markers, timeline));
    expect(cues.map((cue) => frameAt(timeline, cue.startMs / 1000))).toEqual(markers.map((m) => m.startFrame));
    expect(cues.map((cue) => frameAt(timeline, (cue.endMs - 1) / 1000))).toEqual(markers.map((m) => m.endFrame));
  });

  it('refuses a marker on a frame the timeline does not have', () => {
    expect(() => markersToWebVtt([marker(80, 95)], cfr30)).toThrow(RangeError);
  });
});
