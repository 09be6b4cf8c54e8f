// `revier annotations export|import` as a user runs it against a scanned copy of the fixture
// station drive: an empty document, a round trip, a refused document that changes nothing,
// WebVTT chapters timed by the clip's frame index, and clear errors for a wrong clip or file.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../electron/core/data-folder.ts';
import { parseWebVtt } from '../../electron/core/library/layouts/webvtt.ts';
import { AnnotationDocumentSchema, type AnnotationDocument } from '../../shared/annotations/document.ts';
import { frameAt } from '../../shared/time/frames.ts';
import type { ExpectedClip } from '../fixtures/generate-station.ts';
import { copyOfStationDrive } from '../support/station-drive.ts';
import { revier, revierWith } from '../support/cli.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders('file');

interface ScannedClip {
  id: string;
  sha256: string;
  expected: ExpectedClip;
}

let data: string;
let clips: ScannedClip[];

const adminPassword = 'Admin-Passwort-2026';
const password = 'Weber-Passwort-2026';

/** `revier annotations …` as the supervisor `weber.k`, signed in with $REVIER_PASSWORD. */
const annotations = (...args: string[]) => revierWith({ REVIER_PASSWORD: password }, 'annotations', ...args, '--user', 'weber.k');

beforeAll(async () => {
  const folder = tempFolder();
  const { drive, expected } = await copyOfStationDrive(folder);
  data = path.join(folder, 'data');
  const scanned = await revier('scan', '--drive', drive, '--data', data, '--json');
  expect(scanned.code).toBe(0);
  // The station's accounts: the first administrator, who adds the supervisor the commands run as.
  const admin = await revierWith({ REVIER_NEW_PASSWORD: adminPassword }, 'users', 'add', '--data', data, '--username', 'admin', '--display-name', 'Administrator', '--service-number', 'A-0001', '--roles', 'administrator');
  expect(admin.code).toBe(0);
  const weber = await revierWith({ REVIER_PASSWORD: adminPassword, REVIER_NEW_PASSWORD: password }, 'users', 'add', '--data', data, '--username', 'weber.k', '--display-name', 'KHKin Weber', '--service-number', '4712', '--roles', 'supervisor', '--user', 'admin');
  expect(weber.code).toBe(0);
  const lines = scanned.stdout.trim().split('\n').map((line) => JSON.parse(line) as { path?: string; clipId?: number; sha256?: string });
  clips = expected.clips.map((clip) => {
    const line = lines.find((l) => l.path === clip.path);
    if (!line?.clipId || !line.sha256) throw new Error(`${clip.path} was not scanned as a clip`);
    return { id: String(line.clipId), sha256: line.sha256, expected: clip };
  });
});

function clipWith(tag: ExpectedClip['tags'][number]): ScannedClip {
  const clip = clips.find((c) => c.expected.tags.includes(tag));
  if (!clip) throw new Error(`the fixture drive has no ${tag} clip`);
  return clip;
}

async function exported(clip: ScannedClip): Promise<AnnotationDocument> {
  const result = await annotations('export', '--clip', clip.id, '--data', data);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout) as AnnotationDocument;
}

function withoutExportTime({ exportedUtc: _exportedUtc, ...rest }: AnnotationDocument) {
  return rest;
}

function documentFile(name: string, content: string): string {
  const file = path.join(tempFolder(), name);
  writeFileSync(file, content);
  return file;
}

const made = (createdUtc: string, deletedUtc: string | null = null) => ({ author: 'kommissarin.weber', createdUtc, updatedUtc: '2024-05-02T10:00:00.000Z', deletedUtc });

