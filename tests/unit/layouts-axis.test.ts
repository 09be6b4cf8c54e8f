// Axis content destination folders: names, metadata in Go header spelling or API spelling, the
// GNSS trail, and hostile sidecars on a temporary drive (the clip is still a recording).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAxisGpsTrail } from '../../electron/core/library/layouts/axis-gps-trail.ts';
import { metadataTime, metadataValue, parseAxisMetadata } from '../../electron/core/library/layouts/axis-metadata.ts';
import { axisBookmarkTime, axisClipName, axisContainerName } from '../../electron/core/library/layouts/axis-names.ts';
import { recogniseRecordings } from '../../electron/core/library/layouts/recognise.ts';
import type { SidecarProblem } from '../../electron/core/library/layouts/recording-candidate.ts';
import { isoUtc } from '../../electron/core/library/layouts/utc-time.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
const META = 'R/PK1_CAM1_20240314T081502Z/PK1_CAM1_20240314T081502Z.metadata.json';

function writeDrive(files: Record<string, string>): string {
  const drive = tempFolder('revier-layouts-axis-');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(drive, file)), { recursive: true });
    writeFileSync(path.join(drive, file), content);
  }
  return drive;
}

function metadataOf(text: string) {
  const parsed = parseAxisMetadata(text, META);
  return parsed.ok ? parsed.value : parsed.problem.message;
}

describe('Axis names', () => {
  it.each([
    ['PK4711_B8A44F1A2B01_20240314T081502Z', { user: 'PK4711', serial: 'B8A44F1A2B01', utc: '2024-03-14T08:15:02.000Z' }],
    ['Anna_Keller_B8A44F1A2B01_20240314T081502Z', { user: 'Anna_Keller', serial: 'B8A44F1A2B01', utc: '2024-03-14T08:15:02.000Z' }],
    ['9aff03e1-e45d-4dc7-a4bb-2cea24cee891_B8A44F1A2B01_20240314T081502Z', { user: '9aff03e1-e45d-4dc7-a4bb-2cea24cee891', serial: 'B8A44F1A2B01', utc: '2024-03-14T08:15:02.000Z' }],
  ])('reads the recording folder %s', (name, expected) => {
    const container = axisContainerName(name);
    expect(container && { user: container.user, serial: container.serial, utc: isoUtc(container.triggerMs) }).toEqual(expected);
  });

  it.each([
    'PK4711_B8A44F1A2B01_20240314T081502', // no Z
    'PK4711_B8A44F1A2B01_20241314T081502Z', // month 13
    'PK4711_B8A44F1A2B01_20240314T256000Z',
    'PK4711_20240314T081502Z', // no serial
    'B8A44F1A2B01_20240314_081502',
    'Users',
    'RejectedContent_UnknownTime_5b7c',
  ])('is not fooled by the folder %s', (name) => {
    expect(axisContainerName(name)).toBeNull();
  });

  it('reads clip names and refuses look-alikes', () => {
    expect(axisClipName('20240314_081500_4821.mkv')).toEqual({ startMs: Date.parse('2024-03-14T08:15:00Z'), startText: '20240314_081500' });
    expect(axisClipName('20240314_081500_4821.MP4')?.startText).toBe('20240314_081500');
    for (const name of ['20240314_081500_4821.avi', '20240314_081500.mkv', 'clip.mkv', '20240314_991500_4821.mkv', '20240314_081500_4821_B8A44F1A2B01_gpstrail.json']) {
      expect(axisClipName(name), name).toBeNull();
    }
  });

  it('reads the time in a bookmark name, where the server wrote ":" as "_"', () => {
    expect(axisBookmarkTime('bookmark_2024-03-14T08_15_00Z_1')).toBe('2024-03-14T08:15:00Z');
    expect(axisBookmarkTime('bookmark_2024-03-14T09_15_00.5+01_00_12')).toBe('2024-03-14T09:15:00.5+01:00');
    expect(axisBookmarkTime('bookmark_yesterday_1')).toBeNull();
  });
});

