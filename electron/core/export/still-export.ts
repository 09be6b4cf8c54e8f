// A still frame as an export of its own: `Standbild_clip-<id>_bild-<n>_<time>.png` in the export
// folder with a `.sha256` file beside it (the format `sha256sum -c` reads), written under a partial
// name and renamed when complete. Redacted unless the request asks otherwise and the role may.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StillExportRequest } from '../../../shared/api/exports.ts';
import type { ExportContext, ExportOutcome } from './export-context.ts';
import { compactUtc } from './export-names.ts';
import { frameUtc, loadExportSource } from './export-source.ts';
import { renderStill } from './still-frame.ts';

/** `fileName`: the still's name (the command line's --out); by default one made from clip, frame and time. */
export async function makeStillExport(context: ExportContext, request: StillExportRequest, fileName?: string): Promise<ExportOutcome> {
  const { progress, tools, signal } = context;
  const source = await context.db.transaction((manager) => loadExportSource(manager, context.settings.stationDrive, { clipId: request.clipId, fromFrame: request.frame, toFrame: request.frame }));
  progress.plan(1);
  progress.step('still', request.clipId);
  const name = fileName ?? `Standbild_clip-${request.clipId}_bild-${request.frame}_${compactUtc(context.createdUtc)}.png`;
  await mkdir(context.outputFolder, { recursive: true });
  const file = path.join(context.outputFolder, name);
  const partial = path.join(context.outputFolder, `.${name}.partial`);
  const caption = [
    ...(request.caseReference ? [`Az. ${request.caseReference}`] : []),
    `Clip ${request.clipId} · ${path.basename(source.clip.path)} · Bild ${request.frame}`,
    `${frameUtc(source, request.frame) ?? 'Aufnahmezeit unbekannt'} · ${request.unredacted ? 'UNGESCHWÄRZT' : 'geschwärzt'}`,
    `SHA-256 des Originals ${source.clip.sha256}`,
  ];
  try {
    const hash = await renderStill(source, request.frame, tools, partial, { redacted: !request.unredacted, caption, signal });
    signal.throwIfAborted();
    await writeFile(`${file}.sha256`, `${hash.sha256}  ${name}\n`, 'utf8');
    await rename(partial, file);
    progress.advance(1);
    return {
      output: file,
      sha256: hash.sha256,
      files: [{ path: name, role: 'still', ...hash }],
      auditDetails: { frame: request.frame, redacted: !request.unredacted, justification: request.justification, caseReference: request.caseReference ?? null, parentSha256: source.clip.sha256 },
    };
  } catch (error) {
    await rm(partial, { force: true });
    await rm(`${file}.sha256`, { force: true });
    throw error;
  }
}