/** Markers (one deleted), a track across the whole clip and an audio redaction, fitted to the clip of `empty`. */
function annotated(empty: AnnotationDocument): AnnotationDocument {
  const { frameCount, picture } = empty.clip;
  return {
    ...empty,
    markers: [
      { startFrame: 0, endFrame: 0, category: 'Widerstand', text: 'Person reißt sich los', statement: 'fact', ...made('2024-05-01T12:00:00.000Z') },
      { startFrame: 2, endFrame: frameCount - 1, category: 'Entlastend', text: 'Hände <leer> & sichtbar', statement: 'assessment', ...made('2024-05-01T11:00:00.000Z', '2024-05-02T08:00:00.000Z') },
      { startFrame: 2, endFrame: 3, category: 'Beleidigung', text: 'Zuruf', statement: 'fact', ...made('2024-05-01T12:30:00.000Z') },
    ],
    tracks: [
      {
        shape: 'ellipse',
        method: 'pixelate',
        blockSize: 16,
        reason: 'bystander',
        note: 'Passantin',
        keyframes: [
          { frame: 0, box: { x: 10, y: 10, width: 40, height: 30 }, outside: false },
          { frame: 4, box: { x: picture.width - 50.5, y: picture.height - 40, width: 50.5, height: 40 }, outside: false },
          { frame: frameCount - 1, box: { x: 0, y: 0, width: 1, height: 1 }, outside: true },
        ],
        ...made('2024-05-01T13:00:00.000Z'),
      },
    ],
    audio: [{ startFrame: 1, endFrame: 3, effect: 'bleep', channel: null, note: 'Name eines Zeugen', ...made('2024-05-01T14:00:00.000Z') }],
  };
}