describe('Axis metadata', () => {
  it('reads keys in Go header spelling and in API spelling alike', () => {
    for (const text of ['{\n"Starttimeiso": "2024-03-14T08:15:00Z",\n"Triggeron": "Button"\n}', '{"StartTimeISO":"2024-03-14T08:15:00Z","TriggerOn":"Button"}']) {
      const metadata = parseAxisMetadata(text, META);
      if (!metadata.ok) throw new Error(metadata.problem.message);
      const problems: SidecarProblem[] = [];
      expect(metadataTime(metadata.value, 'StartTimeISO', 'StartTime', problems)?.reading).toEqual({
        source: 'sidecar',
        utc: '2024-03-14T08:15:00.000Z',
        raw: '2024-03-14T08:15:00Z',
        note: 'StartTimeISO in PK1_CAM1_20240314T081502Z.metadata.json',
      });
      expect(metadataValue(metadata.value, 'TriggerOn')).toBe('Button');
      expect(problems).toEqual([]);
    }
  });

  it('reads a file with a byte order mark, and treats an empty value as absent', () => {
    const metadata = metadataOf('\uFEFF{"Starttime":"1710404100","Timezone":""}');
    expect(typeof metadata === 'string' ? metadata : metadataValue(metadata, 'TimeZone')).toBeUndefined();
  });

  it.each([
    ['', 'PK1_CAM1_20240314T081502Z.metadata.json is empty'],
    ['  \n', 'PK1_CAM1_20240314T081502Z.metadata.json is empty'],
    ['[]', 'PK1_CAM1_20240314T081502Z.metadata.json does not have the expected content: the top level: Invalid input: expected record, received array'],
    ['null', 'PK1_CAM1_20240314T081502Z.metadata.json does not have the expected content: the top level: Invalid input: expected record, received null'],
    ['{"Starttime": 1710404100}', 'PK1_CAM1_20240314T081502Z.metadata.json does not have the expected content: Starttime: Invalid input: expected string, received number'],
  ])('reports %j as a problem', (text, message) => {
    expect(metadataOf(text)).toBe(message);
  });

  it('says where JSON breaks off', () => {
    expect(metadataOf('{"Starttime": "1710404100",')).toMatch(/^PK1_CAM1_20240314T081502Z\.metadata\.json is not valid JSON: .*position 27/);
    expect(metadataOf('{"Starttime": "1710404100"')).toMatch(/^PK1_CAM1_20240314T081502Z\.metadata\.json is not valid JSON: .*position 26/);
  });

  it.each([
    ['{"Starttimeiso":"14.03.2024 08:15:00","Starttime":"1710404100"}', '2024-03-14T08:15:00.000Z', ['has StartTimeISO "14.03.2024 08:15:00", which is not an RFC 3339 time with a zone, like 2024-03-14T08:15:00Z']],
    ['{"Starttimeiso":"2024-03-14T08:15:00","Starttime":"99999999999999999999"}', null, [
      'has StartTimeISO "2024-03-14T08:15:00", which is not an RFC 3339 time with a zone, like 2024-03-14T08:15:00Z',
      'has StartTime "99999999999999999999", which is after 2099',
    ]],
    ['{"Starttimeiso":"2024-03-14T08:15:00Z","Starttime":"1710407700"}', '2024-03-14T08:15:00.000Z', [
      'has StartTimeISO "2024-03-14T08:15:00Z" but StartTime "1710407700" (2024-03-14T09:15:00.000Z); StartTimeISO is used',
    ]],
    [JSON.stringify({ Starttimeiso: `line one\n${'x'.repeat(200)}` }), null, [`has StartTimeISO "line one ${'x'.repeat(50)}…", which is not an RFC 3339 time with a zone, like 2024-03-14T08:15:00Z`]],
    ['{"Starttime":"0"}', null, ['has StartTime "0", which is before 2000: the camera clock was not set']],
    ['{}', null, []],
  ])('reads the start of %s as %s', (text, utc, messages) => {
    const metadata = parseAxisMetadata(text, META);
    if (!metadata.ok) throw new Error(metadata.problem.message);
    const problems: SidecarProblem[] = [];
    expect(metadataTime(metadata.value, 'StartTimeISO', 'StartTime', problems)?.reading.utc ?? null).toBe(utc);
    expect(problems.map((p) => p.message)).toEqual(messages.map((m) => `PK1_CAM1_20240314T081502Z.metadata.json ${m}`));
  });
});

