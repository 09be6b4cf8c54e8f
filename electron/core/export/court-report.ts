// The human-readable report of a court package (Gerichtsexport) as a PDF: cover with the case and
// the clips, the files with their SHA-256, the evidence markers with their stills, the redaction
// log, the chain-of-custody extract and instructions to verify the hashes with standard tools.
// German, as it goes to German courts. Data in, PDF out: the export service gathers everything,
// this module checks that it is consistent and draws it; it reads no database and runs no ffmpeg.
//
// Standard PDF fonts only (Helvetica, Courier; nothing embedded), so text is WinAnsi: characters
// outside it are transliterated (ş → s) or become "?", and the report says so. A SHA-256 is always
// one Courier run on one line, so `pdftotext` and copy-and-paste yield it whole. Pages are
// buffered: header (case reference) and footer ("Seite k von n") are drawn at the end, in the
// margins. The PDF's dates come from the manifest, never from the clock, so the same report gives
// the same bytes.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { audioEffects, redactionMethods, redactionReasons, statements } from '../../../shared/api/annotations.ts';
import type { AuditAction } from '../../../shared/api/audit.ts';
import { ManifestSchema, Sha256Schema, type FileRole, type Manifest, type PackageClip, type PackageFile } from '../../../shared/exports/manifest.ts';
import { formatMediaTime } from '../../../shared/time/timecode.ts';
import { contentBottom, contentWidth, ink, page, PrintableText, ReportLayout, reportDocument, rule, styles } from './pdf-layout.ts';
import { actionNames, grouped, roleName, utcText } from './report-text.ts';

/** Everything the report shows. */
export interface CourtReport {
  /**
   * The package's manifest (kind `court`, with a case reference): case, recipient, legal basis,
   * exporter, time, clips and files with their hashes. A file of role `report` is not listed in
   * the report's file table: no file can hold its own hash (SHA256SUMS and manifest.json list it).
   */
  manifest: Manifest;
  /** Evidence markers of the package's clips, in the order the report shows them (clip, then frame). */
  markers: ReportMarker[];
  /** Every mask and audio range of the package's clips, in the order the redaction log shows them. */
  redactions: ReportRedaction[];
  /** The audit extract for the package's clips, oldest first. */
  custody: ReportCustodyEntry[];
  /** SHA-256 of the last audit entry the extract includes (the head of the hash chain). */
  auditChainHead: string;
}

export type MarkerStatement = (typeof statements)[number];
export type RedactionMethod = (typeof redactionMethods)[number];
export type RedactionReason = (typeof redactionReasons)[number];
export type AudioEffect = (typeof audioEffects)[number];

/** A still of a marker's first frame, redacted, as the package holds it. */
export interface ReportStill {
  /** Path of the still in the package, e.g. `stills/clip-1-marker-12.png`. */
  path: string;
  /** The PNG as written into the package. */
  png: Buffer;
  /** SHA-256 of `png` (lower-case hex); checked against `png` and against the manifest's file of role `still` at `path`. */
  sha256: string;
}

/** An evidence marker (Beweismarker). */
export interface ReportMarker {
  /** The marker's id on the exporting station. */
  id: number;
  clipId: number;
  /** Frames of the original, from 0 in display order; endFrame inclusive, equal for a point marker. */
  startFrame: number;
  endFrame: number;
  /** Media time of the frames in the original, as the export service formats it, e.g. `00:01:02.345–00:01:04.000`. */
  mediaTime: string;
  /** Wall-clock time of the first frame (UTC), formatted by the export service; null when the clip's clock is unknown. */
  wallClock: string | null;
  category: string;
  /** `fact`: what the picture shows (Tatsache); `assessment`: the reviewer's reading of it (Bewertung). */
  statement: MarkerStatement;
  text: string;
  /** User who set the marker. */
  author: string;
  /** When the marker was set (ISO 8601, UTC). */
  createdUtc: string;
  /**
   * The redacted still of the marker's first frame (within the exported range: the manifest's entry
   * for the still names the frame), or null when the package holds none.
   */
  still: ReportStill | null;
}

