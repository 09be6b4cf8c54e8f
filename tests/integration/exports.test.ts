// Exports end to end on a scanned copy of the fixture station drive plus one clip full of
// identifying metadata: court packages (folder, ZIP, range; SHA256SUMS, `revier export verify`
// against one changed byte in any file, the PDF's text), the anonymised training clip (no tag, no
// known value of the source anywhere in its bytes), still frames (masks burnt in, hash beside the
// file), rights, a vanished original and a cancelled job (nothing that looks complete is left).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/api/actor.ts';
import type { AnnotationChange } from '../../shared/api/annotations.ts';
import type { ExportJob, ExportJobRequest } from '../../shared/api/exports.ts';
import { ManifestSchema, type Manifest } from '../../shared/exports/manifest.ts';
import type { Core } from '../../electron/core/core.ts';
import { createHandlers, dispatch } from '../../electron/core/handlers.ts';
import { indexFrames } from '../../electron/core/library/analysis/frame-index.ts';
import { scanDrive } from '../../electron/core/library/station-scanner.ts';
import { ExportJobEntity } from '../../electron/db/entities/exports.ts';
import { ClipEntity, RecordingEntity, type ClipRow } from '../../electron/db/entities/library.ts';
import type { Approval } from '../../shared/api/approvals.ts';
import { revier, revierWith } from '../support/cli.ts';
import { adminActor, assignCase, openTestCore, signedInContext, signInAs, testPassword } from '../support/core.ts';
import { copyOfStationDrive } from '../support/station-drive.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const run = promisify(execFile);
const tempFolder = useTempFolders('file');
const supervisor: Actor = { userId: 'dvg0815', role: 'supervisor', sessionId: 'session-exports' };
/** Works on the case both annotated clips are filed under (see beforeAll). */
const investigator: Actor = { userId: 'pk4711', role: 'investigator', sessionId: 'session-exports-2' };
const trainer: Actor = { userId: 'trainer1', role: 'trainer', sessionId: 'session-exports-3' };
/** The second pair of eyes for packages with originals. */
const secondSupervisor: Actor = { userId: 'dvg4712', role: 'supervisor', sessionId: 'session-exports-4' };

/** What the metadata clip says about its source; none of it may reach a training clip. */
const identifying = ['PK4713', 'VB4-0042157', '48.7784', '009.1800', '2024-03-15', 'Motorola', 'VB400', 'Dienstnummer', 'Einsatz_Koenigstrasse'];
const META_PATH = 'Sonstiges/Einsatz_Koenigstrasse_PK4713.mp4';

let core: Core;
let data: string;
let drive: string;
let exportFolder: string;
let metaClip: ClipRow;
let mkvClip: ClipRow;
const markerTexts = ['Person A schlägt mit der Faust zu', 'Wirkt alkoholisiert (Einschätzung)'];
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The pending approval of a court package's originals. */
async function originalsApproval(exportId: string): Promise<Approval> {
  const pending = await core.approvals.list(secondSupervisor, false);
  const approval = pending.find((candidate) => candidate.kind === 'court-originals' && candidate.subject === `export:${exportId}`);
  if (!approval) throw new Error(`no pending approval for export ${exportId}`);
  return approval;
}

/** Runs an export to its end; a package with originals is first released by a second supervisor. */
async function exportJob(actor: Actor, request: ExportJobRequest): Promise<ExportJob> {
  const started = await core.exports.start(actor, request);
  if (started.status === 'awaiting-approval') await core.approvals.decide(secondSupervisor, (await originalsApproval(started.id)).id, 'approve', 'Freigabe geprüft');
  await core.exports.idle();
  return core.exports.get(started.id);
}

async function change(clipId: number, change: AnnotationChange): Promise<void> {
  await core.annotations.change(supervisor, clipId, change);
}

async function pdfText(file: string): Promise<string> {
  return (await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 16 * 1024 * 1024 })).stdout;
}