describe('Axis GNSS trail', () => {
  const TRAIL = 'R/x_gpstrail.json';
  const entry = (wkt: string, seconds: unknown, timestamp: string) => ({ LocationWKT: wkt, SecondsFromStart: seconds, Timestamp: timestamp });

  it('reads the example of the Axis README: longitude first, start = Timestamp minus SecondsFromStart', () => {
    const trail = parseAxisGpsTrail(
      JSON.stringify({ CoordinateEntries: [entry('POINT(13.220701 55.718702)', 82.0, '2022-08-23T11:48:28Z'), entry('POINT(13.221184 55.718409)', 64.0, '2022-08-23T11:48:10Z')] }),
      TRAIL,
    );
    expect(trail.points).toEqual([
      { utc: '2022-08-23T11:48:10.000Z', lat: 55.718409, lon: 13.221184, accuracyM: null },
      { utc: '2022-08-23T11:48:28.000Z', lat: 55.718702, lon: 13.220701, accuracyM: null },
    ]);
    expect(trail.start).toEqual({ source: 'gps', utc: '2022-08-23T11:47:06.000Z', raw: '2022-08-23T11:48:10Z', note: 'GPS trail Timestamp minus SecondsFromStart 64 s' });
    expect(trail.problems).toEqual([]);
  });

  it('skips bad entries, keeps the rest and names what was wrong', () => {
    const trail = parseAxisGpsTrail(
      JSON.stringify({
        CoordinateEntries: [
          entry('POINT(9.18 48.77)', 1, '2024-03-14T08:15:01Z'),
          entry('POINT(48.77)', 2, '2024-03-14T08:15:02Z'),
          entry('POINT(9.18 148.77)', 3, '2024-03-14T08:15:03Z'),
          entry('POINT(9.18 48.77)', '4', '2024-03-14T08:15:04Z'),
          entry('POINT(9.18 48.77)', 5, '14.03.2024'),
          'POINT(9.18 48.77)',
        ],
      }),
      TRAIL,
    );
    expect(trail.points).toHaveLength(1);
    expect(trail.problems).toEqual([
      {
        path: TRAIL,
        code: 'SIDECAR_INVALID',
        message:
          'x_gpstrail.json has 5 of 6 GPS entries that were skipped: entry 2: LocationWKT "POINT(48.77)" is not POINT(longitude latitude); entry 3: LocationWKT "POINT(9.18 148.77)" is not POINT(longitude latitude); entry 4: SecondsFromStart: Invalid input: expected number, received string',
      },
    ]);
  });

  it('gives no start when SecondsFromStart puts it out of time', () => {
    const trail = parseAxisGpsTrail(JSON.stringify({ CoordinateEntries: [entry('POINT(9.18 48.77)', 1e300, '2024-03-14T08:15:01Z')] }), TRAIL);
    expect(trail.points).toHaveLength(1);
    expect(trail.start).toBeNull();
  });

  it.each([
    ['', 'x_gpstrail.json is empty'],
    ['[]', 'x_gpstrail.json does not have the expected content: the top level: Invalid input: expected object, received array'],
    ['{"coordinateEntries": []}', 'x_gpstrail.json does not have the expected content: CoordinateEntries: Invalid input: expected array, received undefined'],
  ])('reports the trail %j', (text, message) => {
    expect(parseAxisGpsTrail(text, TRAIL)).toEqual({ points: [], start: null, problems: [{ path: TRAIL, code: 'SIDECAR_INVALID', message }] });
  });
});