interface RedactionRecord {
  clipId: number;
  /** The mask's (track's) or audio range's id on the exporting station. */
  id: number;
  /** First and last frame covered (inclusive), frames of the original from 0 in display order. */
  startFrame: number;
  endFrame: number;
  /** Free text of the reviewer ('' for none). */
  note: string;
  /** User who made it. */
  author: string;
  /** When it was made (ISO 8601, UTC). */
  createdUtc: string;
}

/** A mask (Schwärzung) that hides an area of the picture. */
export interface ReportMaskRedaction extends RedactionRecord {
  kind: 'mask';
  method: RedactionMethod;
  /** Edge of a pixelation block in source pixels (shown for `pixelate`). */
  blockSize: number;
  reason: RedactionReason;
}

/** A range of frames whose audio is muted or bleeped. */
export interface ReportAudioRedaction extends RedactionRecord {
  kind: 'audio';
  effect: AudioEffect;
  /** The channel from 0 (0 left, 1 right, …), or null for all channels. */
  channel: number | null;
}

export type ReportRedaction = ReportMaskRedaction | ReportAudioRedaction;

/** One row of the audit extract (Beweiskette). */
export interface ReportCustodyEntry {
  /** The entry's sequence number in the station's audit log. */
  sequence: number;
  /** ISO 8601 UTC time of the entry. */
  time: string;
  userId: string;
  /** The user's role (`investigator`, `dpo`, …). */
  role: string;
  action: AuditAction;
  /** The short event name, e.g. `annotation.marker.create`. */
  event: string;
  /** A short human-readable summary of the entry's details. */
  details: string;
  /** The entry's SHA-256 in the hash chain. */
  hash: string;
}

