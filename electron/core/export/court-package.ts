// The court package (Gerichtsexport): for each clip or range of a case the redacted copy (checked
// frame by frame, render-check.ts), optionally the original byte for byte, the redaction log, the
// evidence markers with stills, the audit extract, a PDF report, a manifest and SHA256SUMS. It is
// made in a hidden draft folder and named only when complete and verified (package-integrity.ts);
// a ZIP of it replaces the folder when asked for.
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CourtExportRequest, ExportedFile } from '../../../shared/api/exports.ts';
import { canonicalJson } from '../../../shared/canonical-json.ts';
import { MANIFEST_FILE, type Manifest, type PackageClip, type PackageFile } from '../../../shared/exports/manifest.ts';
import { formatMediaTime } from '../../../shared/time/timecode.ts';
import { shownRanges } from '../../../shared/tracks/interpolation.ts';
import { sha256File } from '../library/analysis/hash.ts';
import { frameEndSeconds, frameSeconds } from '../library/derived/frame-times.ts';
import { renderSettings, type RenderPlan } from '../redaction/render-plan.ts';
import { renderVideoInThread } from '../redaction/render-thread.ts';
import type { ExportContext, ExportOutcome } from './export-context.ts';
import { compactUtc, safeName } from './export-names.ts';
import { frameUtc, loadExportSource, type ExportSource } from './export-source.ts';
import { writeCourtReport, type ReportCustodyEntry, type ReportMarker, type ReportRedaction } from './court-report.ts';
import { verifyPackage, writeChecksums } from './package-integrity.ts';
import { PackageDraft } from './package-draft.ts';
import { renderStill } from './still-frame.ts';
import { writeZip } from './zip-writer.ts';
import { ServiceError } from '../service-error.ts';

/** Markers with a still in the report; further markers are listed without one. */
export const MAX_MARKER_STILLS = 100;

const INSTRUCTIONS = `Gerichtsexport – Prüfanleitung

Dieses Paket wurde mit Revier erstellt. Jede Datei ist mit ihrem SHA-256-Hashwert in SHA256SUMS
aufgeführt (auch manifest.json und der Bericht). So prüfen Sie, dass keine Datei verändert wurde:

  Linux:    sha256sum --strict -c SHA256SUMS
  macOS:    shasum -a 256 --strict -c SHA256SUMS
  Windows:  Get-FileHash -Algorithm SHA256 <Datei>   (PowerShell; Wert mit SHA256SUMS vergleichen)

Jede Zeile muss "OK" melden. manifest.json beschreibt jede Datei (Rolle, Hashwert, Hashwert der
Ausgangsdatei, Bildbereich, Werkzeug und Parameter). Die geschwärzten Videos sind H.264/AAC-MP4 und
laufen in jedem üblichen Abspielprogramm. Bildnummern zählen ab 0 in Anzeigereihenfolge; die Kopie
hat dieselben Bilder mit denselben Abständen wie der Bereich des Originals, beginnend bei 0 s.
`;

function rangeText(source: ExportSource, from: number, to: number): string {
  const { index } = source.render;
  const start = formatMediaTime(frameSeconds(index, from));
  return from === to ? start : `${start}–${formatMediaTime(frameEndSeconds(index, to))}`;
}

function renderPlan(source: ExportSource): RenderPlan {
  return {
    source: source.render,
    from: source.from,
    to: source.to,
    tracks: source.annotations.tracks,
    audio: { kind: 'original', cuts: source.annotations.audio },
    wholePicture: null,
    watermark: null,
    anonymous: false,
  };
}

const overlaps = (start: number, end: number, source: ExportSource) => end >= source.from && start <= source.to;

