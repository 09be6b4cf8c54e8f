// `revier export court|training|still|verify`: exports from the command line, run by the same
// export service as in the app (checked, audited, drafted and renamed when complete), waiting for
// the job and printing where it went with its hashes. `verify` recomputes every hash of a package.
import path from 'node:path';
import type { ExportClip, ExportJob, ExportJobRequest } from '../../shared/api/exports.ts';
import { ExportJobRequestSchema } from '../../shared/api/exports.ts';
import type { Box } from '../../shared/tracks/interpolation.ts';
import { verifyPackage } from '../core/export/package-integrity.ts';
import type { ExportTarget } from '../core/export/export-service.ts';
import { signedIn } from './sign-in.ts';
import { asCommandError, CommandError, openStation, type StationOptions } from './station.ts';

interface RangeOptions {
  from?: number[];
  to?: number[];
}

export interface CourtOptions extends StationOptions, RangeOptions {
  clip: number[];
  case: string;
  recipient: string;
  legalBasis?: string;
  out: string;
  withOriginals?: boolean;
  zip?: boolean;
}

export interface TrainingOptions extends StationOptions, RangeOptions {
  clip: number;
  justification: string;
  out: string;
  wholePicture?: number;
  keep?: Box[];
  audio: 'remove' | 'tone';
}

export interface StillOptions extends StationOptions {
  clip: number;
  frame: number;
  justification: string;
  case?: string;
  unredacted?: boolean;
  out: string;
}

/** The clips with their ranges: one --from/--to pair per clip, in order, or none. */
function clipRanges(clips: number[], options: RangeOptions): ExportClip[] {
  const from = options.from ?? [];
  const to = options.to ?? [];
  if (from.length !== to.length) throw new CommandError('give --from and --to together, once per clip');
  if (from.length === 0) return clips.map((clipId) => ({ clipId }));
  if (from.length !== clips.length) throw new CommandError(`give one --from/--to pair per --clip (${clips.length} clips, ${from.length} ranges)`);
  return clips.map((clipId, k) => ({ clipId, fromFrame: from[k] as number, toFrame: to[k] as number }));
}

function parsed(request: ExportJobRequest): ExportJobRequest {
  const result = ExportJobRequestSchema.safeParse(request);
  if (!result.success) throw new CommandError(result.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; '));
  return result.data;
}

function describe(job: ExportJob): string {
  const lines = [`Export ${job.id} ${job.status}: ${job.output}`];
  if (job.sha256) lines.push(`${job.sha256}  ${path.basename(job.output ?? '')}`);
  for (const file of job.files) lines.push(`${file.sha256}  ${file.path}`);
  return lines.join('\n');
}

/** Runs one export to its end, showing progress on a terminal; exit code 1 when it failed. */
async function runExport(options: StationOptions, request: ExportJobRequest, target: ExportTarget): Promise<void> {
  const { core } = await openStation(options);
  try {
    const actor = await signedIn(core, options);
    const showProgress = process.stderr.isTTY;
    const unsubscribe = core.events.subscribe((event, payload) => {
      if (event !== 'export.progress' || !showProgress) return;
      const progress = (payload as ExportJob).progress;
      if (progress) process.stderr.write(`\r${progress.step.padEnd(16)} ${(progress.fraction * 100).toFixed(0).padStart(3)} %`);
    });
    const started = await core.exports.start(actor, parsed(request), target).catch(asCommandError);
    await core.exports.idle();
    unsubscribe();
    if (showProgress) process.stderr.write('\n');
    const job = await core.exports.get(started.id);
    if (job.status === 'awaiting-approval') {
      console.log(`Export ${job.id} waits for a second supervisor's approval of the originals (Freigaben); once approved it runs in the station's export folder.`);
      return;
    }
    if (job.status !== 'done') throw new CommandError(`Export ${job.status}: ${job.error ?? 'no reason given'}`, 1);
    console.log(describe(job));
  } finally {
    await core.close();
  }
}

export function exportCourt(options: CourtOptions): Promise<void> {
  const request: ExportJobRequest = {
    kind: 'court',
    clips: clipRanges(options.clip, options),
    caseReference: options.case,
    recipient: options.recipient,
    ...(options.legalBasis ? { legalBasis: options.legalBasis } : {}),
    withOriginals: options.withOriginals ?? false,
    zip: options.zip ?? false,
  };
  return runExport(options, request, { folder: path.resolve(options.out) });
}

export function exportTraining(options: TrainingOptions): Promise<void> {
  const [clip] = clipRanges([options.clip], options);
  const request: ExportJobRequest = {
    kind: 'training',
    clip: clip as ExportClip,
    justification: options.justification,
    wholePicture: options.wholePicture ? { blockSize: options.wholePicture, keep: options.keep ?? [] } : null,
    audio: options.audio,
  };
  if (options.keep?.length && !options.wholePicture) throw new CommandError('--keep needs --whole-picture');
  return runExport(options, request, { folder: path.resolve(options.out) });
}

export function exportStill(options: StillOptions): Promise<void> {
  const out = path.resolve(options.out);
  if (!out.toLowerCase().endsWith('.png')) throw new CommandError('--out names the PNG file to write, e.g. still.png');
  const request: ExportJobRequest = {
    kind: 'still',
    clipId: options.clip,
    frame: options.frame,
    justification: options.justification,
    ...(options.case ? { caseReference: options.case } : {}),
    unredacted: options.unredacted ?? false,
  };
  return runExport(options, request, { folder: path.dirname(out), name: path.basename(out) });
}

/** Exit code 0 when every hash and the manifest check out, 1 naming each problem otherwise. */
export async function verifyExport(folder: string): Promise<number> {
  const verification = await verifyPackage(path.resolve(folder));
  for (const problem of verification.problems) console.log(`FAILED ${problem}`);
  const files = verification.checks.filter((check) => check.kind === 'checksum-line' && check.ok).length;
  if (verification.ok) console.log(`OK: ${folder}: ${files} files match SHA256SUMS and manifest.json`);
  return verification.ok ? 0 : 1;
}