/** Writes the report to `file` (replacing it); resolves when the file is written and closed. */
export async function writeCourtReport(report: CourtReport, file: string): Promise<void> {
  const creationDate = checkReport(report);
  const caseReference = report.manifest.caseReference ?? '';
  const text = new PrintableText();
  const doc = reportDocument(text, {
    title: `Gerichtsexport ${caseReference}`,
    subject: caseReference,
    author: report.manifest.exportedBy.userId,
    creator: report.manifest.app.name,
    creationDate,
  });
  const written = pipeline(doc, createWriteStream(file));
  try {
    drawReport(new ReportLayout(doc, text), report);
    doc.end();
    await written;
  } catch (error) {
    doc.destroy();
    await written.catch(() => undefined);
    await rm(file, { force: true });
    throw new Error(`The court report could not be written to ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

// --- Checks -------------------------------------------------------------------------------------

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Rejects a report that would print wrong or unverifiable facts; returns the PDF's creation date. */
function checkReport(report: CourtReport): Date {
  const manifest = ManifestSchema.safeParse(report.manifest);
  if (!manifest.success) throw new Error(`The court report's manifest is invalid: ${manifest.error.message}`);
  if (report.manifest.kind !== 'court' || !report.manifest.caseReference) {
    throw new Error('A court report needs the manifest of a court package with a case reference.');
  }
  const creationDate = new Date(report.manifest.createdUtc);
  if (Number.isNaN(creationDate.getTime())) throw new Error(`The manifest's createdUtc is not a time: ${report.manifest.createdUtc}`);
  const isSha256 = (value: string) => Sha256Schema.safeParse(value).success;
  if (!isSha256(report.auditChainHead)) throw new Error('The audit chain head is not a SHA-256 in lower-case hex.');
  for (const entry of report.custody) {
    if (!isSha256(entry.hash)) throw new Error(`Audit entry ${entry.sequence}: its hash is not a SHA-256 in lower-case hex.`);
  }
  const clipIds = new Set(report.manifest.clips.map((clip) => clip.clipId));
  for (const marker of report.markers) {
    if (!clipIds.has(marker.clipId)) throw new Error(`Marker ${marker.id} belongs to clip ${marker.clipId}, which the manifest does not list.`);
    if (!marker.still) continue;
    if (!isSha256(marker.still.sha256)) throw new Error(`The still of marker ${marker.id}: its SHA-256 is not in lower-case hex.`);
    if (createHash('sha256').update(marker.still.png).digest('hex') !== marker.still.sha256) {
      throw new Error(`The still of marker ${marker.id}: its SHA-256 does not match its PNG.`);
    }
    if (!pngSize(marker.still.png)) throw new Error(`The still of marker ${marker.id} is not a PNG.`);
    const { path, sha256 } = marker.still;
    if (!report.manifest.files.some((file) => file.path === path && file.role === 'still' && file.sha256 === sha256)) {
      throw new Error(`The still of marker ${marker.id}: the manifest lists no still ${path} with its SHA-256.`);
    }
  }
  for (const redaction of report.redactions) {
    if (!clipIds.has(redaction.clipId)) {
      throw new Error(`Redaction ${redaction.kind} ${redaction.id} belongs to clip ${redaction.clipId}, which the manifest does not list.`);
    }
  }
  // The report must not print counts on its cover that its own lists contradict.
  for (const clip of report.manifest.clips) {
    const counts = {
      markers: report.markers.filter((marker) => marker.clipId === clip.clipId).length,
      masks: report.redactions.filter((redaction) => redaction.clipId === clip.clipId && redaction.kind === 'mask').length,
      audioRedactions: report.redactions.filter((redaction) => redaction.clipId === clip.clipId && redaction.kind === 'audio').length,
    };
    for (const [key, count] of Object.entries(counts) as [keyof typeof counts, number][]) {
      if (clip[key] !== count) throw new Error(`Clip ${clip.clipId}: the manifest counts ${clip[key]} ${key}, the report lists ${count}.`);
    }
  }
  return creationDate;
}

/** Width and height of a PNG from its header, or null when the bytes are not a PNG. */
function pngSize(png: Buffer): { width: number; height: number } | null {
  if (png.length < 24 || !png.subarray(0, 8).equals(pngSignature) || png.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

// --- Words --------------------------------------------------------------------------------------

const statementNames: Record<MarkerStatement, string> = { fact: 'Tatsache', assessment: 'Bewertung' };
const methodNames: Record<RedactionMethod, string> = { fill: 'Schwärzung', pixelate: 'Verpixelung', blur: 'Weichzeichnung' };
const effectNames: Record<AudioEffect, string> = { mute: 'Stummschaltung', bleep: 'Piepton' };
const reasonNames: Record<RedactionReason, string> = {
  bystander: 'Unbeteiligte Person',
  child: 'Kind',
  licence_plate: 'Kennzeichen',
  screen: 'Bildschirm',
  document: 'Dokument',
  badge: 'Dienstausweis/Namensschild',
  home_interior: 'Wohnungsinneres',
  other: 'Sonstiges',
};
const fileRoleNames: Record<FileRole, string> = {
  'redacted-video': 'Geschwärztes Video',
  original: 'Original',
  'training-video': 'Schulungsvideo',
  still: 'Standbild',
  report: 'Bericht',
  'redaction-log': 'Schwärzungsprotokoll',
  markers: 'Beweismarker',
  'audit-extract': 'Protokollauszug',
  instructions: 'Prüfanleitung',
};

function framesText(fromFrame: number, toFrame: number): string {
  return fromFrame === toFrame ? `Bild ${fromFrame}` : `Bilder ${fromFrame}–${toFrame}`;
}

function channelText(channel: number | null): string {
  if (channel === null) return 'alle Kanäle';
  const side = channel === 0 ? ' (links)' : channel === 1 ? ' (rechts)' : '';
  return `Kanal ${channel}${side}`;
}

function redactionMethodText(redaction: ReportRedaction): string {
  if (redaction.kind === 'audio') return `${effectNames[redaction.effect]}, ${channelText(redaction.channel)}`;
  return redaction.method === 'pixelate' ? `${methodNames.pixelate} (Block ${redaction.blockSize} px)` : methodNames[redaction.method];
}

// --- The report ---------------------------------------------------------------------------------

function drawReport(layout: ReportLayout, report: CourtReport): void {
  const clips = new Map(report.manifest.clips.map((clip) => [clip.clipId, clip]));
  drawCover(layout, report.manifest);
  const stills = new Map(report.manifest.files.filter((file) => file.role === 'still').map((file) => [file.path, file]));
  drawMarkers(layout, report.markers, clips, stills);
  drawRedactions(layout, report.redactions);
  drawCustody(layout, report.custody, report.auditChainHead);
  drawInstructions(layout);
  const { manifest } = report;
  layout.decoratePages(
    `Gerichtsexport · Az. ${manifest.caseReference ?? ''}`,
    `${manifest.app.name} ${manifest.app.version} · Export ${manifest.exportId} · ${utcText(manifest.createdUtc)}`,
  );
}

function drawCover(layout: ReportLayout, manifest: Manifest): void {
  layout.doc.outline.addItem('Gerichtsexport');
  layout.y = page.top + 6;
  layout.y += layout.textAt(styles.title, 'Gerichtsexport', page.left, layout.y, contentWidth) + 4;
  const subtitle = 'Bericht zum Exportpaket: Aufzeichnungen, Hashwerte, Beweismarker, Schwärzungen, Beweiskette';
  layout.y += layout.textAt(styles.subtitle, subtitle, page.left, layout.y, contentWidth) + 16;
  layout.fields([
    { label: 'Aktenzeichen', value: manifest.caseReference ?? '' },
    { label: 'Empfänger', value: manifest.recipient ?? 'nicht angegeben' },
    { label: 'Rechtsgrundlage', value: manifest.legalBasis ?? 'nicht angegeben' },
    { label: 'Exportiert von', value: `${manifest.exportedBy.userId} (${roleName(manifest.exportedBy.role)})` },
    { label: 'Zeitpunkt (UTC)', value: utcText(manifest.createdUtc) },
    { label: 'Anwendung', value: `${manifest.app.name} ${manifest.app.version}` },
    { label: 'Export-ID', value: manifest.exportId },
  ]);
  layout.y += 6;
  layout.subsection(`Aufzeichnungen (${manifest.clips.length})`);
  for (const clip of manifest.clips) drawClip(layout, clip, manifest.files.filter((file) => file.clipId === clip.clipId && file.frames));
  const files = manifest.files.filter((file) => file.role !== 'report');
  layout.subsection(`Dateien im Paket (${files.length})`);
  layout.paragraph(
    styles.small,
    'Jede Datei mit ihrer Rolle, Größe und ihrem SHA-256-Hashwert. Dieser Bericht, manifest.json und SHA256SUMS stehen nicht in der Tabelle: ' +
      'SHA256SUMS führt alle Dateien des Pakets mit Hashwert auf, auch diesen Bericht und manifest.json (siehe Prüfanleitung).',
  );
  layout.table(
    [
      { title: 'Datei', width: 285 },
      { title: 'Rolle', width: 125 },
      { title: 'Größe (Bytes)', width: contentWidth - 410, align: 'right' },
    ],
    files.map((file) => ({
      cells: [file.path, file.clipId === null ? fileRoleNames[file.role] : `${fileRoleNames[file.role]}, Clip ${file.clipId}`, grouped(file.sizeBytes)],
      notes: [{ label: 'SHA-256', text: file.sha256, hash: true }],
    })),
  );
  if (files.length === 0) layout.paragraph(styles.body, 'Keine Dateien');
}

function drawClip(layout: ReportLayout, clip: PackageClip, derived: PackageFile[]): void {
  layout.ensureSpace(120);
  layout.y += 2;
  layout.y += layout.textAt(styles.label, `Clip ${clip.clipId}: ${clip.originalName}`, page.left, layout.y, contentWidth) + 4;
  const { fromFrame, toFrame, frameCount } = clip.frames;
  const preRecordAudio = clip.preRecord?.hasAudio === null ? 'Ton unbekannt' : clip.preRecord?.hasAudio ? 'mit Ton' : 'ohne Ton';
  const preRecord = clip.preRecord ? `${utcText(clip.preRecord.startUtc)} bis ${utcText(clip.preRecord.endUtc)}, ${preRecordAudio}` : 'kein Pre-Recording';
  layout.fields([
    { label: 'Originaldatei', value: clip.originalName },
    { label: 'Gerät', value: clip.device ?? 'unbekannt' },
    { label: 'Beamtin/Beamter', value: clip.officer ?? 'unbekannt' },
    { label: 'Beginn (UTC)', value: clip.startUtc ? utcText(clip.startUtc) : 'unbekannt' },
    { label: 'Ende (UTC)', value: clip.endUtc ? utcText(clip.endUtc) : 'unbekannt' },
    { label: 'Uhrzeitquelle', value: `${clip.clockSource ?? 'unbekannt'}${clip.timeZone ? ` (Zeitzone ${clip.timeZone})` : ''}` },
    { label: 'Bilder', value: `${fromFrame}–${toFrame} (${grouped(frameCount)} Bilder)` },
    { label: 'Medienzeit', value: `${formatMediaTime(clip.startSeconds)}–${formatMediaTime(clip.endSeconds)}` },
    { label: 'Pre-Recording', value: preRecord },
    { label: 'Annotationen', value: `${clip.markers} Beweismarker, ${clip.masks} Masken, ${clip.audioRedactions} Tonbereiche` },
    ...derived.map((file) => ({
      label: fileRoleNames[file.role],
      value: `${file.path}: ${file.frames ? `Bilder ${file.frames.fromFrame}–${file.frames.toFrame} (${grouped(file.frames.frameCount)} Bilder)` : ''}`,
    })),
    { label: 'Größe des Originals', value: `${grouped(clip.originalSizeBytes)} Bytes` },
    { label: 'SHA-256 des Originals', value: clip.originalSha256, mono: true },
  ]);
  layout.y += 8;
}

/** Size of a still in the marker block: it fits this box, keeping its aspect. */
const stillBox = { width: 168, height: 126 };

function drawMarkers(layout: ReportLayout, markers: ReportMarker[], clips: Map<number, PackageClip>, stills: Map<string, PackageFile>): void {
  layout.section('Beweismarker');
  layout.paragraph(
    styles.small,
    'Tatsache: was das Bild zeigt. Bewertung: die Einschätzung der auswertenden Person. Bildnummern beziehen sich auf das Original und zählen ab 0 in ' +
      'Anzeigereihenfolge. Standbilder zeigen das erste Bild des Markers mit den Schwärzungen des Pakets.',
    8,
  );
  if (markers.length === 0) {
    layout.paragraph(styles.body, 'Keine Beweismarker');
    return;
  }
  markers.forEach((marker, index) => {
    // The still shows the marker's first frame inside the exported range: the frame its manifest entry names.
    const stillFrame = marker.still ? (stills.get(marker.still.path)?.frames?.fromFrame ?? marker.startFrame) : null;
    drawMarker(layout, marker, { index, count: markers.length, clip: clips.get(marker.clipId), stillFrame });
  });
}

interface MarkerPlace {
  index: number;
  count: number;
  clip: PackageClip | undefined;
  /** The frame the still shows. */
  stillFrame: number | null;
}

function drawMarker(layout: ReportLayout, marker: ReportMarker, { index, count, clip, stillFrame }: MarkerPlace): void {
  const { doc } = layout;
  const textStyle = marker.statement === 'fact' ? styles.body : styles.bodyItalic;
  const body = marker.text.trim() === '' ? '(kein Text)' : marker.text;
  const author = `Gesetzt von ${marker.author}, ${utcText(marker.createdUtc)}`;
  const meta = [
    `Clip ${marker.clipId}${clip ? ` (${clip.originalName})` : ''}`,
    framesText(marker.startFrame, marker.endFrame),
    `Medienzeit ${marker.mediaTime}`,
    `Uhrzeit ${marker.wallClock ?? 'unbekannt'}`,
  ].join(' · ');
  const size = marker.still ? pngSize(marker.still.png) : null;
  const scale = size ? Math.min(stillBox.width / size.width, stillBox.height / size.height) : 0;
  const still = size ? { width: size.width * scale, height: size.height * scale } : null;
  const textX = still ? page.left + stillBox.width + 12 : page.left;
  const textWidth = page.left + contentWidth - textX;

  const badgeWidth = 62;
  const title = layout.text.of(`Beweismarker ${index + 1} von ${count} · ${marker.category}`);
  const titleWidth = contentWidth - badgeWidth - 8 - 60;
  const headHeight = Math.max(14, layout.heightOf(styles.label, title, titleWidth) + 3) + 4;
  const caption = layout.text.of(marker.still ? `Standbild von Bild ${stillFrame ?? marker.startFrame} (geschwärzt): ${marker.still.path}` : 'Kein Standbild');
  const captionHeight = layout.heightOf(styles.small, caption, contentWidth) + 2;
  const metaHeight = layout.heightOf(styles.small, layout.text.of(meta), contentWidth) + 6;
  const bodyHeight = layout.heightOf(textStyle, layout.text.of(body), textWidth) + 4 + layout.heightOf(styles.small, layout.text.of(author), textWidth);
  const stillNoteHeight = captionHeight + (marker.still ? styles.hashSmall.size + 8 : 4);
  const sideBySide = Math.max(still?.height ?? 0, bodyHeight);
  const blockHeight = headHeight + metaHeight + sideBySide + stillNoteHeight + 14;
  // A block that fits a page is never split; a longer text runs on below the still.
  const fitsPage = blockHeight <= contentBottom - page.top;
  layout.ensureSpace(fitsPage ? blockHeight : headHeight + metaHeight + (still?.height ?? 0) + stillNoteHeight + 40);

  const top = layout.y;
  if (marker.statement === 'fact') {
    doc.roundedRect(page.left, top, badgeWidth, 14, 2).fillColor('#1f4e79').fill();
    layout.use({ ...styles.label, color: '#ffffff' }).text(statementNames.fact, page.left, top + 3.5, { width: badgeWidth, align: 'center', lineBreak: false });
  } else {
    doc.roundedRect(page.left + 0.5, top + 0.5, badgeWidth - 1, 13, 2).lineWidth(1).fillAndStroke('#fff3df', '#a35f00');
    layout.use({ ...styles.label, color: '#7a4600' }).text(statementNames.assessment, page.left, top + 3.5, { width: badgeWidth, align: 'center', lineBreak: false });
  }
  layout.textAt(styles.label, title, page.left + badgeWidth + 8, top + 3, titleWidth);
  layout.textAt({ ...styles.small, color: '#888888' }, `ID ${marker.id}`, page.left + contentWidth - 60, top + 3.5, 60, 10);
  doc.fillColor(ink);
  layout.y = top + headHeight;
  layout.y += layout.textAt(styles.small, meta, page.left, layout.y, contentWidth) + 6;

  const rowTop = layout.y;
  if (marker.still && still) {
    doc.image(marker.still.png, page.left, rowTop, { width: still.width, height: still.height });
    doc.rect(page.left, rowTop, still.width, still.height).lineWidth(0.5).strokeColor(rule).stroke();
  }
  if (fitsPage) {
    const textHeight = layout.textAt(textStyle, body, textX, rowTop, textWidth);
    layout.textAt(styles.small, author, textX, rowTop + textHeight + 4, textWidth);
    layout.y = rowTop + sideBySide + 4;
  } else {
    layout.y = rowTop + (still?.height ?? 0) + 6;
  }
  layout.textAt(styles.small, caption, page.left, layout.y, contentWidth);
  layout.y += captionHeight;
  if (marker.still) {
    const labelWidth = layout.use(styles.small).widthOfString('SHA-256 ');
    layout.use(styles.small).text('SHA-256', page.left, layout.y, { lineBreak: false });
    layout.use(styles.hashSmall).text(marker.still.sha256, page.left + labelWidth, layout.y + 0.5, { lineBreak: false });
    layout.y += styles.hashSmall.size + 8;
  } else {
    layout.y += 4;
  }
  if (!fitsPage) {
    layout.paragraph(textStyle, body, 3);
    layout.paragraph(styles.small, author, 3);
  }
  layout.y += 2;
  layout.hrule(layout.y, 0.4, rule);
  layout.y += 10;
}

function drawRedactions(layout: ReportLayout, redactions: ReportRedaction[]): void {
  layout.section('Schwärzungsprotokoll');
  if (redactions.length === 0) {
    layout.paragraph(styles.body, 'Keine Schwärzungen');
    return;
  }
  const masks = redactions.filter((redaction) => redaction.kind === 'mask');
  const blurred = masks.some((mask) => mask.method === 'blur');
  layout.paragraph(
    styles.small,
    `${masks.length} Masken im Bild, ${redactions.length - masks.length} Tonbereiche. Bilder von–bis einschließlich, Bildnummern des Originals ab 0. ` +
      `Kanäle zählen ab 0 (0 links, 1 rechts).${blurred ? ' Eine Weichzeichnung kann teilweise umkehrbar sein.' : ''}`,
    8,
  );
  layout.table(
    [
      { title: 'Art', width: 56 },
      { title: 'Clip', width: 26 },
      { title: 'Bilder von–bis', width: 66 },
      { title: 'Methode', width: 112 },
      { title: 'Grund', width: 112 },
      { title: 'Erstellt', width: contentWidth - 372 },
    ],
    redactions.map((redaction) => ({
      cells: [
        `${redaction.kind === 'mask' ? 'Maske' : 'Ton'} ${redaction.id}`,
        String(redaction.clipId),
        `${redaction.startFrame}–${redaction.endFrame}`,
        redactionMethodText(redaction),
        redaction.kind === 'mask' ? reasonNames[redaction.reason] : '—',
        `${redaction.author}\n${utcText(redaction.createdUtc)}`,
      ],
      notes: redaction.note.trim() === '' ? [] : [{ label: 'Bemerkung:', text: redaction.note }],
    })),
  );
}

function drawCustody(layout: ReportLayout, custody: ReportCustodyEntry[], chainHead: string): void {
  layout.section('Beweiskette');
  layout.paragraph(
    styles.small,
    'Auszug aus dem Protokoll der Dienststelle zu den exportierten Aufzeichnungen, älteste Einträge zuerst. Jeder Eintrag ist mit SHA-256 an seinen Vorgänger ' +
      'gekettet; Lücken in den laufenden Nummern sind Einträge, die nicht diese Aufzeichnungen betreffen. ' +
      'Die Kette lässt sich im vollständigen Protokoll der Dienststelle prüfen.',
    8,
  );
  if (custody.length === 0) {
    layout.paragraph(styles.body, 'Keine Protokolleinträge');
  } else {
    layout.table(
      [
        { title: 'Nr.', width: 36, align: 'right' },
        { title: 'Zeit (UTC)', width: 64 },
        { title: 'Benutzer', width: 90 },
        { title: 'Verarbeitung', width: 60 },
        { title: 'Ereignis', width: 114 },
        { title: 'Details', width: contentWidth - 364 },
      ],
      custody.map((entry) => ({
        cells: [
          String(entry.sequence),
          utcText(entry.time).replace(' UTC', '').replace(' ', '\n'),
          `${entry.userId}\n${roleName(entry.role)}`,
          actionNames[entry.action],
          entry.event,
          entry.details,
        ],
        notes: [{ label: 'SHA-256', text: entry.hash, hash: true }],
      })),
    );
  }
  layout.ensureSpace(40);
  layout.fields([{ label: 'Kettenkopf (SHA-256 des letzten Eintrags)', value: chainHead, mono: true }], 180);
}

function drawInstructions(layout: ReportLayout): void {
  layout.section('Prüfanleitung');
  const code = (line: string) => layout.code(line);
  layout.subsection('1. Hashwerte prüfen');
  layout.paragraph(
    styles.body,
    'Die Datei SHA256SUMS im Paket führt jede Datei des Pakets mit ihrem SHA-256-Hashwert auf, auch manifest.json und diesen Bericht. ' +
      'Die Prüfung braucht keine besondere Software. Im Ordner des Pakets ausführen:',
  );
  layout.paragraph(styles.label, 'Linux:', 2);
  code('sha256sum --strict -c SHA256SUMS');
  layout.paragraph(styles.label, 'macOS:', 2);
  code('shasum -a 256 --strict -c SHA256SUMS');
  layout.paragraph(styles.body, 'Jede Datei muss mit „OK“ gemeldet werden; jede andere Meldung (z. B. „FAILED“) zeigt eine veränderte oder fehlende Datei.');
  layout.paragraph(styles.label, 'Windows (PowerShell), für jede Datei:', 2);
  code('Get-FileHash -Algorithm SHA256 <Datei>');
  layout.paragraph(styles.label, 'Windows (Eingabeaufforderung), für jede Datei:', 2);
  code('certutil -hashfile <Datei> SHA256');
  layout.paragraph(
    styles.body,
    'Den ausgegebenen Hashwert mit dem Wert der Datei in SHA256SUMS vergleichen. Groß- und Kleinschreibung der Buchstaben a–f spielt keine Rolle ' +
      '(PowerShell zeigt Großbuchstaben, SHA256SUMS Kleinbuchstaben).',
  );
  layout.paragraph(
    styles.body,
    'Die in diesem Bericht abgedruckten Hashwerte der Dateien und Originale müssen mit SHA256SUMS und manifest.json übereinstimmen. ' +
      'Der Hashwert dieses Berichts selbst kann nicht in ihm stehen; er steht in SHA256SUMS und in manifest.json.',
  );
  layout.subsection('2. Videos ansehen');
  layout.paragraph(
    styles.body,
    'Die geschwärzten Videos sind MP4-Dateien mit H.264-Video und AAC-Ton. Sie laufen in jedem gängigen Abspielprogramm (z. B. VLC, ' +
      'Windows Media Player, QuickTime) ohne besondere Software.',
  );
  layout.paragraph(
    styles.body,
    'Bildnummern zählen ab 0 in Anzeigereihenfolge: Bild 0 ist das erste angezeigte Bild des Originals. Alle Bildnummern in diesem Bericht ' +
      'beziehen sich auf das Original; welche Bilder des Originals eine geschwärzte Fassung zeigt, steht bei der Aufzeichnung auf der ersten Seite. ' +
      'Medienzeiten zählen ab Beginn der Originaldatei; Uhrzeiten sind in UTC angegeben (MEZ = UTC + 1 Stunde, MESZ = UTC + 2 Stunden).',
  );
  layout.subsection('3. Maschinenlesbare Angaben');
  layout.paragraph(
    styles.body,
    'manifest.json beschreibt das Paket maschinenlesbar: Aktenzeichen, Aufzeichnungen, Dateien mit Hashwerten und wie jede abgeleitete Datei ' +
      'entstanden ist (Werkzeug, Version, Parameter, Bearbeiter, Zeitpunkt). SHA256SUMS deckt auch manifest.json ab.',
  );
  if (layout.text.changed.size > 0) {
    const changes = layout.text.describeChanges();
    layout.subsection('Hinweis zur Schrift');
    layout.paragraph(
      styles.body,
      'Zeichen außerhalb des Zeichensatzes der PDF-Standardschrift sind in diesem Bericht umschrieben oder als ? gedruckt ' +
        `(Unicode-Nummer als Ersatz): ${changes}. Die unveränderten Texte stehen in den maschinenlesbaren Dateien des Pakets.`,
    );
  }
}
