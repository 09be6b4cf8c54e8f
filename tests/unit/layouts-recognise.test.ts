// Recognition over a whole drive: every video file in exactly one recording, plain files for
// unknown layouts, sidecars that are too large or links, and a drive that is only read.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recogniseRecordings } from '../../electron/core/library/layouts/recognise.ts';
import { SIDECAR_MAX_BYTES } from '../../electron/core/library/layouts/sidecar-file.ts';
import { isVideoFile, VIDEO_EXTENSIONS } from '../../electron/core/library/layouts/video-files.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();

function writeDrive(files: Record<string, string>): string {
  const drive = tempFolder('revier-layouts-drive-');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(drive, file)), { recursive: true });
    writeFileSync(path.join(drive, file), content);
  }
  return drive;
}

/** Path, size, modification time and content hash of every file: what reading must not change. */
function snapshot(drive: string): string[] {
  return readdirSync(drive, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const info = statSync(file);
      return `${path.relative(drive, file)} ${info.size} ${info.mtimeMs} ${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
    })
    .sort();
}

describe('video files', () => {
  it.each(['clip.mp4', 'CLIP.MP4', 'a.b.mkv', 'x.M2TS', 'x.mts', 'x.ts', 'x.avi', 'x.mov', 'x.m4v', 'x.mpg', 'x.MPEG', 'x.ps'])('%s is video', (name) => {
    expect(isVideoFile(name)).toBe(true);
  });

  it.each(['clip.json', 'clip.vtt', 'clip.mp4.metadata.json', 'complete', 'mp4', '.mp4', '._clip.mp4', 'clip.mp4.part', 'clip.'])('%s is not video', (name) => {
    expect(isVideoFile(name)).toBe(false);
  });

  it('lists the extensions in lower case', () => {
    expect(VIDEO_EXTENSIONS).toEqual(['mp4', 'm4v', 'mov', 'mkv', 'ts', 'mts', 'm2ts', 'avi', 'mpg', 'mpeg', 'ps']);
  });
});

describe('recognising a drive', () => {
  const files = {
    'Axis/PK1_CAM1_20240314T081502Z/20240314_081500_1.mkv': 'v',
    'Axis/PK1_CAM1_20240314T081502Z/20240314_081503_1.mkv': 'v',
    'Axis/PK1_CAM1_20240314T081502Z/PK1_CAM1_20240314T081502Z.metadata.json': '{"Starttimeiso":"2024-03-14T08:15:00Z"}',
    'Axis/PK1_CAM1_20240314T081502Z/export.mp4': 'v',
    'Motorola/VB4/PK2_20240314T084000Z.mp4': 'v',
    'Motorola/VB4/PK2_20240314T084000Z.vtt': 'WEBVTT\n',
    'Motorola/VB4/PK2_20240314T090000Z.mp4': 'v',
    'DCIM/240314/PK3_20240314_101502_0001.AVI': 'v',
    'DCIM/240314/notes.mp4': 'v',
    'Einsatz 12.mov': 'v',
  };
  const videos = Object.keys(files).filter((f) => isVideoFile(path.basename(f)));

  it('puts every video file in exactly one recording, and unknown layouts in plain recordings of one clip', async () => {
    const drive = writeDrive(files);
    const recordings = await recogniseRecordings(drive, [...videos, videos[0]!]);
    expect(recordings.flatMap((r) => r.clips.map((c) => c.path)).sort()).toEqual([...videos].sort());
    expect(recordings.map((r) => [r.key, r.layout, r.clips.length])).toEqual([
      ['axis:Axis/PK1_CAM1_20240314T081502Z', 'axis', 2],
      ['dcim:DCIM/240314/PK3_20240314_101502_0001.AVI', 'dcim', 1],
      ['file:Axis/PK1_CAM1_20240314T081502Z/export.mp4', 'plain', 1],
      ['file:DCIM/240314/notes.mp4', 'plain', 1],
      ['file:Einsatz 12.mov', 'plain', 1],
      ['file:Motorola/VB4/PK2_20240314T090000Z.mp4', 'plain', 1],
      ['motorola:Motorola/VB4/PK2_20240314T084000Z.mp4', 'motorola', 1],
    ]);
    const plain = recordings.find((r) => r.key === 'file:Einsatz 12.mov');
    expect(plain).toMatchObject({ officer: null, device: null, start: [], end: [], sidecars: [], problems: [] });
  });

  it('only reads the drive', async () => {
    const drive = writeDrive(files);
    const before = snapshot(drive);
    await recogniseRecordings(drive, videos, { timeZone: 'Europe/Berlin' });
    expect(snapshot(drive)).toEqual(before);
  });

  it('refuses a sidecar larger than any real one without reading it', async () => {
    const drive = writeDrive({ 'M/PK2_20240314T084000Z.mp4': 'v', 'M/PK2_20240314T084000Z.json': '' });
    truncateSync(path.join(drive, 'M/PK2_20240314T084000Z.json'), SIDECAR_MAX_BYTES + 1);
    const [recording] = await recogniseRecordings(drive, ['M/PK2_20240314T084000Z.mp4']);
    expect(recording?.start.map((r) => r.source)).toEqual(['file-name']);
    expect(recording?.problems.map((p) => p.message)).toEqual([`PK2_20240314T084000Z.json is ${SIDECAR_MAX_BYTES + 1} bytes, more than the ${SIDECAR_MAX_BYTES} a sidecar may have`]);
  });

  it('does not follow a link posing as a sidecar', async () => {
    const outside = writeDrive({ 'secret.json': '{"device":{"serial":"X"}}' });
    const drive = writeDrive({ 'M/PK2_20240314T084000Z.mp4': 'v' });
    symlinkSync(path.join(outside, 'secret.json'), path.join(drive, 'M/PK2_20240314T084000Z.json'));
    const [recording] = await recogniseRecordings(drive, ['M/PK2_20240314T084000Z.mp4']);
    expect(recording).toMatchObject({ layout: 'plain', sidecars: [], problems: [] });
  });

  it('gives an empty list for no files and does not throw for files that have vanished', async () => {
    const drive = writeDrive({});
    expect(await recogniseRecordings(drive, [])).toEqual([]);
    const recordings = await recogniseRecordings(drive, ['Axis/PK1_CAM1_20240314T081502Z/20240314_081500_1.mkv', 'gone/clip.mp4']);
    expect(recordings.map((r) => [r.layout, r.start.map((s) => s.source)])).toEqual([
      ['axis', ['file-name', 'file-name']],
      ['plain', []],
    ]);
  });

  it('refuses a station time zone that does not exist', async () => {
    await expect(recogniseRecordings(writeDrive({}), [], { timeZone: 'Europe/Stuttgart' })).rejects.toThrow('Station time zone "Europe/Stuttgart" is not an IANA time zone');
  });
});
