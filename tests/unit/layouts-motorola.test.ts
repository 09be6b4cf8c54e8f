// Motorola exports: the .json sidecar against its schema (wrong types, huge numbers, wrong date
// formats, contradictions), GPS cues from the .vtt, and hostile sidecars on a temporary drive.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gpsFromCues } from '../../electron/core/library/layouts/motorola-gps.ts';
import { motorolaSidecarSchema } from '../../electron/core/library/layouts/motorola-sidecar.ts';
import { recogniseRecordings } from '../../electron/core/library/layouts/recognise.ts';
import { parseSidecarJson } from '../../electron/core/library/layouts/sidecar-file.ts';
import { parseWebVtt } from '../../electron/core/library/layouts/webvtt.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
const FOLDER = 'Motorola/VB4-0042157';
const BASE = `${FOLDER}/PK4713_20240314T084000Z`;

const sidecar = {
  formatVersion: '1.0',
  device: { vendor: 'Motorola Solutions', model: 'VB400', serial: 'VB4-0042157' },
  officer: { id: 'PK4713', name: 'Mehmet Yılmaz' },
  recording: { startUtc: '2024-03-14T08:40:00Z', endUtc: '2024-03-14T08:40:05Z', triggerUtc: '2024-03-14T08:40:02Z', triggerReason: 'Button', preRecordSeconds: 2, preRecordAudio: false },
};
const vtt = 'WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\n{"lat":48.776900,"lon":9.175500}\n\n2\n00:00:01.000 --> 00:00:02.000\n{"lat":48.776940,"lon":9.175560}\n';

function withRecording(change: Record<string, unknown>): string {
  return JSON.stringify({ ...sidecar, recording: { ...sidecar.recording, ...change } });
}

function writeDrive(files: Record<string, string>): string {
  const drive = tempFolder('revier-layouts-motorola-');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(drive, file)), { recursive: true });
    writeFileSync(path.join(drive, file), content);
  }
  return drive;
}

async function recognise(files: Record<string, string>) {
  const drive = writeDrive({ [`${BASE}.mp4`]: 'video', ...files });
  const recordings = await recogniseRecordings(drive, [`${BASE}.mp4`], { timeZone: 'Europe/Berlin' });
  expect(recordings).toHaveLength(1);
  return recordings[0]!;
}

describe('Motorola sidecar schema', () => {
  const problemOf = (text: string) => {
    const parsed = parseSidecarJson(text, `${BASE}.json`, motorolaSidecarSchema);
    return parsed.ok ? null : parsed.problem.message.replace('PK4713_20240314T084000Z.json ', '');
  };

  it('accepts what the fixture writes', () => {
    expect(problemOf(JSON.stringify(sidecar))).toBeNull();
  });

  it.each([
    ['an empty file', '', 'is empty'],
    ['[]', '[]', 'does not have the expected content: the top level: Invalid input: expected object, received array'],
    ['{}', '{}', 'does not have the expected content: device: Invalid input: expected object, received undefined; officer: Invalid input: expected object, received undefined; recording: Invalid input: expected object, received undefined'],
    ['a start in epoch seconds', withRecording({ startUtc: 1710405600 }), 'does not have the expected content: recording.startUtc: Invalid input: expected string, received number'],
    ['a German date', withRecording({ startUtc: '14.03.2024 08:40:00' }), 'does not have the expected content: recording.startUtc: "14.03.2024 08:40:00" is not an RFC 3339 time with a zone, like 2024-03-14T08:15:00Z'],
    ['a start without zone', withRecording({ startUtc: '2024-03-14T08:40:00' }), 'does not have the expected content: recording.startUtc: "2024-03-14T08:40:00" is not an RFC 3339 time with a zone, like 2024-03-14T08:15:00Z'],
    ['pre-record seconds as text', withRecording({ preRecordSeconds: '2' }), 'does not have the expected content: recording.preRecordSeconds: Invalid input: expected number, received string'],
    ['negative pre-record', withRecording({ preRecordSeconds: -1 }), 'does not have the expected content: recording.preRecordSeconds: Too small: expected number to be >=0'],
    ['a huge pre-record', withRecording({ preRecordSeconds: 1e308 }), 'does not have the expected content: recording.preRecordSeconds: 1e+308 s is longer than startUtc .. triggerUtc'],
    ['pre-record audio as text', withRecording({ preRecordAudio: 'no' }), 'does not have the expected content: recording.preRecordAudio: Invalid input: expected boolean, received string'],
    ['an end before the start', withRecording({ endUtc: '2024-03-14T08:39:00Z' }), 'does not have the expected content: recording.endUtc: ends before startUtc'],
    ['a trigger after the end', withRecording({ triggerUtc: '2024-03-14T09:00:00Z' }), 'does not have the expected content: recording.triggerUtc: lies outside startUtc .. endUtc'],
    ['an empty serial', JSON.stringify({ ...sidecar, device: { serial: '' } }), 'does not have the expected content: device.serial: Too small: expected string to have >=1 characters'],
  ])('reports %s', (_label, text, message) => {
    expect(problemOf(text)).toBe(message);
  });

  it('reports a number too large for JSON as not a number', () => {
    expect(problemOf(JSON.stringify(sidecar).replace('"preRecordSeconds":2', '"preRecordSeconds":1e400'))).toBe(
      'does not have the expected content: recording.preRecordSeconds: Invalid input: expected number, received Infinity',
    );
  });
});

