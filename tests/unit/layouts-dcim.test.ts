// Cheap DCIM cameras: officer and local wall-clock time in the name, read in the station zone,
// including the nights the clocks change and the folder date that is a day ahead of UTC.
import { describe, expect, it } from 'vitest';
import { recogniseDcim } from '../../electron/core/library/layouts/dcim-recording.ts';

describe('DCIM names', () => {
  it.each([
    ['DCIM/240314/PK4711_20240314_101502_0001.AVI', 'PK4711', '2024-03-14T09:15:02.000Z', 'local time Europe/Berlin, +01:00'],
    ['DCIM/240331/PK4712_20240331_003000_0003.MP4', 'PK4712', '2024-03-30T23:30:00.000Z', 'local time Europe/Berlin, +01:00'],
    ['DCIM/240331/PK4712_20240331_015959_0004.MP4', 'PK4712', '2024-03-31T00:59:59.000Z', 'local time Europe/Berlin, +01:00'],
    ['DCIM/240331/PK4712_20240331_023000_0005.MP4', 'PK4712', '2024-03-31T01:30:00.000Z', 'local time Europe/Berlin: 2024-03-31 02:30:00 does not exist (clock change), read as +01:00'],
    ['DCIM/240331/PK4712_20240331_030000_0006.MP4', 'PK4712', '2024-03-31T01:00:00.000Z', 'local time Europe/Berlin, +02:00'],
    ['DCIM/241027/PK4712_20241027_023000_0007.MP4', 'PK4712', '2024-10-27T00:30:00.000Z', 'local time Europe/Berlin: 2024-10-27 02:30:00 occurs twice (clock change), read as the first, +02:00'],
    ['DCIM/241027/PK4712_20241027_030000_0008.MP4', 'PK4712', '2024-10-27T02:00:00.000Z', 'local time Europe/Berlin, +01:00'],
    ['Karte 2/dcim/240314/PK_4711_20240314_101502.mov', 'PK_4711', '2024-03-14T09:15:02.000Z', 'local time Europe/Berlin, +01:00'],
  ])('%s', (clip, officer, utc, note) => {
    expect(recogniseDcim(clip, 'Europe/Berlin')).toEqual({
      key: `dcim:${clip}`,
      layout: 'dcim',
      clips: [{ path: clip, order: 0 }],
      officer,
      device: null,
      start: [{ source: 'file-name', utc, raw: clip.match(/(\d{8}_\d{6})/)?.[1], note }],
      end: [],
      timeZone: 'Europe/Berlin',
      preRecord: null,
      triggers: [],
      gps: [],
      bookmarks: [],
      sidecars: [],
      problems: [],
    });
  });

  it('reads the name in the station zone it is given', () => {
    expect(recogniseDcim('DCIM/240310/PK4711_20240310_023000_0001.MP4', 'America/New_York')?.start[0]).toMatchObject({
      utc: '2024-03-10T07:30:00.000Z',
      note: 'local time America/New_York: 2024-03-10 02:30:00 does not exist (clock change), read as -05:00',
    });
  });

  it.each([
    'DCIM/100MEDIA/PK4711_20240314_101502_0001.MP4',
    'DCIM/240314/IMG_0001.MP4',
    'DCIM/240314/20240314_101502_0001.MP4',
    'DCIM/240314/PK4711_20240230_101502_0001.MP4',
    'DCIM/240314/PK4711_19700101_000000_0001.MP4',
    'Videos/240314/PK4711_20240314_101502_0001.MP4',
    '240314/PK4711_20240314_101502_0001.MP4',
  ])('does not take %s for a DCIM recording', (clip) => {
    expect(recogniseDcim(clip, 'Europe/Berlin')).toBeNull();
  });
});
