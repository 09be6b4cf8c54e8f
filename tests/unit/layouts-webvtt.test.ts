// The WebVTT reader behind Motorola GPS tracks: signature, header, blocks, cue timings, payloads,
// line endings; a broken cue is skipped and named, the others kept.
import { describe, expect, it } from 'vitest';
import { parseTimestamp, parseWebVtt } from '../../electron/core/library/layouts/webvtt.ts';

const fixtureStyle = 'WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\n{"lat":48.780100,"lon":9.168900}\n\n2\n00:00:01.000 --> 00:00:02.000\n{"lat":48.780140,"lon":9.168960}\n';

function cuesOf(text: string) {
  const parsed = parseWebVtt(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

describe('WebVTT timestamps', () => {
  it.each([
    ['00:00:01.000', 1000],
    ['01:02.345', 62_345],
    ['01:00:00.001', 3_600_001],
    ['123:00:00.000', 442_800_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseTimestamp(text)).toBe(ms);
  });

  it.each(['00:00:01,000', '0:00:01.000', '00:60:00.000', '00:00:1.000', '00:00:01.00', '00:00:01', '1.000', ''])('refuses %j', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});

describe('WebVTT documents', () => {
  it('reads identifiers, timings and payloads', () => {
    expect(cuesOf(fixtureStyle)).toEqual({
      cues: [
        { id: '1', startMs: 0, endMs: 1000, payload: '{"lat":48.780100,"lon":9.168900}', line: 4 },
        { id: '2', startMs: 1000, endMs: 2000, payload: '{"lat":48.780140,"lon":9.168960}', line: 8 },
      ],
      skipped: [],
    });
  });

  it('reads the same cues with CRLF or CR line endings and a BOM', () => {
    const expected = cuesOf(fixtureStyle);
    expect(cuesOf(fixtureStyle.replace(/\n/g, '\r\n'))).toEqual(expected);
    expect(cuesOf(fixtureStyle.replace(/\n/g, '\r'))).toEqual(expected);
    expect(cuesOf(`\uFEFF${fixtureStyle}`)).toEqual(expected);
  });

  it('skips the header, NOTE, STYLE and REGION blocks, and takes cues without identifier and with settings', () => {
    const text = [
      'WEBVTT - GPS track',
      'Kind: metadata',
      '',
      'NOTE exported by VB400',
      'firmware 3.2',
      '',
      'STYLE',
      '::cue { color: lime }',
      '',
      '00:01.000 --> 00:02.000 align:start line:0',
      'first line',
      'second line',
      '',
      '',
      '',
      '00:00:02.000-->00:00:03.500',
      'x',
    ].join('\n');
    expect(cuesOf(text).cues).toEqual([
      { id: null, startMs: 1000, endMs: 2000, payload: 'first line\nsecond line', line: 10 },
      { id: null, startMs: 2000, endMs: 3500, payload: 'x', line: 16 },
    ]);
  });

  it('skips cues with broken timings and says which line', () => {
    const text = 'WEBVTT\n\n1\n00:00:00,000 --> 00:00:01,000\na\n\n2\n00:00:02.000 --> 00:00:01.000\nb\n\n3\nno timing here\nc\n\n4\n00:00:03.000 --> 00:00:04.000\nd\n';
    expect(cuesOf(text)).toEqual({
      cues: [{ id: '4', startMs: 3000, endMs: 4000, payload: 'd', line: 16 }],
      skipped: [
        'line 4: "00:00:00,000 --> 00:00:01,000" is not a cue timing like 00:00:01.000 --> 00:00:02.000',
        'line 8: cue ends at or before its start',
        'line 11: block "3" has no cue timing',
      ],
    });
  });

  it('has no cues when there is only a header', () => {
    expect(cuesOf('WEBVTT')).toEqual({ cues: [], skipped: [] });
    expect(cuesOf('WEBVTT\n\n')).toEqual({ cues: [], skipped: [] });
  });

  it.each(['', 'WEBVTTX\n\n', 'webvtt\n\n', '1\n00:00:00.000 --> 00:00:01.000\n{}\n', '{"lat":1}'])('refuses %j without the signature', (text) => {
    expect(parseWebVtt(text)).toEqual({ ok: false, reason: 'does not start with the WEBVTT signature line' });
  });
});