describe('revier annotations', () => {
  it('exports a clip without annotations as a valid, empty document of that clip', async () => {
    const clip = clipWith('cfr-25');
    const before = Date.now();
    const document = await exported(clip);
    expect(AnnotationDocumentSchema.parse(document)).toEqual(document);
    expect(document).toMatchObject({
      schema: 'revier.annotations',
      schemaVersion: 1,
      clip: { sha256: clip.sha256, frameCount: clip.expected.frameCount, picture: { width: clip.expected.width, height: clip.expected.height } },
      markers: [],
      tracks: [],
      audio: [],
    });
    expect(document.clip.path).toContain(path.basename(clip.expected.path));
    expect(Date.parse(document.exportedUtc)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('imports a document and exports the same markers, tracks and audio redactions', async () => {
    const clip = clipWith('pre-record-with-audio');
    const document = annotated(await exported(clip));
    const imported = await annotations('import', '--clip', clip.id, '--data', data, documentFile('round-trip.json', JSON.stringify(document, null, 2)));
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toMatch(/^Imported .*round-trip\.json into clip \d+: it now has 2 markers, 1 redaction track and 1 audio redaction\.\n$/);
    expect(withoutExportTime(await exported(clip))).toEqual(withoutExportTime(document));
    const sqlite = new Database(databaseFile(data), { readonly: true });
    const logged = sqlite.prepare("SELECT user_id, role, action FROM audit_entry WHERE event = 'annotations.import' AND target = ?").all(`clip:${clip.id}`);
    sqlite.close();
    expect(logged).toEqual([{ user_id: 'weber.k', role: 'supervisor', action: 'alteration' }]);
  });

  it('acts only for a person signed in with --user whose role may see the footage', async () => {
    const clip = clipWith('cfr-25');
    const anonymous = await revier('annotations', 'export', '--clip', clip.id, '--data', data);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toMatch(/required option '--user <name>' not specified/);
    expect(await revierWith({ REVIER_PASSWORD: 'falsches-Passwort' }, 'annotations', 'export', '--clip', clip.id, '--data', data, '--user', 'weber.k')).toMatchObject({ code: 2, stdout: '', stderr: 'revier: Wrong user name or password\n' });
    const byAdmin = await revierWith({ REVIER_PASSWORD: adminPassword }, 'annotations', 'export', '--clip', clip.id, '--data', data, '--user', 'admin');
    expect(byAdmin).toMatchObject({ code: 2, stdout: '' });
    expect(byAdmin.stderr).toContain('The role administrator may not do this (footage.view)');
  });

  it.each([
    [
      'a box outside the picture',
      (document: AnnotationDocument) => {
        const annotatedDocument = annotated(document);
        annotatedDocument.tracks[0]!.keyframes[1]!.box.x += 1;
        return JSON.stringify(annotatedDocument);
      },
      (clip: ScannedClip) => {
        const { width, height } = clip.expected;
        return `revier: The annotation document does not fit this clip: tracks[0].keyframes[1].box: box x ${width - 49.5}, y ${height - 40}, 50.5 × 40 reaches outside the picture (${width} × ${height})\n`;
      },
    ],
    [
      'a file that is not JSON',
      (document: AnnotationDocument) => JSON.stringify(annotated(document), null, 2).replace('"markers": [', '"markers": [,'),
      () => "revier: The annotation document is not JSON: Unexpected token ',' at line 14, column 15\n",
    ],
    [
      'a document of another original',
      (document: AnnotationDocument) => JSON.stringify({ ...annotated(document), clip: { ...document.clip, sha256: 'f'.repeat(64) } }),
      (clip: ScannedClip) => `revier: The annotation document was made on another original (SHA-256 ffffffffffff…), not on this clip (${clip.sha256.slice(0, 12)}…)\n`,
    ],
  ])('refuses %s with exit 2 and its message, and changes nothing', async (_case, content, message) => {
    const clip = clipWith('cfr-30');
    const before = await exported(clip);
    const file = documentFile('broken.json', content(before));
    const result = await annotations('import', '--clip', clip.id, '--data', data, file);
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: message(clip) });
    expect(withoutExportTime(await exported(clip))).toEqual(withoutExportTime(before));
  });

  it('names a file it cannot read', async () => {
    const clip = clipWith('cfr-30');
    const missing = path.join(tempFolder(), 'nicht-da.json');
    expect(await annotations('import', '--clip', clip.id, '--data', data, missing)).toMatchObject({ code: 2, stderr: `revier: Cannot read ${missing}: there is no such file\n` });
    const latin1 = documentFile('latin1.json', '');
    writeFileSync(latin1, Buffer.from([0x7b, 0x22, 0xe4, 0x22, 0x7d]));
    expect(await annotations('import', '--clip', clip.id, '--data', data, latin1)).toMatchObject({ code: 2, stderr: `revier: Cannot read ${latin1}: it is not UTF-8 text\n` });
  });

  it('writes the live markers as WebVTT chapters timed by the frame index of a variable frame rate clip', async () => {
    const clip = clipWith('vfr');
    const document = annotated(await exported(clip));
    expect((await annotations('import', '--clip', clip.id, '--data', data, documentFile('vfr.json', JSON.stringify(document)))).code).toBe(0);
    const vtt = await annotations('export', '--clip', clip.id, '--format', 'vtt', '--data', data);
    expect(vtt).toMatchObject({ code: 0, stderr: '' });
    expect(vtt.stdout).toMatch(/^WEBVTT\n\nmarker-1\n/);
    const parsed = parseWebVtt(vtt.stdout);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.cues.map((cue) => [cue.id, cue.payload])).toEqual([
      ['marker-1', 'Widerstand (Tatsache): Person reißt sich los'],
      ['marker-2', 'Beleidigung (Tatsache): Zuruf'],
    ]);
    const frames = JSON.parse((await revier('frames', clip.id, '--data', data)).stdout) as { pts: string }[];
    const timeline = { seconds: frames.map((f) => Number(f.pts)), keyframes: [] };
    expect(parsed.value.cues.map((cue) => [frameAt(timeline, cue.startMs / 1000), frameAt(timeline, (cue.endMs - 1) / 1000)])).toEqual([
      [0, 0],
      [2, 3],
    ]);
  });

  it('says there is no such clip', async () => {
    const file = documentFile('other-station.json', JSON.stringify(await exported(clipWith('cfr-25'))));
    expect(await annotations('export', '--clip', '999', '--data', data)).toMatchObject({ code: 2, stdout: '', stderr: 'revier: No clip with id 999\n' });
    expect(await annotations('import', '--clip', '999', '--data', data, file)).toMatchObject({ code: 2, stdout: '', stderr: 'revier: No clip with id 999\n' });
  });

  it.each([
    [['export', '--clip', 'zwölf'], /option '--clip <id>' argument 'zwölf' is invalid\. a clip id is a positive whole number/],
    [['export', '--clip', '0'], /a clip id is a positive whole number/],
    [['export'], /required option '--clip <id>' not specified/],
    [['export', '--clip', '1', '--format', 'srt'], /Allowed choices are json, vtt/],
    [['import', '--clip', '1'], /missing required argument 'file'/],
  ])('refuses %j with exit 2 and a clear message', async (args, message) => {
    const result = await annotations(...args, '--data', data);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('prints help for both commands', async () => {
    for (const command of ['export', 'import']) {
      const result = await revier('annotations', command, '--help');
      expect(result.code, command).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: revier annotations ${command} `));
    }
  });
});