describe('GPS cues', () => {
  it('places each cue at the clip start plus its offset and skips payloads that are no position', () => {
    const text = `${vtt}\n3\n00:00:02.000 --> 00:00:03.000\nlat=48.77 lon=9.17\n\n4\n00:00:03.000 --> 00:00:04.000\n{"lat":91,"lon":9.17}\n`;
    const parsed = parseWebVtt(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(gpsFromCues(parsed.value, Date.parse('2024-03-14T08:40:00Z'))).toEqual({
      points: [
        { utc: '2024-03-14T08:40:00.000Z', lat: 48.7769, lon: 9.1755, accuracyM: null },
        { utc: '2024-03-14T08:40:01.000Z', lat: 48.77694, lon: 9.17556, accuracyM: null },
      ],
      skipped: ['line 12: payload "lat=48.77 lon=9.17" is not {"lat":…,"lon":…}', 'line 16: payload "{"lat":91,"lon":9.17}" is not {"lat":…,"lon":…}'],
    });
  });

  it('skips a cue whose offset leaves the calendar', () => {
    const parsed = parseWebVtt('WEBVTT\n\n99999999999:00:00.000 --> 99999999999:00:01.000\n{"lat":48.7,"lon":9.1}\n');
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(gpsFromCues(parsed.value, Date.parse('2024-03-14T08:40:00Z'))).toEqual({ points: [], skipped: ['line 3: cue time is after 2099'] });
  });
});

describe('Motorola recordings on a drive', () => {
  it('reads device, officer, clocks, trigger, pre-record without sound and GPS', async () => {
    const recording = await recognise({ [`${BASE}.json`]: JSON.stringify(sidecar), [`${BASE}.vtt`]: vtt.replace(/\n/g, '\r\n') });
    expect(recording).toEqual({
      key: `motorola:${BASE}.mp4`,
      layout: 'motorola',
      clips: [{ path: `${BASE}.mp4`, order: 0 }],
      officer: 'PK4713',
      device: 'VB4-0042157',
      start: [
        { source: 'sidecar', utc: '2024-03-14T08:40:00.000Z', raw: '2024-03-14T08:40:00Z', note: 'recording.startUtc in PK4713_20240314T084000Z.json' },
        { source: 'file-name', utc: '2024-03-14T08:40:00.000Z', raw: '20240314T084000Z', note: 'clip name, UTC' },
      ],
      end: [{ source: 'sidecar', utc: '2024-03-14T08:40:05.000Z', raw: '2024-03-14T08:40:05Z', note: 'recording.endUtc in PK4713_20240314T084000Z.json' }],
      timeZone: null,
      preRecord: { startUtc: '2024-03-14T08:40:00.000Z', endUtc: '2024-03-14T08:40:02.000Z', hasAudio: false },
      triggers: [{ reason: 'Button', utc: '2024-03-14T08:40:02.000Z' }],
      gps: [
        { utc: '2024-03-14T08:40:00.000Z', lat: 48.7769, lon: 9.1755, accuracyM: null },
        { utc: '2024-03-14T08:40:01.000Z', lat: 48.77694, lon: 9.17556, accuracyM: null },
      ],
      bookmarks: [],
      sidecars: [`${BASE}.json`, `${BASE}.vtt`],
      problems: [],
    });
  });

  it('falls back to the clip name when the .json is invalid, and still places the GPS cues', async () => {
    const recording = await recognise({ [`${BASE}.json`]: '{"device": ', [`${BASE}.vtt`]: vtt });
    expect(recording.officer).toBe('PK4713');
    expect(recording.device).toBeNull();
    expect(recording.start.map((r) => r.source)).toEqual(['file-name']);
    expect(recording.preRecord).toBeNull();
    expect(recording.gps).toHaveLength(2);
    expect(recording.problems).toEqual([{ path: `${BASE}.json`, code: 'SIDECAR_INVALID', message: expect.stringMatching(/^PK4713_20240314T084000Z\.json is not valid JSON: /) }]);
  });

  it('reports a .vtt with broken cue timings and keeps the good cues', async () => {
    const broken = vtt.replace('00:00:01.000 --> 00:00:02.000', '00:00:01.000 -> 00:00:02.000').replace('00:00:00.000 --> 00:00:01.000', '00:00:00.000 --> 00:00:01.000 line:0');
    const recording = await recognise({ [`${BASE}.json`]: JSON.stringify(sidecar), [`${BASE}.vtt`]: broken });
    expect(recording.gps.map((p) => p.utc)).toEqual(['2024-03-14T08:40:00.000Z']);
    expect(recording.problems).toEqual([
      { path: `${BASE}.vtt`, code: 'SIDECAR_INVALID', message: 'PK4713_20240314T084000Z.vtt has 1 cue(s) that were skipped: line 7: block "2" has no cue timing' },
    ]);
  });

  it.each([
    ['', 'PK4713_20240314T084000Z.vtt does not start with the WEBVTT signature line'],
    ['{"lat":48.7769,"lon":9.1755}', 'PK4713_20240314T084000Z.vtt does not start with the WEBVTT signature line'],
  ])('reports the .vtt %j and still has the recording', async (text, message) => {
    const recording = await recognise({ [`${BASE}.json`]: JSON.stringify(sidecar), [`${BASE}.vtt`]: text });
    expect(recording.start[0]?.source).toBe('sidecar');
    expect(recording.problems.map((p) => p.message)).toEqual([message]);
  });

  it('cannot place GPS cues when neither the .json nor the name gives a start', async () => {
    const drive = writeDrive({ [`${FOLDER}/clip.MP4`]: 'video', [`${FOLDER}/clip.JSON`]: '[]', [`${FOLDER}/clip.VTT`]: vtt });
    const [recording] = await recogniseRecordings(drive, [`${FOLDER}/clip.MP4`], { timeZone: 'Europe/Berlin' });
    expect(recording?.layout).toBe('motorola');
    expect(recording?.officer).toBeNull();
    expect(recording?.sidecars).toEqual([`${FOLDER}/clip.JSON`, `${FOLDER}/clip.VTT`]);
    expect(recording?.problems.map((p) => p.message)).toEqual([
      'clip.JSON does not have the expected content: the top level: Invalid input: expected object, received array',
      'clip.VTT cannot be placed in time: neither the .json sidecar nor the clip name gives the start',
    ]);
  });

  it('reads a sidecar that is not UTF-8 as a problem', async () => {
    const drive = writeDrive({ [`${BASE}.mp4`]: 'video' });
    writeFileSync(path.join(drive, `${BASE}.json`), Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    const [recording] = await recogniseRecordings(drive, [`${BASE}.mp4`], { timeZone: 'Europe/Berlin' });
    expect(recording?.problems.map((p) => p.message)).toEqual(['PK4713_20240314T084000Z.json is not UTF-8 text']);
  });
});