beforeAll(async () => {
  const folder = tempFolder();
  ({ drive } = await copyOfStationDrive(folder));
  const metaFile = path.join(drive, META_PATH);
  mkdirSync(path.dirname(metaFile), { recursive: true });
  await run('ffmpeg', [
    '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30,noise=alls=10:allf=t', '-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=48000', '-t', '3',
    '-c:v', 'libx264', '-preset', 'veryfast', '-bf', '2', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ac', '2', '-shortest',
    '-metadata', 'creation_time=2024-03-15T10:15:00Z', '-metadata', 'location=+48.7784+009.1800/', '-metadata', 'artist=PK4713',
    '-metadata', 'comment=Dienstnummer PK4713 Geraet VB4-0042157', '-metadata', 'make=Motorola', '-metadata', 'model=VB400',
    '-movflags', 'use_metadata_tags', metaFile,
  ]);
  data = path.join(folder, 'data');
  exportFolder = path.join(folder, 'exports');
  core = await openTestCore(data);
  await core.settings.update(adminActor, { stationDrive: drive, exportFolder });
  await scanDrive(core, supervisor, drive);
  const clips = core.db.dataSource.getRepository(ClipEntity);
  metaClip = await clips.findOneByOrFail({ path: META_PATH });
  mkvClip = (await clips.find({ order: { id: 'ASC' } })).find((clip) => clip.path.endsWith('.mkv') && clip.playable) as ClipRow;
  // Accounts for the command line and the investigator's case (investigators see their cases' clips only).
  await signInAs(core, 'supervisor', supervisor.userId);
  await signInAs(core, 'investigator', investigator.userId);
  await assignCase(core, '1 Js 4711/24', [investigator.userId], [mkvClip.id, metaClip.id]);
  for (const clip of [metaClip, mkvClip]) {
    await core.player.open(supervisor, clip.id, 'Az. 1 Js 4711/24');
    await change(clip.id, { type: 'marker.create', marker: { startFrame: 10, endFrame: 10, category: 'Körperverletzung', text: markerTexts[0] as string, statement: 'fact' } });
    await change(clip.id, { type: 'marker.create', marker: { startFrame: 20, endFrame: 40, category: 'Sonstiges', text: markerTexts[1] as string, statement: 'assessment' } });
    await change(clip.id, {
      type: 'track.create',
      track: {
        shape: 'rectangle',
        method: 'fill',
        blockSize: 16,
        reason: 'bystander',
        note: 'Passant links',
        keyframes: [
          { frame: 5, box: { x: 40, y: 40, width: 120, height: 100 }, outside: false },
          { frame: 50, box: { x: 200, y: 100, width: 120, height: 100 }, outside: false },
          { frame: 51, box: { x: 200, y: 100, width: 120, height: 100 }, outside: true },
        ],
      },
    });
    await change(clip.id, { type: 'audio.create', audio: { startFrame: 15, endFrame: 30, effect: 'mute', channel: null, note: 'Name genannt' } });
  }
}, 240_000);

afterAll(async () => {
  await core?.close();
});