function packageClip(source: ExportSource, originalName: string, redactions: readonly ReportRedaction[]): PackageClip {
  const { clip, recording, metadata, from, to, render } = source;
  const own = redactions.filter((redaction) => redaction.clipId === clip.id);
  return {
    clipId: clip.id,
    originalName,
    originalSha256: clip.sha256,
    originalSizeBytes: clip.sizeBytes,
    device: recording.device,
    officer: recording.officer,
    startUtc: frameUtc(source, from),
    endUtc: frameUtc(source, to, 'end'),
    clockSource: recording.startSource,
    timeZone: recording.timeZone,
    frames: { fromFrame: from, toFrame: to, frameCount: to - from + 1 },
    startSeconds: frameSeconds(render.index, from),
    endSeconds: frameEndSeconds(render.index, to),
    preRecord: metadata.preRecord ?? null,
    masks: own.filter((redaction) => redaction.kind === 'mask').length,
    audioRedactions: own.filter((redaction) => redaction.kind === 'audio').length,
    markers: source.annotations.markers.filter((marker) => overlaps(marker.startFrame, marker.endFrame, source)).length,
  };
}

function redactionLog(sources: ExportSource[]): ReportRedaction[] {
  return sources.flatMap((source) => [
    ...source.annotations.tracks
      .map((track) => {
        // The frames the mask is shown on inside the range (a track without a closing `outside` lasts to the clip's end).
        const shown = shownRanges(track.keyframes, source.render.index.pts.length)
          .map(([start, end]): [number, number] => [Math.max(start, source.from), Math.min(end, source.to)])
          .filter(([start, end]) => end >= start);
        return { track, startFrame: shown[0]?.[0] ?? -1, endFrame: shown.at(-1)?.[1] ?? -1 };
      })
      .filter(({ startFrame }) => startFrame >= 0)
      .map(({ track, startFrame, endFrame }): ReportRedaction => ({
        kind: 'mask',
        clipId: source.clip.id,
        id: track.id,
        startFrame,
        endFrame,
        method: track.method,
        blockSize: track.blockSize,
        reason: track.reason,
        note: track.note,
        author: track.author,
        createdUtc: track.createdUtc,
      })),
    ...source.annotations.audio
      .filter((cut) => overlaps(cut.startFrame, cut.endFrame, source))
      .map((cut): ReportRedaction => ({
        kind: 'audio',
        clipId: source.clip.id,
        id: cut.id,
        startFrame: cut.startFrame,
        endFrame: cut.endFrame,
        effect: cut.effect,
        channel: cut.channel,
        note: cut.note,
        author: cut.author,
        createdUtc: cut.createdUtc,
      })),
  ]);
}

class PackageFiles {
  readonly files: PackageFile[] = [];

  async add(draft: PackageDraft, relative: string, entry: Omit<PackageFile, 'path' | 'sha256' | 'sizeBytes'>, hash?: { sha256: string; sizeBytes: number }): Promise<PackageFile> {
    const { sha256, sizeBytes } = hash ?? (await sha256File(await draft.file(relative)));
    const file: PackageFile = { path: relative, sha256, sizeBytes, ...entry };
    this.files.push(file);
    return file;
  }

  async json(draft: PackageDraft, relative: string, value: unknown, entry: Omit<PackageFile, 'path' | 'sha256' | 'sizeBytes'>): Promise<PackageFile> {
    await writeFile(await draft.file(relative), `${JSON.stringify(value, null, 2)}\n`, 'utf8');
    return this.add(draft, relative, entry);
  }
}

const packageEntry = { clipId: null, parentSha256: null, frames: null, derivation: null };

