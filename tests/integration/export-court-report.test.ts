// The court report PDF, read back with the tools a court's IT has: poppler's pdftotext and pdfinfo.
// Every hash must come out whole, every marker text readable, every page headed with the case
// reference and numbered "Seite k von n", and no word may sit outside the page's margins.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  writeCourtReport,
  type CourtReport,
  type ReportCustodyEntry,
  type ReportMarker,
  type ReportRedaction,
  type ReportStill,
  type RedactionMethod,
  type RedactionReason,
} from '../../electron/core/export/court-report.ts';
import { detectMediaTools } from '../../electron/core/media/media-tools.ts';
import type { AuditAction } from '../../shared/api/audit.ts';
import type { Manifest, PackageClip, PackageFile } from '../../shared/exports/manifest.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const run = promisify(execFile);
const tempFolder = useTempFolders();

const caseReference = '123 Js 4567/24';
const createdUtc = '2024-03-04T09:15:30.000Z';
const sha256 = (value: string | Buffer) => createHash('sha256').update(value).digest('hex');

let pngs: Buffer[] = [];

beforeAll(async () => {
  const { ffmpeg } = await detectMediaTools();
  if (!ffmpeg) throw new Error('ffmpeg is needed');
  // Landscape, portrait and square stills, each a different picture.
  const sizes = ['320x180', '180x320', '240x240', '640x360'];
  pngs = await Promise.all(
    sizes.map(async (size, index) => {
      const { stdout } = await run(
        ffmpeg.path,
        ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`, '-ss', String(index)].concat(
          ['-frames:v', '1', '-f', 'image2pipe', '-vcodec', 'png', '-'],
        ),
        { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
      );
      return stdout;
    }),
  );
});

function clip(clipId: number, preRecord: PackageClip['preRecord']): PackageClip {
  return {
    clipId,
    originalName: `AXIS_W100_20240301_12000${clipId}.mp4`,
    originalSha256: sha256(`original ${clipId}`),
    originalSizeBytes: 123_456_789 + clipId,
    device: `Axis W100 SN ACCC8E00000${clipId}`,
    officer: `PK Beispiel ${clipId}`,
    startUtc: `2024-03-01T12:00:0${clipId}.000Z`,
    endUtc: `2024-03-01T12:01:0${clipId}.000Z`,
    clockSource: 'container',
    timeZone: 'Europe/Berlin',
    frames: { fromFrame: 0, toFrame: 1499, frameCount: 1500 },
    startSeconds: 0,
    endSeconds: 60,
    preRecord,
    masks: 0,
    audioRedactions: 0,
    markers: 0,
  };
}

/** The clip's counts of markers, masks and audio ranges, as the export service takes them from the lists. */
function counted(clip: PackageClip, markers: ReportMarker[], redactions: ReportRedaction[]): PackageClip {
  const own = redactions.filter((redaction) => redaction.clipId === clip.clipId);
  return {
    ...clip,
    markers: markers.filter((marker) => marker.clipId === clip.clipId).length,
    masks: own.filter((redaction) => redaction.kind === 'mask').length,
    audioRedactions: own.filter((redaction) => redaction.kind === 'audio').length,
  };
}

const frames = (fromFrame: number, toFrame: number) => ({ fromFrame, toFrame, frameCount: toFrame - fromFrame + 1 });
const purpose = 'Auswertung für das Ermittlungsverfahren wegen Widerstands gegen Vollstreckungsbeamte';

function packageFile(file: Partial<PackageFile> & Pick<PackageFile, 'path' | 'role'>): PackageFile {
  return { sha256: sha256(`file ${file.path}`), sizeBytes: 4096, clipId: null, parentSha256: null, frames: null, derivation: null, ...file };
}

const factText = (index: number) => `Beobachtung ${index}: Person in roter Jacke geht auf die Beamten zu`;
const assessmentText = (index: number) => `Einschätzung ${index}: Verhalten wirkt angriffsbereit`;
/** Long enough to run past the page: it continues below its still. */
const longSentences = Array.from({ length: 60 }, (_, index) => `Satz ${index + 1} der ausführlichen Beschreibung des Geschehens am Einsatzort.`);

interface Options {
  markers: number;
  redactions: number;
  custody: number;
}

function sampleReport({ markers: markerCount, redactions: redactionCount, custody: custodyCount }: Options): CourtReport {
  const stills: ReportStill[] = [];
  const markers: ReportMarker[] = Array.from({ length: markerCount }, (_, index) => {
    const clipId = index < markerCount / 2 ? 1 : 2;
    const statement = index % 3 === 2 ? 'assessment' : 'fact';
    const png = pngs[index % pngs.length];
    const still = index % 5 === 4 || !png ? null : { path: `stills/clip-${clipId}-marker-${index + 1}.png`, png, sha256: sha256(png) };
    if (still) stills.push(still);
    const startFrame = 30 * index;
    return {
      id: index + 1,
      clipId,
      startFrame,
      endFrame: index % 4 === 0 ? startFrame : startFrame + 25,
      mediaTime: `00:00:${String(index).padStart(2, '0')}.000–00:00:${String(index).padStart(2, '0')}.960`,
      wallClock: index % 7 === 6 ? null : `2024-03-01 12:00:${String(index).padStart(2, '0')} UTC`,
      category: index % 2 === 0 ? 'Widerstand' : 'Bedrohung',
      statement,
      text: index === 7 ? longSentences.join(' ') : statement === 'fact' ? factText(index + 1) : assessmentText(index + 1),
      author: index % 2 === 0 ? 'pk.mueller' : 'kok.schmidt',
      createdUtc: `2024-03-02T10:${String(index % 60).padStart(2, '0')}:00.000Z`,
      still,
    };
  });
  const methods: RedactionMethod[] = ['fill', 'pixelate', 'blur'];
  const reasons: RedactionReason[] = ['bystander', 'child', 'licence_plate', 'screen', 'document', 'badge', 'home_interior', 'other'];
  const redactions: ReportRedaction[] = Array.from({ length: redactionCount }, (_, index): ReportRedaction => {
    const common = {
      clipId: index % 2 === 0 ? 1 : 2,
      id: index + 1,
      startFrame: 10 * index,
      endFrame: 10 * index + 120,
      note: index % 4 === 0 ? `Hinweis ${index + 1}` : '',
      author: 'pk.mueller',
      createdUtc: '2024-03-02T11:00:00.000Z',
    };
    if (index % 6 === 5) return { ...common, kind: 'audio', effect: index % 12 === 5 ? 'mute' : 'bleep', channel: index % 12 === 5 ? null : 1 };
    return { ...common, kind: 'mask', method: methods[index % 3] ?? 'fill', blockSize: 16, reason: reasons[index % reasons.length] ?? 'other' };
  });
  const actions: AuditAction[] = ['collection', 'consultation', 'alteration', 'disclosure'];
  const custody: ReportCustodyEntry[] = Array.from({ length: custodyCount }, (_, index) => ({
    sequence: 100 + 3 * index,
    time: `2024-03-0${1 + (index % 3)}T12:${String(index % 60).padStart(2, '0')}:00.125Z`,
    userId: index % 2 === 0 ? 'pk.mueller' : 'kok.schmidt',
    role: index % 5 === 0 ? 'supervisor' : 'investigator',
    action: actions[index % actions.length] ?? 'consultation',
    event: index % 2 === 0 ? 'annotation.marker.create' : 'clip.view',
    details: `Clip ${1 + (index % 2)}, Eintrag ${index + 1}${index % 9 === 0 ? `, Begründung: ${purpose}` : ''}`,
    hash: sha256(`audit ${index}`),
  }));
  const files: PackageFile[] = [
    packageFile({ path: 'originals/AXIS_W100_20240301_120001.mp4', role: 'original', clipId: 1, sha256: sha256('original 1') }),
    packageFile({ path: 'originals/AXIS_W100_20240301_120002.mp4', role: 'original', clipId: 2, sha256: sha256('original 2') }),
    packageFile({ path: 'videos/clip-1-geschwaerzt.mp4', role: 'redacted-video', clipId: 1, parentSha256: sha256('original 1'), frames: frames(0, 1499) }),
    packageFile({ path: 'videos/clip-2-geschwaerzt.mp4', role: 'redacted-video', clipId: 2, parentSha256: sha256('original 2'), frames: frames(100, 1399) }),
    ...stills.map((still) => {
      const frame = markers.find((marker) => marker.still === still)?.startFrame ?? 0;
      return packageFile({ path: still.path, role: 'still', sha256: still.sha256, clipId: Number(/clip-(\d)/.exec(still.path)?.[1]), frames: frames(frame, frame) });
    }),
    packageFile({ path: 'schwaerzungsprotokoll.json', role: 'redaction-log' }),
    packageFile({ path: 'beweismarker.json', role: 'markers' }),
    packageFile({ path: 'protokollauszug.json', role: 'audit-extract' }),
    packageFile({ path: 'PRUEFANLEITUNG.txt', role: 'instructions' }),
    packageFile({ path: 'bericht.pdf', role: 'report', sha256: sha256('the report itself') }),
  ];
  const manifest: Manifest = {
    format: 'revier-export',
    formatVersion: 1,
    kind: 'court',
    exportId: 'exp-2024-0042',
    app: { name: 'Revier', version: '0.9.0' },
    createdUtc,
    exportedBy: { userId: 'pk.mueller', role: 'investigator' },
    caseReference,
    recipient: 'Staatsanwaltschaft Münster',
    legalBasis: '§ 100h StPO, § 15c PolG NRW',
    clips: [clip(1, { startUtc: '2024-03-01T11:59:30.000Z', endUtc: '2024-03-01T12:00:01.000Z', hasAudio: false }), clip(2, null)].map((clip) =>
      counted(clip, markers, redactions),
    ),
    files,
  };
  return { manifest, markers, redactions, custody, auditChainHead: custody.at(-1)?.hash ?? sha256('genesis') };
}

async function pdfText(file: string): Promise<string> {
  return (await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', ['-isodates', file]);
  return Object.fromEntries(
    stdout.split('\n').flatMap((line) => {
      const match = /^([^:]+):\s*(.*)$/.exec(line);
      return match ? [[match[1], match[2]]] : [];
    }),
  );
}

/** The running text of the pages without their header and footer lines, whitespace collapsed. */
function runningText(text: string): string {
  return text
    .split('\f')
    .map((page) => page.split('\n').filter((line) => !line.includes(`Az. ${caseReference}`) && !/Seite \d+ von \d+/.test(line)).join('\n'))
    .join('\n')
    .replace(/\s+/g, ' ');
}

async function writeSample(options: Options): Promise<{ report: CourtReport; file: string; text: string; pages: string[] }> {
  const report = sampleReport(options);
  const file = path.join(tempFolder(), 'bericht.pdf');
  await writeCourtReport(report, file);
  const text = await pdfText(file);
  return { report, file, text, pages: text.split('\f').filter((page) => page.trim() !== '') };
}

describe('court report', () => {
  it('prints the case, every hash whole, every marker and every section, on numbered pages', async () => {
    const { report, file, text, pages } = await writeSample({ markers: 40, redactions: 60, custody: 80 });
    const info = await pdfInfo(file);
    const pageCount = Number(info.Pages);
    expect(pageCount).toBeGreaterThan(5);
    expect(pages).toHaveLength(pageCount);
    expect(info.Title).toBe(`Gerichtsexport ${caseReference}`);
    expect(info.Subject).toBe(caseReference);
    expect(info.Creator).toBe('Revier');
    expect(info['Page size']).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);

    for (const title of ['Gerichtsexport', 'Beweismarker', 'Schwärzungsprotokoll', 'Beweiskette', 'Prüfanleitung']) expect(text).toContain(title);
    const cover = ['Aktenzeichen', caseReference, 'Staatsanwaltschaft Münster', '§ 100h StPO, § 15c PolG NRW', 'pk.mueller (Ermittler/in)'];
    for (const label of [...cover, '2024-03-04 09:15:30 UTC', 'Revier 0.9.0', 'exp-2024-0042']) expect(text).toContain(label);

    // The clips: names, devices, officers, times, frames, pre-recording.
    for (const clip of report.manifest.clips) {
      for (const value of [clip.originalName, clip.device, clip.officer, clip.originalSha256]) expect(text).toContain(value);
    }
    expect(text).toContain('0–1499 (1.500 Bilder)');
    expect(text).toContain('2024-03-01 11:59:30 UTC bis 2024-03-01 12:00:01 UTC, ohne Ton');
    expect(text).toContain('20 Beweismarker, 20 Masken, 10 Tonbereiche');
    expect(text).toContain('kein Pre-Recording');
    expect(text).toContain('videos/clip-2-geschwaerzt.mp4: Bilder 100–1399 (1.300 Bilder)');

    // Every hash of the package comes out whole; the report cannot list its own.
    const listed = report.manifest.files.filter((file) => file.role !== 'report');
    for (const packaged of listed) {
      expect(text).toContain(packaged.path);
      expect(text).toContain(packaged.sha256);
    }
    expect(text).not.toContain(sha256('the report itself'));
    const stills = report.markers.flatMap((marker) => (marker.still ? [marker.still] : []));
    expect(stills.length).toBeGreaterThan(25);
    for (const still of stills) expect(text).toContain(still.sha256);
    for (const entry of report.custody) expect(text).toContain(entry.hash);
    expect(text).toMatch(new RegExp(`Kettenkopf[\\s\\S]*${report.auditChainHead}`));

    // Every still is in the PDF at its own pixel size, in marker order, scaled without distortion.
    const images = (await run('pdfimages', ['-list', file])).stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => line.trim().split(/\s+/));
    expect(images.map((columns) => `${columns[3]}x${columns[4]}`)).toEqual(stills.map((still) => `${still.png.readUInt32BE(16)}x${still.png.readUInt32BE(20)}`));
    for (const columns of images) expect(Number(columns[12])).toBeCloseTo(Number(columns[13]), 0);

    // Markers: every text, facts and assessments told apart.
    const running = runningText(text);
    for (const marker of report.markers) expect(running).toContain(marker.text);
    expect(text.match(/Tatsache/g)?.length).toBeGreaterThanOrEqual(report.markers.filter((marker) => marker.statement === 'fact').length);
    expect(text.match(/Bewertung/g)?.length).toBeGreaterThanOrEqual(report.markers.filter((marker) => marker.statement === 'assessment').length);
    expect(text).toContain('Beweismarker 40 von 40');
    expect(text).toContain('Bilder 60–85');
    expect(text).toContain('Uhrzeit unbekannt');

    // Redactions in German.
    for (const word of ['Unbeteiligte Person', 'Kind', 'Kennzeichen', 'Bildschirm', 'Dokument', 'Dienstausweis/Namensschild', 'Wohnungsinneres', 'Sonstiges'])
      expect(text).toContain(word);
    for (const word of ['Schwärzung', 'Verpixelung (Block 16 px)', 'Weichzeichnung', 'Stummschaltung, alle Kanäle', 'Piepton, Kanal 1 (rechts)']) expect(text).toContain(word);
    expect(text.match(/Maske \d+/g)).toHaveLength(50);
    expect(text.match(/\bTon \d+/g)).toHaveLength(10);
    expect(text).toMatch(/Maske 1 +1 +0–120 +Schwärzung +Unbeteiligte Person +pk\.mueller/);
    expect(text).toMatch(/Bemerkung: Hinweis 1\n/);

    // Instructions.
    const commands = ['sha256sum --strict -c SHA256SUMS', 'shasum -a 256 --strict -c SHA256SUMS', 'Get-FileHash -Algorithm SHA256 <Datei>', 'certutil -hashfile <Datei> SHA256'];
    for (const words of [...commands, 'H.264', 'AAC', 'manifest.json']) expect(running).toContain(words);

    // Every page: the case reference in its header, its number in its footer.
    pages.forEach((page, index) => {
      expect(page).toContain(`Gerichtsexport · Az. ${caseReference}`);
      expect(page).toContain(`Seite ${index + 1} von ${pageCount}`);
    });
  });

  it('repeats table headers on every page a table runs onto and keeps every word inside the margins', async () => {
    const { file, pages } = await writeSample({ markers: 10, redactions: 120, custody: 150 });
    const redactionPages = pages.filter((page) => /Maske \d+/.test(page));
    const custodyPages = pages.filter((page) => /Eintrag \d+/.test(page));
    expect(redactionPages.length).toBeGreaterThan(1);
    expect(custodyPages.length).toBeGreaterThan(1);
    for (const page of redactionPages) expect(page).toMatch(/Art\s+Clip\s+Bilder von–bis\s+Methode\s+Grund\s+Erstellt/);
    for (const page of custodyPages) expect(page).toMatch(/Nr\.\s+Zeit \(UTC\)\s+Benutzer\s+Verarbeitung\s+Ereignis\s+Details/);

    const { stdout } = await run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    const words = [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => ({
      xMin: Number(match[1]),
      yMin: Number(match[2]),
      xMax: Number(match[3]),
      yMax: Number(match[4]),
      word: match[5],
    }));
    expect(words.length).toBeGreaterThan(5000);
    // Margins 50 pt left and right; header and footer inside 20 pt of the paper's edge.
    const outside = words.filter((word) => word.xMin < 49 || word.xMax > 595.28 - 49 || word.yMin < 20 || word.yMax > 841.89 - 20);
    expect(outside).toEqual([]);
  });

  it('keeps umlauts and ß, wraps long categories, names the still\'s frame, and says where it changed characters the standard font lacks', async () => {
    const report = sampleReport({ markers: 2, redactions: 1, custody: 1 });
    const [first] = report.markers;
    if (!first) throw new Error('no marker');
    first.text = 'Körperverletzung, Straße: Täter schlägt Geschädigten (ÄÖÜ äöü ß)';
    first.category = 'Körperverletzung';
    const second = report.markers[1];
    if (!second) throw new Error('no second marker');
    // The longest category the station allows (80 characters) wraps instead of being cut off.
    second.category = 'Gefährliche Körperverletzung mit einem gefährlichen Werkzeug, gemeinschaftlich';
    const [firstClip] = report.manifest.clips;
    if (!firstClip) throw new Error('no clip');
    firstClip.officer = 'PKin Şahin, POK Łukasz';
    // The range of clip 2 starts after the marker's first frame: its still shows the range's first frame.
    const stillFile = report.manifest.files.find((packaged) => packaged.path === second.still?.path);
    if (!stillFile) throw new Error('no still for the second marker');
    stillFile.frames = frames(40, 40);
    const file = path.join(tempFolder(), 'bericht.pdf');
    await writeCourtReport(report, file);
    const text = await pdfText(file);
    expect(text).toContain('Standbild von Bild 0 (geschwärzt): stills/clip-1-marker-1.png');
    expect(text).toContain('Standbild von Bild 40 (geschwärzt): stills/clip-2-marker-2.png');
    expect(text).toContain('Körperverletzung, Straße: Täter schlägt Geschädigten (ÄÖÜ äöü ß)');
    expect(text).toContain('Beweismarker 1 von 2 · Körperverletzung');
    // In drawing order (the marker's id stands beside the title's first line in the layout).
    const drawn = (await run('pdftotext', ['-raw', file, '-'])).stdout.replace(/\s+/g, ' ');
    expect(drawn).toContain(`Beweismarker 2 von 2 · ${second.category} ID 2`);
    expect(text).toContain('Staatsanwaltschaft Münster');
    expect(text).toContain('PKin Sahin, POK Lukasz');
    expect(runningText(text)).toContain('U+015E als S, U+0141 als L');
  });

  it('says so when there are no markers, no redactions and no audit entries', async () => {
    const { report, text, pages } = await writeSample({ markers: 0, redactions: 0, custody: 0 });
    expect(text).toContain('Keine Beweismarker');
    expect(text).toContain('Keine Schwärzungen');
    expect(text).toContain('Keine Protokolleinträge');
    expect(text).toContain(report.auditChainHead);
    expect(text).not.toContain('Tatsache ');
    expect(pages.length).toBeGreaterThanOrEqual(5);
  });

  it('gives the same bytes for the same report, dated by the manifest, not by the clock', async () => {
    const report = sampleReport({ markers: 6, redactions: 4, custody: 5 });
    const folder = tempFolder();
    const [first, second] = [path.join(folder, 'a.pdf'), path.join(folder, 'b.pdf')];
    await writeCourtReport(report, first);
    await writeCourtReport(report, second);
    expect(sha256(readFileSync(first))).toBe(sha256(readFileSync(second)));
    expect((await pdfInfo(first)).CreationDate).toBe('2024-03-04T09:15:30Z');
  });

  it('refuses a still whose hash does not match or that the manifest lacks, a marker of another clip, counts that disagree and an unwritable file, leaving no file', async () => {
    const folder = tempFolder();
    const file = path.join(folder, 'bericht.pdf');

    const badStill = sampleReport({ markers: 1, redactions: 0, custody: 0 });
    const [marker] = badStill.markers;
    if (!marker?.still) throw new Error('the first marker has a still');
    marker.still = { ...marker.still, sha256: sha256('another picture') };
    await expect(writeCourtReport(badStill, file)).rejects.toThrow('The still of marker 1: its SHA-256 does not match its PNG.');

    const unlisted = sampleReport({ markers: 1, redactions: 0, custody: 0 });
    unlisted.manifest.files = unlisted.manifest.files.filter((packaged) => packaged.role !== 'still');
    await expect(writeCourtReport(unlisted, file)).rejects.toThrow('The still of marker 1: the manifest lists no still stills/clip-1-marker-1.png with its SHA-256.');

    const otherClip = sampleReport({ markers: 1, redactions: 0, custody: 0 });
    const [stray] = otherClip.markers;
    if (!stray) throw new Error('no marker');
    stray.clipId = 9;
    await expect(writeCourtReport(otherClip, file)).rejects.toThrow('Marker 1 belongs to clip 9, which the manifest does not list.');
    expect(existsSync(file)).toBe(false);

    const miscounted = sampleReport({ markers: 4, redactions: 0, custody: 0 });
    const [counted] = miscounted.manifest.clips;
    if (!counted) throw new Error('no clip');
    counted.markers = 3;
    await expect(writeCourtReport(miscounted, file)).rejects.toThrow('Clip 1: the manifest counts 3 markers, the report lists 2.');

    const nowhere = path.join(folder, 'missing', 'bericht.pdf');
    await expect(writeCourtReport(sampleReport({ markers: 1, redactions: 0, custody: 0 }), nowhere)).rejects.toThrow(`The court report could not be written to ${nowhere}`);
    expect(existsSync(nowhere)).toBe(false);
  });
});