describe('Axis folders with odd sidecars', () => {
  const folder = 'Axis/PK1_CAM1_20240314T081502Z';
  const at = (name: string) => `${folder}/${name}`;
  const meta = (object: string) => at(`PK1_CAM1_20240314T081502Z.${object}.metadata.json`);

  it('keeps every clip, falls back to the clip names and reports each bad sidecar', async () => {
    const drive = writeDrive({
      [at('20240314_081500_1.mkv')]: 'video',
      [at('20240314_081503_1.mkv')]: 'video',
      [at('PK1_CAM1_20240314T081502Z.metadata.json')]: '[]',
      [meta('20240314_081500_1.mkv')]: '',
      [meta('20240314_081503_1.mkv')]: '{"Starttimeiso": "14.03.2024 08:15:03", "Stoptimeiso": "2024-03-14T08:15:05Z"}',
      [meta('20240314_081509_1.mkv')]: '{"Starttimeiso": "2024-03-14T08:15:09Z"}',
      [at('bookmark_2024-03-14T08_15_04Z_1')]: '\uFEFFZeuge\r\n',
      [meta('bookmark_2024-03-14T08_15_04Z_1')]: '{"Categoryname": "Widerstand", "Starttime": "later"}',
      [at('complete')]: '',
      [at('notes.txt')]: 'not part of the recording',
    });
    const [recording, ...others] = await recogniseRecordings(drive, [at('20240314_081503_1.mkv'), at('20240314_081500_1.mkv')], { timeZone: 'Europe/Berlin' });
    expect(others).toEqual([]);
    expect(recording).toMatchObject({
      key: `axis:${folder}`,
      layout: 'axis',
      clips: [{ path: at('20240314_081500_1.mkv'), order: 0 }, { path: at('20240314_081503_1.mkv'), order: 1 }],
      officer: 'PK1',
      device: 'CAM1',
      end: [{ source: 'sidecar', utc: '2024-03-14T08:15:05.000Z' }],
      timeZone: null,
      preRecord: null,
      triggers: [],
      bookmarks: [{ utc: '2024-03-14T08:15:04.000Z', label: 'Widerstand: Zeuge' }],
    });
    expect(recording?.start.map((r) => [r.source, r.utc])).toEqual([
      ['file-name', '2024-03-14T08:15:00.000Z'],
      ['file-name', '2024-03-14T08:15:02.000Z'],
    ]);
    expect(recording?.problems.map((p) => [p.path, p.message])).toEqual([
      [at('PK1_CAM1_20240314T081502Z.metadata.json'), 'PK1_CAM1_20240314T081502Z.metadata.json does not have the expected content: the top level: Invalid input: expected record, received array'],
      [meta('20240314_081500_1.mkv'), 'PK1_CAM1_20240314T081502Z.20240314_081500_1.mkv.metadata.json is empty'],
      [meta('20240314_081503_1.mkv'), 'PK1_CAM1_20240314T081502Z.20240314_081503_1.mkv.metadata.json has StartTimeISO "14.03.2024 08:15:03", which is not an RFC 3339 time with a zone, like 2024-03-14T08:15:00Z'],
      [meta('bookmark_2024-03-14T08_15_04Z_1'), 'PK1_CAM1_20240314T081502Z.bookmark_2024-03-14T08_15_04Z_1.metadata.json has StartTime "later", which is not an RFC 3339 time with a zone, like 2024-03-14T08:15:00Z'],
      [meta('20240314_081509_1.mkv'), 'PK1_CAM1_20240314T081502Z.20240314_081509_1.mkv.metadata.json describes 20240314_081509_1.mkv, which is not in the recording folder'],
    ]);
    expect(recording?.sidecars).toEqual([
      at('PK1_CAM1_20240314T081502Z.20240314_081500_1.mkv.metadata.json'),
      at('PK1_CAM1_20240314T081502Z.20240314_081503_1.mkv.metadata.json'),
      at('PK1_CAM1_20240314T081502Z.20240314_081509_1.mkv.metadata.json'),
      at('PK1_CAM1_20240314T081502Z.bookmark_2024-03-14T08_15_04Z_1.metadata.json'),
      at('PK1_CAM1_20240314T081502Z.metadata.json'),
      at('bookmark_2024-03-14T08_15_04Z_1'),
      at('complete'),
    ]);
  });

  it('orders split clips by the start their metadata gives, and reads trigger, pre-record and time zone', async () => {
    const drive = writeDrive({
      [at('20240314_081500_1.mp4')]: 'video',
      [at('20240314_081501_1.mp4')]: 'video',
      [meta('20240314_081500_1.mp4')]: '{"StartTimeISO": "2024-03-14T08:15:10Z"}',
      [meta('20240314_081501_1.mp4')]: '{"StartTimeISO": "2024-03-14T08:15:00Z"}',
      [at('PK1_CAM1_20240314T081502Z.metadata.json')]:
        '{"StartTimeISO":"2024-03-14T08:15:00Z","TriggerOn":"Holster","TriggerOnTime":"1710404102","TimeZone":"Mars/Olympus_Mons"}',
    });
    const [recording] = await recogniseRecordings(drive, [at('20240314_081500_1.mp4'), at('20240314_081501_1.mp4')], { timeZone: 'Europe/Berlin' });
    expect(recording?.clips.map((c) => c.path)).toEqual([at('20240314_081501_1.mp4'), at('20240314_081500_1.mp4')]);
    expect(recording?.triggers).toEqual([{ reason: 'Holster', utc: '2024-03-14T08:15:02.000Z' }]);
    expect(recording?.preRecord).toEqual({ startUtc: '2024-03-14T08:15:00.000Z', endUtc: '2024-03-14T08:15:02.000Z', hasAudio: null });
    expect(recording?.timeZone).toBeNull();
    expect(recording?.problems.map((p) => p.message)).toEqual(['PK1_CAM1_20240314T081502Z.metadata.json has TimeZone "Mars/Olympus_Mons", which is not an IANA time zone']);
  });

  it('takes folders that only look like Axis for plain files', async () => {
    const files = ['Urlaub_2024_20240314T081502Z/clip.mp4', 'PK1_CAM1_20241399T081502Z/20240314_081500_1.mkv', 'PK1_CAM1_20240314T081502Z/nested/20240314_081500_1.mkv'];
    const drive = writeDrive(Object.fromEntries(files.map((f) => [f, 'video'])));
    const recordings = await recogniseRecordings(drive, files, { timeZone: 'Europe/Berlin' });
    expect(recordings.map((r) => [r.key, r.layout])).toEqual([
      ['file:PK1_CAM1_20240314T081502Z/nested/20240314_081500_1.mkv', 'plain'],
      ['file:PK1_CAM1_20241399T081502Z/20240314_081500_1.mkv', 'plain'],
      ['file:Urlaub_2024_20240314T081502Z/clip.mp4', 'plain'],
    ]);
  });
});
