// An anonymised training clip (Schulungsmaterial): the clip's masks, optionally everything but
// chosen areas pixelated, the sound removed or replaced by a tone, a visible watermark, no metadata
// (no tags, no encoder names, no SEI), and a random name. The package names no clip, file, hash,
// frame range, device, officer or time of the source; only the station's audit entry links the two.
// After encoding, ffprobe must find no tag beyond the container's structural ones.
import { randomBytes } from 'node:crypto';
import type { ExportedFile, TrainingExportRequest } from '../../../shared/api/exports.ts';
import { CHECKSUM_FILE, MANIFEST_FILE, type Manifest } from '../../../shared/exports/manifest.ts';
import { sha256File } from '../library/analysis/hash.ts';
import { runFfprobe } from '../library/analysis/run-ffprobe.ts';
import { findFont } from '../media/fonts.ts';
import { renderSettings, type RenderPlan } from '../redaction/render-plan.ts';
import { renderVideoInThread } from '../redaction/render-thread.ts';
import { ServiceError } from '../service-error.ts';
import type { ExportContext, ExportOutcome } from './export-context.ts';
import { loadExportSource } from './export-source.ts';
import { verifyPackage, writeChecksums } from './package-integrity.ts';
import { PackageDraft } from './package-draft.ts';
import { writeFile } from 'node:fs/promises';

export const WATERMARK = 'Schulungsmaterial';

/** Tags an MP4 carries by its structure alone; any other tag found fails the export. */
const STRUCTURAL_TAGS = new Set(['major_brand', 'minor_version', 'compatible_brands', 'handler_name', 'vendor_id', 'language']);
/** The codec's name the MP4 muxer writes into the video sample description (bitexact: no version). */
const CODEC_NAME_TAG = /^encoder="?Lavc [a-z0-9_]+"?$/;

function isStructural(tag: string): boolean {
  return STRUCTURAL_TAGS.has(tag.split('=')[0] ?? '') || CODEC_NAME_TAG.test(tag);
}

/** Every container and stream tag ffprobe reads in the file, as `name=value`. */
export async function metadataTags(file: string, ffprobePath: string): Promise<string[]> {
  const tags: string[] = [];
  const exit = await runFfprobe(ffprobePath, ['-v', 'error', '-show_entries', 'format_tags:stream_tags', '-of', 'flat', file], (line) => {
    const match = /^(?:format|streams\.stream\.\d+)\.tags\.([^=]+)=(.*)$/.exec(line.trim());
    if (match) tags.push(`${match[1]}=${match[2]}`);
  });
  if (exit.code !== 0) throw new Error(`ffprobe could not read the training clip: ${exit.stderr.trim()}`);
  return tags;
}

export async function makeTrainingClip(context: ExportContext, request: TrainingExportRequest): Promise<ExportOutcome> {
  const { signal, progress, tools, actor } = context;
  const source = await context.db.transaction((manager) => loadExportSource(manager, context.settings.stationDrive, request.clip));
  const frameCount = source.to - source.from + 1;
  progress.plan(frameCount * 2);
  const token = randomBytes(6).toString('hex');
  const draft = await PackageDraft.begin(context.outputFolder, `Schulungsmaterial_${token}`);
  try {
    const plan: RenderPlan = {
      source: source.render,
      from: source.from,
      to: source.to,
      tracks: source.annotations.tracks,
      audio: request.audio === 'tone' ? { kind: 'tone' } : { kind: 'none' },
      wholePicture: request.wholePicture,
      watermark: { text: WATERMARK, fontFile: findFont() },
      anonymous: true,
    };
    const videoPath = `schulung_${token}.mp4`;
    const videoFile = await draft.file(videoPath);
    const meter = progress.render(null, frameCount);
    const check = await renderVideoInThread(plan, tools, videoFile, { signal, purpose: 'the training clip', onProgress: meter.onProgress });
    meter.finish();
    const leftOver = (await metadataTags(videoFile, tools.ffprobePath)).filter((tag) => !isStructural(tag));
    if (leftOver.length > 0) throw new ServiceError('internal', `The training clip still carries metadata (${leftOver.join(', ')}); it was not exported`);
    const hash = await sha256File(videoFile);
    const manifest: Manifest = {
      format: 'revier-export',
      formatVersion: 1,
      kind: 'training',
      exportId: token,
      app: { name: 'Revier', version: context.appVersion },
      createdUtc: context.createdUtc,
      exportedBy: { userId: actor.userId, role: actor.role },
      caseReference: null,
      recipient: null,
      legalBasis: null,
      clips: [],
      files: [
        {
          path: videoPath,
          role: 'training-video',
          ...hash,
          clipId: null,
          parentSha256: null,
          frames: null,
          derivation: {
            tool: 'ffmpeg',
            toolVersion: tools.ffmpegVersion,
            parameters: {
              ...renderSettings,
              masks: plan.tracks.length,
              wholePicture: request.wholePicture,
              audio: request.audio,
              watermark: WATERMARK,
              metadata: 'none: tags, encoder names and SEI removed',
              frames: check.frames,
            },
            operator: actor.userId,
            madeUtc: context.createdUtc,
          },
        },
      ],
    };
    await writeFile(await draft.file(MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    await writeChecksums(draft.folder, [MANIFEST_FILE, videoPath]);
    const verification = await verifyPackage(draft.folder);
    if (!verification.ok) throw new Error(`The training package failed its own verification: ${verification.problems.join('; ')}`);
    signal.throwIfAborted();
    const files: ExportedFile[] = [{ path: videoPath, role: 'training-video', ...hash }];
    const output = await draft.commit();
    return {
      output,
      sha256: null,
      files,
      // The link the package must not hold stays here, in the station's own audit log.
      auditDetails: { parentSha256: source.clip.sha256, fromFrame: source.from, toFrame: source.to, trainingSha256: hash.sha256, token, justification: request.justification, checksums: CHECKSUM_FILE },
    };
  } catch (error) {
    await draft.discard();
    throw error;
  }
}