describe('court package', () => {
  let job: ExportJob;
  let manifest: Manifest;

  beforeAll(async () => {
    job = await exportJob(supervisor, {
      kind: 'court',
      clips: [{ clipId: mkvClip.id }, { clipId: metaClip.id }],
      caseReference: '1 Js 4711/24',
      recipient: 'Staatsanwaltschaft Stuttgart',
      withOriginals: true,
      zip: false,
    });
    manifest = ManifestSchema.parse(JSON.parse(readFileSync(path.join(job.output ?? '', 'manifest.json'), 'utf8')));
  }, 240_000);

  it('is a complete, named folder in the export folder, with no draft left', () => {
    expect(job).toMatchObject({ status: 'done', error: null, caseReference: '1 Js 4711/24', recipient: 'Staatsanwaltschaft Stuttgart', clipIds: [mkvClip.id, metaClip.id] });
    expect(path.dirname(job.output ?? '')).toBe(exportFolder);
    expect(path.basename(job.output ?? '')).toMatch(/^Gerichtsexport_1-Js-4711-24_\d{8}T\d{6}Z$/);
    expect(readdirSync(exportFolder).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('passes sha256sum -c and `revier export verify`', async () => {
    const checked = await run('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: job.output ?? '' });
    const lines = checked.stdout.trim().split('\n');
    expect(lines).toContain('manifest.json: OK');
    expect(lines.every((line) => line.endsWith(': OK'))).toBe(true);
    expect(lines).toHaveLength(manifest.files.length + 1);
    const verified = await revier('export', 'verify', job.output ?? '');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('OK');
  });

  it('fails `revier export verify` after one byte of any file changed', async () => {
    for (const file of ['manifest.json', 'SHA256SUMS', 'bericht.pdf', 'LIESMICH.txt', ...manifest.files.filter((f) => f.role !== 'report').map((f) => f.path).slice(0, 3)]) {
      const copy = path.join(tempFolder(), 'package');
      cpSync(job.output ?? '', copy, { recursive: true });
      const target = path.join(copy, file);
      const bytes = readFileSync(target);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      writeFileSync(target, bytes);
      const verified = await revier('export', 'verify', copy);
      expect(verified.code, file).toBe(1);
      // A changed line of SHA256SUMS is named by its line or by the file whose listed hash it changed.
      expect(verified.stdout, file).toMatch(file === 'SHA256SUMS' ? /FAILED .*SHA256SUMS/ : new RegExp(`FAILED ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
  });

  it('names every file with role, hashes, parent and frames; the originals byte for byte', async () => {
    const recording = await core.db.dataSource.getRepository(RecordingEntity).findOneByOrFail({ id: mkvClip.recordingId });
    expect(manifest).toMatchObject({ kind: 'court', caseReference: '1 Js 4711/24', recipient: 'Staatsanwaltschaft Stuttgart', exportedBy: { userId: 'dvg0815', role: 'supervisor' } });
    expect(manifest.legalBasis).toContain('StPO');
    const [mkv, meta] = manifest.clips;
    expect(mkv).toMatchObject({ clipId: mkvClip.id, originalSha256: mkvClip.sha256, device: recording.device, officer: recording.officer, frames: { fromFrame: 0, toFrame: mkvClip.frameCount - 1, frameCount: mkvClip.frameCount }, masks: 1, audioRedactions: 1, markers: 2 });
    expect(mkv?.startUtc).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(meta?.originalSha256).toBe(metaClip.sha256);
    const roles = manifest.files.map((file) => file.role).sort();
    expect(roles).toEqual(['audit-extract', 'instructions', 'markers', 'original', 'original', 'redacted-video', 'redacted-video', 'redaction-log', 'report', 'still', 'still', 'still', 'still'].sort());
    for (const clip of [mkvClip, metaClip]) {
      const video = manifest.files.find((file) => file.role === 'redacted-video' && file.clipId === clip.id);
      expect(video).toMatchObject({ parentSha256: clip.sha256, frames: { frameCount: clip.frameCount }, derivation: { tool: 'ffmpeg', operator: 'dvg0815' } });
      expect((await indexFrames(path.join(job.output ?? '', video?.path ?? ''), 'ffprobe')).pts.length).toBe(clip.frameCount);
      const original = manifest.files.find((file) => file.role === 'original' && file.clipId === clip.id);
      expect(sha256(readFileSync(path.join(job.output ?? '', original?.path ?? '')))).toBe(clip.sha256);
    }
    const log = JSON.parse(readFileSync(path.join(job.output ?? '', 'schwaerzungsprotokoll.json'), 'utf8')) as { redactions: { kind: string; startFrame: number; endFrame: number; reason?: string; author: string }[] };
    expect(log.redactions).toContainEqual(expect.objectContaining({ kind: 'mask', startFrame: 5, endFrame: 50, reason: 'bystander', author: 'dvg0815' }));
    expect(log.redactions).toContainEqual(expect.objectContaining({ kind: 'audio', startFrame: 15, endFrame: 30, author: 'dvg0815' }));
  });

  it('has a PDF report whose text holds the case, every hash and every marker', async () => {
    const text = await pdfText(path.join(job.output ?? '', 'bericht.pdf'));
    expect(text).toContain('1 Js 4711/24');
    for (const file of manifest.files.filter((f) => f.role !== 'report')) expect(text, file.path).toContain(file.sha256);
    for (const clip of manifest.clips) expect(text).toContain(clip.originalSha256);
    for (const marker of markerTexts) expect(text).toContain(marker);
    expect(text).toContain('Tatsache');
    expect(text).toContain('Bewertung');
  });

  it('is logged as a disclosure per clip, with recipient and hashes', async () => {
    const entries = await core.audit.extract([`clip:${mkvClip.id}`]);
    const disclosure = entries.find((entry) => entry.event === 'export.court.done' && entry.details.exportId === job.id);
    expect(disclosure).toMatchObject({ action: 'disclosure', actor: { userId: 'dvg0815' }, details: { recipient: 'Staatsanwaltschaft Stuttgart', caseReference: '1 Js 4711/24' } });
    expect(JSON.stringify(disclosure?.details)).toContain(manifest.files.find((f) => f.role === 'report')?.sha256);
    expect(entries.some((entry) => entry.event === 'export.court.start' && entry.action === 'consultation' && entry.details.exportId === job.id)).toBe(true);
  });

  it('as a ZIP: one archive unzip accepts, whose hash the job records, and no folder', async () => {
    const zipped = await exportJob(investigator, { kind: 'court', clips: [{ clipId: mkvClip.id, fromFrame: 10, toFrame: 40 }], caseReference: '1 Js 4711/24', recipient: 'AG Stuttgart', withOriginals: false, zip: true });
    expect(zipped.status).toBe('done');
    expect(zipped.output).toMatch(/\.zip$/);
    expect(zipped.sha256).toBe(sha256(readFileSync(zipped.output ?? '')));
    expect(existsSync((zipped.output ?? '').replace(/\.zip$/, ''))).toBe(false);
    const tested = await run('unzip', ['-t', zipped.output ?? '']);
    expect(tested.stdout).toContain('No errors detected');
    const unpacked = tempFolder();
    await run('unzip', ['-q', zipped.output ?? '', '-d', unpacked]);
    const [folder] = readdirSync(unpacked);
    const inner = ManifestSchema.parse(JSON.parse(readFileSync(path.join(unpacked, folder ?? '', 'manifest.json'), 'utf8')));
    expect(inner.clips[0]?.frames).toEqual({ fromFrame: 10, toFrame: 40, frameCount: 31 });
    expect(inner.files.some((file) => file.role === 'original')).toBe(false);
    await run('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: path.join(unpacked, folder ?? '') });
  }, 120_000);
});

describe('training clip', () => {
  let job: ExportJob;
  let video: string;

  beforeAll(async () => {
    job = await exportJob(investigator, { kind: 'training', clip: { clipId: metaClip.id }, justification: 'Einsatztraining Eigensicherung', wholePicture: null, audio: 'tone' });
    video = path.join(job.output ?? '', job.files[0]?.path ?? '');
    expect(job.error).toBeNull();
  }, 120_000);

  it('reaches trainers only once a second person signed it off; a refused sign-off deletes the package', async () => {
    const signOff = async (exportId: string) => (await core.approvals.list(supervisor, false)).find((approval) => approval.kind === 'training-signoff' && approval.subject === `export:${exportId}`);
    const request = await signOff(job.id);
    expect(request).toMatchObject({ requestedBy: investigator.userId, reason: 'Einsatztraining Eigensicherung', status: 'pending' });
    expect((await core.exports.list(trainer)).map((listed) => listed.id)).not.toContain(job.id);
    await expect(core.approvals.decide(investigator, request!.id, 'approve', '')).rejects.toMatchObject({ code: 'forbidden' });
    await core.approvals.decide(supervisor, request!.id, 'approve', 'Keine Personen erkennbar');
    expect((await core.exports.list(trainer)).map((listed) => listed.id)).toContain(job.id);

    const second = await exportJob(investigator, { kind: 'training', clip: { clipId: metaClip.id, fromFrame: 0, toFrame: 14 }, justification: 'Zweiter Entwurf', wholePicture: null, audio: 'remove' });
    expect(existsSync(second.output ?? '')).toBe(true);
    await core.approvals.decide(supervisor, (await signOff(second.id))!.id, 'reject', 'Kennzeichen lesbar');
    await expect.poll(() => existsSync(second.output ?? '')).toBe(false);
    expect(await core.exports.get(second.id)).toMatchObject({ status: 'cancelled', error: expect.stringContaining('Not signed off') as unknown });
    expect((await core.exports.list(trainer)).map((listed) => listed.id)).not.toContain(second.id);
  }, 120_000);

  it('passes sha256sum -c and `revier export verify`', async () => {
    const checked = await run('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: job.output ?? '' });
    expect(checked.stdout.trim().split('\n').sort()).toEqual(['manifest.json: OK', `${path.basename(video)}: OK`].sort());
    expect((await revier('export', 'verify', job.output ?? '')).code).toBe(0);
  });

  it('has a name and package without any identifying part', () => {
    expect(job.status).toBe('done');
    expect(path.basename(job.output ?? '')).toMatch(/^Schulungsmaterial_[0-9a-f]{12}$/);
    expect(readdirSync(job.output ?? '').sort()).toEqual(['SHA256SUMS', 'manifest.json', path.basename(video)].sort());
    expect(path.basename(video)).toMatch(/^schulung_[0-9a-f]{12}\.mp4$/);
  });

  it('carries no container or stream tag beyond the structural ones (ffprobe)', async () => {
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format_tags:stream_tags', '-of', 'flat', video]);
    const tags = stdout.trim().split('\n').filter(Boolean).map((line) => line.replace(/^.*\.tags\./, ''));
    // Only the container's structure and the codec's bare name (no version, no settings) remain.
    const structural = ['major_brand', 'minor_version', 'compatible_brands', 'handler_name', 'vendor_id', 'language'];
    expect(tags.filter((tag) => !structural.includes(tag.split('=')[0] ?? '') && tag !== 'encoder="Lavc libx264"')).toEqual([]);
    const source = await run('ffprobe', ['-v', 'error', '-show_entries', 'format_tags', '-of', 'flat', path.join(drive, META_PATH)]);
    expect(source.stdout).toContain('PK4713');
  });

  it('holds none of the known values of the source in its bytes, the manifest included', () => {
    const original = readFileSync(path.join(drive, META_PATH));
    for (const file of readdirSync(job.output ?? '')) {
      const bytes = readFileSync(path.join(job.output ?? '', file));
      for (const value of [...identifying, metaClip.sha256, path.basename(META_PATH), 'Lavf59', 'core 16']) {
        expect(original.includes(value) || [metaClip.sha256, path.basename(META_PATH), 'Einsatz_Koenigstrasse'].includes(value), `the source itself holds ${value}`).toBe(true);
        expect(bytes.includes(value), `${file} holds ${value}`).toBe(false);
      }
    }
  });

  it('keeps the link to its source only in the station audit', async () => {
    const entries = await core.audit.extract([`clip:${metaClip.id}`]);
    const disclosure = entries.find((entry) => entry.event === 'export.training.done' && entry.details.exportId === job.id);
    expect(disclosure?.details).toMatchObject({ parentSha256: metaClip.sha256, trainingSha256: job.files[0]?.sha256, justification: 'Einsatztraining Eigensicherung' });
  });

  it('replaces the sound by a tone, or removes it', async () => {
    const streams = async (file: string) => (await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'csv=p=0', file])).stdout.trim().split('\n');
    expect(await streams(video)).toEqual(['video', 'audio']);
    const silent = await exportJob(investigator, { kind: 'training', clip: { clipId: metaClip.id, fromFrame: 0, toFrame: 29 }, justification: 'Einsatztraining', wholePicture: { blockSize: 32, keep: [{ x: 0, y: 0, width: 160, height: 90 }] }, audio: 'remove' });
    expect(silent.status).toBe('done');
    expect(await streams(path.join(silent.output ?? '', silent.files[0]?.path ?? ''))).toEqual(['video']);
  }, 120_000);
});

describe('still frame', () => {
  /** Luma of the still's PNG decoded by ffmpeg, with its size. */
  async function stillLuma(file: string): Promise<{ width: number; height: number; luma: Buffer }> {
    const probe = (await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file])).stdout.trim().split(',').map(Number);
    const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
    return { width: probe[0] ?? 0, height: probe[1] ?? 0, luma: stdout };
  }
  const meanLuma = (still: { width: number; luma: Buffer }, box: { x: number; y: number; width: number; height: number }) => {
    let sum = 0;
    for (let row = box.y; row < box.y + box.height; row++) for (let column = box.x; column < box.x + box.width; column++) sum += still.luma[row * still.width + column] ?? 0;
    return sum / (box.width * box.height);
  };

  it('burns the masks in, adds a caption strip and writes its hash beside it', async () => {
    const job = await exportJob(investigator, { kind: 'still', clipId: metaClip.id, frame: 5, justification: 'Lichtbildmappe', caseReference: '1 Js 4711/24', unredacted: false });
    expect(job.status).toBe('done');
    const bytes = readFileSync(job.output ?? '');
    expect(job.sha256).toBe(sha256(bytes));
    expect(readFileSync(`${job.output}.sha256`, 'utf8')).toBe(`${job.sha256}  ${path.basename(job.output ?? '')}\n`);
    const still = await stillLuma(job.output ?? '');
    expect(still.width).toBe(640);
    expect(still.height).toBeGreaterThan(360);
    // The fill mask at frame 5 covers 40,40 120×100 (PNG from limited-range black: luma ≈ 16).
    expect(meanLuma(still, { x: 44, y: 44, width: 112, height: 92 })).toBeLessThan(20);
    const entries = await core.audit.extract([`clip:${metaClip.id}`]);
    expect(entries.find((entry) => entry.event === 'export.still.done' && entry.details.exportId === job.id)?.details).toMatchObject({ frame: 5, redacted: true, justification: 'Lichtbildmappe' });
  });

  it('is unredacted only for a supervisor', async () => {
    await expect(core.exports.start(investigator, { kind: 'still', clipId: metaClip.id, frame: 5, justification: 'Lichtbildmappe', unredacted: true })).rejects.toMatchObject({ code: 'forbidden' });
    const job = await exportJob(supervisor, { kind: 'still', clipId: metaClip.id, frame: 5, justification: 'Lichtbildmappe', unredacted: true });
    expect(meanLuma(await stillLuma(job.output ?? ''), { x: 44, y: 44, width: 112, height: 92 })).toBeGreaterThan(40);
  });
});

describe('refusals and failures', () => {
  it('refuses roles without the right and hostile requests', async () => {
    await expect(core.exports.start(trainer, { kind: 'court', clips: [{ clipId: mkvClip.id }], caseReference: 'X', recipient: 'Y', withOriginals: false, zip: false })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('The role trainer may not do this (export.court)'),
    });
    await expect(core.exports.start(trainer, { kind: 'training', clip: { clipId: metaClip.id }, justification: 'Schulung', wholePicture: null, audio: 'remove' })).rejects.toMatchObject({ code: 'forbidden' });
    // An investigator only exports clips of their cases.
    const outside = (await core.db.dataSource.getRepository(ClipEntity).find()).find((clip) => clip.id !== mkvClip.id && clip.id !== metaClip.id)!;
    await expect(core.exports.start(investigator, { kind: 'still', clipId: outside.id, frame: 0, justification: 'Lichtbildmappe', unredacted: false })).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining(`Clip ${outside.id} belongs to no case of pk4711`),
    });
    const handlers = createHandlers(core);
    const context = await signedInContext(core, 'supervisor', supervisor.userId);
    expect(await dispatch(handlers, 'exports.start', { kind: 'court', clips: [], caseReference: 'X', recipient: 'Y', withOriginals: false, zip: false }, context)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch(handlers, 'exports.start', { kind: 'still', clipId: mkvClip.id, frame: 1, justification: 'abc', unredacted: false, outputFolder: '/etc' }, context)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch(handlers, 'exports.start', { kind: 'court', clips: [{ clipId: mkvClip.id, fromFrame: 5 }], caseReference: 'X', recipient: 'Y', withOriginals: false, zip: false }, context)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await dispatch(handlers, 'exports.start', { kind: 'court', clips: [{ clipId: 999_999 }], caseReference: 'X', recipient: 'Y', withOriginals: false, zip: false }, context)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('lists exports to the roles that may read them (a trainer: finished training clips only) and lets only the maker or a supervisor cancel', async () => {
    const all = await core.exports.list(supervisor);
    expect(new Set(all.map((job) => job.kind))).toEqual(new Set(['court', 'training', 'still']));
    const forTrainer = await core.exports.list(trainer);
    expect(forTrainer.length).toBeGreaterThan(0);
    expect(forTrainer.every((job) => job.kind === 'training' && job.status === 'done')).toBe(true);
    await expect(core.exports.list({ ...supervisor, role: 'administrator' })).rejects.toMatchObject({ code: 'forbidden' });
    const supervisorsJob = all.find((job) => job.userId === supervisor.userId)!;
    await expect(core.exports.cancel(investigator, supervisorsJob.id)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('exports.cancel-any') });
  });

  it('waits with unredacted originals for a second supervisor: never its requester; a rejection cancels it', async () => {
    const request: ExportJobRequest = { kind: 'court', clips: [{ clipId: mkvClip.id, fromFrame: 0, toFrame: 9 }], caseReference: 'Originale 7', recipient: 'Amtsgericht', withOriginals: true, zip: false };
    const started = await core.exports.start(investigator, request);
    expect(started).toMatchObject({ status: 'awaiting-approval', userId: investigator.userId });
    await core.exports.idle();
    expect((await core.exports.get(started.id)).status).toBe('awaiting-approval');
    const approval = await originalsApproval(started.id);
    expect(approval).toMatchObject({ requestedBy: investigator.userId, details: { exportId: started.id, caseReference: 'Originale 7', recipient: 'Amtsgericht' } });
    // The investigator cannot decide at all; a supervisor who asked herself is refused by four eyes.
    await expect(core.approvals.decide(investigator, approval.id, 'approve', '')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(core.exports.cancel(investigator, started.id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Freigaben') });
    await core.approvals.decide(secondSupervisor, approval.id, 'reject', 'Originale nicht erforderlich');
    const rejected = await core.exports.get(started.id);
    expect(rejected).toMatchObject({ status: 'cancelled', output: null });
    expect(rejected.error).toContain('not approved');
    expect((existsSync(exportFolder) ? readdirSync(exportFolder) : []).filter((name) => name.includes('Originale-7'))).toEqual([]);

    const own = await core.exports.start(supervisor, { ...request, caseReference: 'Originale 8' });
    const ownApproval = await originalsApproval(own.id);
    await expect(core.approvals.decide(supervisor, ownApproval.id, 'approve', '')).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('four eyes') });
    await core.approvals.decide(secondSupervisor, ownApproval.id, 'approve', 'geprüft');
    await core.exports.idle();
    const released = await core.exports.get(own.id);
    expect(released).toMatchObject({ status: 'done', userId: supervisor.userId });
    expect(released.files.filter((file) => file.role === 'original').map((file) => file.sha256)).toEqual([mkvClip.sha256]);
    const done = (await core.auditReports.export({ ...supervisor, role: 'dpo' }, { target: `export:${own.id}` }, 'json')).map((entry) => `${entry.event} ${entry.actor.userId}`);
    expect(done).toEqual([`approval.request ${supervisor.userId}`, `access.denied ${supervisor.userId}`, `approval.approve ${secondSupervisor.userId}`]);
  }, 120_000);

  it('keeps a case reference with path characters inside the export folder', async () => {
    const job = await exportJob(supervisor, { kind: 'court', clips: [{ clipId: mkvClip.id, fromFrame: 0, toFrame: 9 }], caseReference: '../../etc/passwd', recipient: 'Y', withOriginals: false, zip: false });
    expect(job.status).toBe('done');
    expect(path.dirname(job.output ?? '')).toBe(exportFolder);
  }, 120_000);

  it('fails clearly, leaving nothing, when the original vanishes', async () => {
    const original = path.join(drive, metaClip.path);
    renameSync(original, `${original}.away`);
    try {
      const job = await exportJob(supervisor, { kind: 'court', clips: [{ clipId: metaClip.id }], caseReference: 'Vanished 1', recipient: 'Y', withOriginals: true, zip: false });
      expect(job.status).toBe('failed');
      expect(job.error).toContain(`clip ${metaClip.id} (${metaClip.path}): the original`);
      expect(job.error).toContain('it is no longer on the station drive');
      expect((existsSync(exportFolder) ? readdirSync(exportFolder) : []).filter((name) => name.includes('Vanished-1'))).toEqual([]);
    } finally {
      renameSync(`${original}.away`, original);
    }
  });

  it('cancels a running job and leaves no folder that looks complete', async () => {
    const started = await core.exports.start(supervisor, { kind: 'court', clips: [{ clipId: mkvClip.id }, { clipId: metaClip.id }], caseReference: 'Cancelled 1', recipient: 'Y', withOriginals: false, zip: false });
    await new Promise<void>((resolve) => {
      const unsubscribe = core.events.subscribe((event, payload) => {
        if (event === 'export.progress' && (payload as ExportJob).id === started.id && (payload as ExportJob).progress?.step === 'encode') {
          unsubscribe();
          resolve();
        }
      });
    });
    await core.exports.cancel(supervisor, started.id);
    await core.exports.idle();
    const job = await core.exports.get(started.id);
    expect(job.status).toBe('cancelled');
    expect(readdirSync(exportFolder).filter((name) => name.includes('Cancelled-1'))).toEqual([]);
    expect((await core.exports.list(supervisor)).find((listed) => listed.id === started.id)?.status).toBe('cancelled');
  }, 120_000);
});

describe('after a stop', () => {
  it('marks the jobs of a process that is gone as failed, leaves those of a living one, and deletes drafts when none runs', async () => {
    const jobs = core.db.dataSource.getRepository(ExportJobEntity);
    const row = { kind: 'still' as const, createdUtc: new Date().toISOString(), finishedUtc: null, userId: 'x', caseReference: null, recipient: null, clipIds: '[1]', request: '{}', output: null, sha256: null, files: '[]', error: null };
    const draft = path.join(exportFolder, '.Gerichtsexport_X_20260101T000000Z.partial');
    mkdirSync(draft, { recursive: true });
    writeFileSync(path.join(draft, 'bericht.pdf'), 'half');
    await jobs.insert({ ...row, id: 'gone', status: 'running', runner: `${os.hostname()}:999999999` });
    await jobs.insert({ ...row, id: 'alive', status: 'queued', runner: `${os.hostname()}:${process.pid}` });
    await jobs.insert({ ...row, id: 'elsewhere', status: 'running', runner: 'other-station:1' });
    await core.exports.recover();
    expect((await jobs.findOneByOrFail({ id: 'gone' })).status).toBe('failed');
    expect((await jobs.findOneByOrFail({ id: 'alive' })).status).toBe('queued');
    expect((await jobs.findOneByOrFail({ id: 'elsewhere' })).status).toBe('running');
    // Another process may still be writing its draft.
    expect(existsSync(draft)).toBe(true);
    await jobs.delete(['alive', 'elsewhere']);
    await core.exports.recover();
    expect(existsSync(draft)).toBe(false);
    await jobs.delete(['gone']);
  });
});

describe('command line', () => {
  /** The command as the supervisor, signed in with the password from $REVIER_PASSWORD. */
  const asSupervisor = (...args: string[]) => revierWith({ REVIER_PASSWORD: testPassword }, ...args, '--user', supervisor.userId);

  it('exports a range as a court package and prints the hashes', async () => {
    const out = tempFolder();
    const result = await asSupervisor('export', 'court', '--data', data, '--clip', String(mkvClip.id), '--from', '0', '--to', '9', '--case', 'AZ 7/26', '--recipient', 'AG Stuttgart', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [folder] = readdirSync(out);
    expect(folder).toMatch(/^Gerichtsexport_AZ-7-26_/);
    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(path.join(out, folder ?? '', 'manifest.json'), 'utf8')));
    expect(manifest.clips[0]?.frames).toEqual({ fromFrame: 0, toFrame: 9, frameCount: 10 });
    for (const file of manifest.files) expect(result.stdout).toContain(`${file.sha256}  ${file.path}`);
  }, 120_000);

  it('writes a still where --out says, with its hash file', async () => {
    const out = path.join(tempFolder(), 'lichtbild.png');
    const result = await asSupervisor('export', 'still', '--data', data, '--clip', String(metaClip.id), '--frame', '3', '--justification', 'Lichtbildmappe', '--out', out);
    expect(result.code).toBe(0);
    const hash = sha256(readFileSync(out));
    expect(readFileSync(`${out}.sha256`, 'utf8')).toBe(`${hash}  lichtbild.png\n`);
    expect(result.stdout).toContain(hash);
  });

  it('acts only for a person signed in with --user and the right password', async () => {
    const out = path.join(tempFolder(), 'lichtbild.png');
    const args = ['export', 'still', '--data', data, '--clip', String(metaClip.id), '--frame', '3', '--justification', 'Lichtbildmappe', '--out', out];
    const anonymous = await revierWith({ REVIER_PASSWORD: testPassword }, ...args);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toMatch(/required option '--user <name>' not specified/);
    expect(await revierWith({ REVIER_PASSWORD: 'not-the-password' }, ...args, '--user', supervisor.userId)).toMatchObject({ code: 2, stderr: 'revier: Wrong user name or password\n' });
    expect(existsSync(out)).toBe(false);
  });

  it('refuses unclear ranges and unknown clips with a one-line error', async () => {
    const out = tempFolder();
    const unpaired = await asSupervisor('export', 'court', '--data', data, '--clip', String(mkvClip.id), '--from', '3', '--case', 'A', '--recipient', 'B', '--out', out);
    expect(unpaired).toMatchObject({ code: 2, stderr: 'revier: give --from and --to together, once per clip\n' });
    const unknown = await asSupervisor('export', 'court', '--data', data, '--clip', '999999', '--case', 'A', '--recipient', 'B', '--out', out);
    expect(unknown).toMatchObject({ code: 2, stderr: 'revier: No clip with id 999999\n' });
    expect(readdirSync(out)).toEqual([]);
    const missing = await revier('export', 'verify', path.join(out, 'nothing-here'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('nothing-here');
  });
});