export async function makeCourtPackage(context: ExportContext, request: CourtExportRequest): Promise<ExportOutcome> {
  const { signal, progress, tools, actor } = context;
  const sources = await context.db.transaction(async (manager) => {
    const loaded: ExportSource[] = [];
    for (const clip of request.clips) loaded.push(await loadExportSource(manager, context.settings.stationDrive, clip));
    return loaded;
  });
  const frames = sources.reduce((sum, source) => sum + source.to - source.from + 1, 0);
  progress.plan(frames * 2);
  const legalBasis = request.legalBasis || context.settings.legalBasis;
  const name = `Gerichtsexport_${safeName(request.caseReference)}_${compactUtc(context.createdUtc)}`;
  const draft = await PackageDraft.begin(context.outputFolder, name);
  try {
    const files = new PackageFiles();
    const redactions = redactionLog(sources);
    const clips = sources.map((source) => packageClip(source, path.basename(source.clip.path), redactions));
    for (const source of sources) {
      const { clip } = source;
      const originalName = path.basename(clip.path);
      progress.step('verify-original', clip.id);
      const original = await sha256File(source.render.file, { signal });
      if (original.sha256 !== clip.sha256) {
        throw new ServiceError('unavailable', `clip ${clip.id} (${clip.path}): integrity alarm, the original's SHA-256 is ${original.sha256}, at ingest it was ${clip.sha256}; nothing was exported`);
      }
      const stem = `clip-${clip.id}_${source.from}-${source.to}`;
      const videoPath = `videos/${stem}_geschwaerzt.mp4`;
      const meter = progress.render(clip.id, source.to - source.from + 1);
      const plan = renderPlan(source);
      const check = await renderVideoInThread(plan, tools, await draft.file(videoPath), { signal, purpose: `the redacted copy of clip ${clip.id}`, onProgress: meter.onProgress });
      meter.finish();
      await files.add(draft, videoPath, {
        role: 'redacted-video',
        clipId: clip.id,
        parentSha256: clip.sha256,
        frames: { fromFrame: source.from, toFrame: source.to, frameCount: source.to - source.from + 1 },
        derivation: {
          tool: 'ffmpeg',
          toolVersion: tools.ffmpegVersion,
          parameters: {
            ...renderSettings,
            masks: source.annotations.tracks.map((track) => ({ trackId: track.id, version: track.version, method: track.method, shape: track.shape, blockSize: track.blockSize, keyframes: track.keyframes.length })),
            audioRedactions: source.annotations.audio.map((cut) => ({ id: cut.id, version: cut.version })),
            timing: 'timestamps of the original less that of the first frame of the range',
            check,
          },
          operator: actor.userId,
          madeUtc: new Date().toISOString(),
        },
      });
      if (request.withOriginals) {
        progress.step('originals', clip.id);
        const copyPath = `originale/clip-${clip.id}_${safeName(originalName)}`;
        await copyFile(source.render.file, await draft.file(copyPath));
        const copied = await sha256File(await draft.file(copyPath), { signal });
        if (copied.sha256 !== clip.sha256) throw new ServiceError('unavailable', `clip ${clip.id}: the copy of the original has SHA-256 ${copied.sha256}, not ${clip.sha256}; nothing was exported`);
        await files.add(draft, copyPath, { role: 'original', clipId: clip.id, parentSha256: null, frames: null, derivation: null }, copied);
      }
    }

    progress.step('stills', null);
    const markers: ReportMarker[] = [];
    for (const source of sources) {
      for (const marker of source.annotations.markers.filter((m) => overlaps(m.startFrame, m.endFrame, source))) {
        const frame = Math.max(marker.startFrame, source.from);
        let still: ReportMarker['still'] = null;
        if (markers.filter((m) => m.still).length < MAX_MARKER_STILLS) {
          const stillPath = `standbilder/clip-${source.clip.id}_marker-${marker.id}_bild-${frame}.png`;
          const caption = [`Az. ${request.caseReference} · Clip ${source.clip.id} · Bild ${frame}`, frameUtc(source, frame) ?? 'Uhrzeit unbekannt'];
          const hash = await renderStill(source, frame, tools, await draft.file(stillPath), { redacted: true, caption, signal });
          await files.add(draft, stillPath, { role: 'still', clipId: source.clip.id, parentSha256: source.clip.sha256, frames: { fromFrame: frame, toFrame: frame, frameCount: 1 }, derivation: { tool: 'ffmpeg', toolVersion: tools.ffmpegVersion, parameters: { redacted: true, caption, markerId: marker.id }, operator: actor.userId, madeUtc: new Date().toISOString() } }, hash);
          still = { path: stillPath, png: await readFile(await draft.file(stillPath)), sha256: hash.sha256 };
        }
        markers.push({
          id: marker.id,
          clipId: source.clip.id,
          startFrame: marker.startFrame,
          endFrame: marker.endFrame,
          mediaTime: rangeText(source, marker.startFrame, Math.min(marker.endFrame, source.render.index.pts.length - 1)),
          wallClock: frameUtc(source, marker.startFrame),
          category: marker.category,
          statement: marker.statement,
          text: marker.text,
          author: marker.author,
          createdUtc: marker.createdUtc,
          still,
        });
      }
    }

    progress.step('report', null);
    // The log, and every logged mask's keyframes: enough to draw each mask again.
    const logged = (clipId: number, trackId: number) => redactions.some((redaction) => redaction.kind === 'mask' && redaction.clipId === clipId && redaction.id === trackId);
    const masks = sources.flatMap((source) => source.annotations.tracks.filter((track) => logged(source.clip.id, track.id)).map((track) => ({ clipId: source.clip.id, ...track })));
    await files.json(draft, 'schwaerzungsprotokoll.json', { format: 'revier-redaction-log', formatVersion: 1, redactions, masks }, { ...packageEntry, role: 'redaction-log' });
    await files.json(draft, 'beweismarker.json', { format: 'revier-evidence-markers', formatVersion: 1, markers: markers.map(({ still, ...marker }) => ({ ...marker, still: still?.path ?? null })) }, { ...packageEntry, role: 'markers' });
    const audit = await context.audit.extract(sources.map((source) => `clip:${source.clip.id}`));
    const custody: ReportCustodyEntry[] = audit.map((entry) => ({
      sequence: entry.sequence,
      time: entry.time,
      userId: entry.actor.userId,
      role: entry.actor.role,
      action: entry.action,
      event: entry.event,
      details: canonicalJson(entry.details).slice(0, 300),
      hash: entry.hash,
    }));
    const auditChainHead = audit.at(-1)?.hash ?? '';
    await files.json(draft, 'protokollauszug.json', { format: 'revier-audit-extract', formatVersion: 1, chainHead: auditChainHead, entries: audit }, { ...packageEntry, role: 'audit-extract' });
    await writeFile(await draft.file('LIESMICH.txt'), INSTRUCTIONS, 'utf8');
    await files.add(draft, 'LIESMICH.txt', { ...packageEntry, role: 'instructions' });

    const manifest = (): Manifest => ({
      format: 'revier-export',
      formatVersion: 1,
      kind: 'court',
      exportId: context.exportId,
      app: { name: 'Revier', version: context.appVersion },
      createdUtc: context.createdUtc,
      exportedBy: { userId: actor.userId, role: actor.role },
      caseReference: request.caseReference,
      recipient: request.recipient,
      legalBasis,
      clips,
      files: files.files,
    });
    await writeCourtReport({ manifest: manifest(), markers, redactions, custody, auditChainHead }, await draft.file('bericht.pdf'));
    await files.add(draft, 'bericht.pdf', { ...packageEntry, role: 'report' });
    await writeFile(await draft.file(MANIFEST_FILE), `${JSON.stringify(manifest(), null, 2)}\n`, 'utf8');
    await writeChecksums(draft.folder, [MANIFEST_FILE, ...files.files.map((file) => file.path)]);
    const verification = await verifyPackage(draft.folder);
    if (!verification.ok) throw new Error(`The package failed its own verification: ${verification.problems.join('; ')}`);
    signal.throwIfAborted();

    const exported: ExportedFile[] = files.files.map(({ path: filePath, role, sha256, sizeBytes }) => ({ path: filePath, role, sha256, sizeBytes }));
    const auditDetails = {
      caseReference: request.caseReference,
      recipient: request.recipient,
      legalBasis,
      withOriginals: request.withOriginals,
      clips: clips.map((clip) => ({ clipId: clip.clipId, originalSha256: clip.originalSha256, ...clip.frames })),
      files: exported.map((file) => ({ path: file.path, sha256: file.sha256 })),
    };
    if (!request.zip) return { output: await draft.commit(), sha256: null, files: exported, auditDetails };
    progress.step('zip', null);
    const folder = await draft.commit();
    const zipFile = `${folder}.zip`;
    try {
      await writeZip(folder, zipFile, { signal });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    const zip = await sha256File(zipFile);
    return { output: zipFile, sha256: zip.sha256, files: exported, auditDetails: { ...auditDetails, zipSha256: zip.sha256 } };
  } catch (error) {
    await draft.discard();
    throw error;
  }
}
