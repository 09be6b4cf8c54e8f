// The scan of the station drive: lists the video files, recognises recordings, reads only new
// or changed files, and writes each clip as it is finished (so an interrupted scan resumes where
// it stopped). One problem file is one problem row; it never stops the scan.
import path from 'node:path';
import type { Actor } from '../../../shared/api/actor.ts';
import type { FileProblemCode, ScanProgress, TimeReading } from '../../../shared/api/library.ts';
import { ClipEntity, FileProblemEntity, type ClipRow, type FileProblemRow } from '../../db/entities/library.ts';
import { stationDriveStatus } from '../app-status.ts';
import type { Core } from '../core.ts';
import { ServiceError } from '../service-error.ts';
import { analyseClip } from './analysis/analyse-clip.ts';
import { ClipProblem } from './analysis/clip-problem.ts';
import { sha256File } from './analysis/hash.ts';
import { needsReviewProxy } from './derived/codecs.ts';
import { listVideoFiles, sameIdentity, type ListedFile } from './drive-listing.ts';
import { confirmClip, ingestClip, markMissing, raiseIntegrityAlarm, recordProblem, refreshRecording, type IngestContext } from './ingest.ts';
import { containerTimeReading, recogniseRecordings } from './layouts/recognise.ts';
import type { RecordingCandidate } from './layouts/recording-candidate.ts';

/** The station's time zone, for clocks that give local time without an offset. */
export const stationTimeZone = 'Europe/Berlin';

export type FileOutcome = 'new' | 'unchanged' | 'verified' | 'changed' | 'missing' | 'problem';

export interface FileReport {
  path: string;
  outcome: FileOutcome;
  recordingId: number | null;
  clipId: number | null;
  sha256: string | null;
  frameCount: number | null;
  errorCode: FileProblemCode | null;
  message: string | null;
}

export interface ScanOptions {
  signal?: AbortSignal;
  /** Also make missing thumbnails, waveforms and review proxies (default true). */
  derive?: boolean;
  onProgress?: (progress: ScanProgress) => void;
  onFile?: (report: FileReport) => void;
}

export const idleProgress: ScanProgress = {
  running: false,
  phase: 'done',
  filesTotal: 0,
  filesDone: 0,
  bytesTotal: 0,
  bytesDone: 0,
  currentPath: null,
  newClips: 0,
  problems: 0,
  alarms: 0,
  message: null,
};

/** What went wrong with one file, as a problem row; only a cancelled scan stops the scan. */
function fileProblem(error: unknown, file: string): { code: FileProblemCode; message: string } {
  if (error instanceof ClipProblem) return { code: error.code, message: error.message };
  return { code: 'UNREADABLE', message: `${file} could not be read: ${error instanceof Error ? error.message : String(error)}` };
}

/** The clocks a clip itself offers: its container's creation time and the file's modification time. */
function clipClocks(tags: Record<string, string>, mtimeMs: number): TimeReading[] {
  const container = containerTimeReading(tags, stationTimeZone);
  const fileSystem: TimeReading = { source: 'file-system', utc: new Date(mtimeMs).toISOString(), raw: `mtime ${mtimeMs}`, note: 'file modification time' };
  return container ? [container, fileSystem] : [fileSystem];
}

export async function scanDrive(core: Core, actor: Actor, drive: string, options: ScanOptions = {}): Promise<ScanProgress> {
  const { signal } = options;
  const driveStatus = await stationDriveStatus(drive);
  if (!driveStatus.readable) {
    throw new ServiceError('unavailable', `Station drive ${drive || '(not configured)'} is not mounted or not readable; nothing was changed`);
  }
  const ffprobePath = core.tools.ffprobe?.path;
  if (!ffprobePath) throw new ServiceError('unavailable', 'ffprobe was not found: install ffmpeg');
  const context: IngestContext = { db: core.db, audit: core.audit, actor };
  const progress: ScanProgress = { ...idleProgress, running: true, phase: 'listing' };
  const report = (): void => options.onProgress?.({ ...progress });
  report();

  const listing = await listVideoFiles(drive, signal);
  const byPath = new Map(listing.files.map((f) => [f.path, f]));
  const clips = new Map((await core.db.dataSource.getRepository(ClipEntity).find()).map((c) => [c.path, c]));
  const problems = new Map((await core.db.dataSource.getRepository(FileProblemEntity).find()).map((p) => [p.path, p]));
  const candidates = await recogniseRecordings(drive, listing.files.map((f) => f.path), { timeZone: stationTimeZone });
  progress.phase = 'reading';
  progress.filesTotal = listing.files.length;
  progress.bytesTotal = listing.files.reduce((sum, f) => sum + f.sizeBytes, 0);
  report();

  const changedRecordings = new Set<number>();
  for (const candidate of candidates) {
    signal?.throwIfAborted();
    const recording: RecordingSoFar = { clocks: [], seconds: 0 };
    let added = false;
    for (const clipRef of candidate.clips) {
      const file = byPath.get(clipRef.path);
      if (!file) continue;
      progress.currentPath = file.path;
      report();
      const outcome = await scanFile(context, ffprobePath, drive, candidate, clipRef.order, file, clips.get(file.path), problems.get(file.path), recording, signal);
      options.onFile?.(outcome.report);
      if (outcome.report.outcome === 'new') {
        progress.newClips++;
        added = true;
      }
      if (outcome.report.outcome === 'problem') progress.problems++;
      if (outcome.report.outcome === 'changed') progress.alarms++;
      if (outcome.report.recordingId !== null && outcome.report.outcome !== 'unchanged') changedRecordings.add(outcome.report.recordingId);
      if (recording.clocks.length === 0) recording.clocks = outcome.clocks;
      recording.seconds += outcome.durationSeconds ?? 0;
      progress.filesDone++;
      progress.bytesDone += file.sizeBytes;
    }
    // A clip that arrived after others of its recording: the recording's times cover all clips now.
    if (added) await refreshRecording(context, candidate, recording.clocks, recording.seconds);
    for (const sidecarProblem of candidate.problems) {
      await recordProblem(context, { ...sidecarProblem, recordingKey: candidate.key, sizeBytes: 0, mtimeMs: 0, inode: '' });
      progress.problems++;
    }
  }

  if (options.derive !== false) {
    progress.phase = 'deriving';
    progress.currentPath = null;
    report();
    await prepareDerivedFiles(core, drive, signal);
  }

  for (const clip of clips.values()) {
    if (byPath.has(clip.path) || clip.state === 'missing') continue;
    if (listing.unreadable.some((dir) => clip.path.startsWith(`${dir}/`))) continue;
    await markMissing(context, clip);
    changedRecordings.add(clip.recordingId);
    options.onFile?.({ path: clip.path, outcome: 'missing', recordingId: clip.recordingId, clipId: clip.id, sha256: clip.sha256, frameCount: clip.frameCount, errorCode: null, message: 'file vanished from the station drive' });
  }
  for (const problem of problems.values()) {
    if (!byPath.has(problem.path) && problem.code !== 'SIDECAR_INVALID') {
      await core.db.transaction((manager) => manager.getRepository(FileProblemEntity).delete({ path: problem.path }));
    }
  }
  if (changedRecordings.size > 0) core.events.emit('library.changed', { recordingIds: [...changedRecordings] });
  progress.running = false;
  progress.phase = 'done';
  progress.currentPath = null;
  report();
  return { ...progress };
}

/**
 * Thumbnail strips and waveforms for clips that have none yet (new ones, or ones whose scan was
 * interrupted), and background review proxies for clips the renderer cannot play. A failure
 * here costs a picture, not the scan.
 */
async function prepareDerivedFiles(core: Core, drive: string, signal: AbortSignal | undefined): Promise<void> {
  const clips = core.db.dataSource.getRepository(ClipEntity);
  const lacking = (kind: string, onlyUnplayable: boolean) =>
    clips
      .createQueryBuilder('c')
      .where("c.state = 'ok'")
      .andWhere(onlyUnplayable ? 'c.playable = 0' : '1 = 1')
      .andWhere('NOT EXISTS (SELECT 1 FROM derived_file d WHERE d.parent_sha256 = c.sha256 AND d.kind = :kind)', { kind })
      .orderBy('c.id')
      .getMany();
  for (const clip of await lacking('thumbnails', false)) {
    signal?.throwIfAborted();
    await core.derived.prepare(clip, path.join(drive, clip.path), signal).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      console.error(`[revier] no thumbnails or waveform for ${clip.path}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  for (const clip of await lacking('proxy', true)) {
    await core.derived.requestProxy(clip.id, drive, 'background').catch((error: unknown) => {
      console.error(`[revier] no review proxy for ${clip.path}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

interface FileOutcomeDetail {
  report: FileReport;
  /** The clip's own clocks, for its recording when the layout gives none. */
  clocks: TimeReading[];
  durationSeconds: number | null;
}

/** The clocks of a recording's first clip and the length of its clips read so far. */
interface RecordingSoFar {
  clocks: TimeReading[];
  seconds: number;
}

async function scanFile(
  context: IngestContext,
  ffprobePath: string,
  drive: string,
  candidate: RecordingCandidate,
  order: number,
  file: ListedFile,
  clip: ClipRow | undefined,
  problem: FileProblemRow | undefined,
  recording: RecordingSoFar,
  signal: AbortSignal | undefined,
): Promise<FileOutcomeDetail> {
  const absolute = path.join(drive, file.path);
  const base = { path: file.path, recordingId: clip?.recordingId ?? null, clipId: clip?.id ?? null, sha256: clip?.sha256 ?? null, frameCount: clip?.frameCount ?? null, errorCode: null, message: null };
  if (clip) {
    const stored = JSON.parse(clip.probe) as { tags: Record<string, string> };
    const known = { report: { ...base, outcome: 'unchanged' as FileOutcome }, clocks: clipClocks(stored.tags, clip.mtimeMs), durationSeconds: clip.durationSeconds };
    if (sameIdentity(clip, file) && clip.state !== 'missing') return known;
    let sha256: string;
    try {
      ({ sha256 } = await sha256File(absolute, { signal }));
    } catch (error) {
      if (signal?.aborted) throw error;
      const unreadable = fileProblem(error, file.path);
      await recordProblem(context, { path: file.path, ...unreadable, recordingKey: candidate.key, sizeBytes: file.sizeBytes, mtimeMs: file.mtimeMs, inode: file.inode });
      return { ...known, report: { ...known.report, outcome: 'problem', errorCode: unreadable.code, message: unreadable.message } };
    }
    if (sha256 === clip.sha256) {
      await confirmClip(context, clip, file);
      return { ...known, report: { ...known.report, outcome: 'verified' } };
    }
    await raiseIntegrityAlarm(context, clip, file, sha256);
    return { ...known, report: { ...known.report, outcome: 'changed', message: `content changed after ingest: now ${sha256}` } };
  }
  if (problem && sameIdentity(problem, file)) {
    return { report: { ...base, outcome: 'problem', errorCode: problem.code as FileProblemCode, message: problem.message }, clocks: [], durationSeconds: null };
  }
  try {
    const analysis = await analyseClip(absolute, { ffprobePath }, { signal });
    const clocks = clipClocks(analysis.probe.tags, file.mtimeMs);
    const playable =
      analysis.probe.video !== null &&
      !needsReviewProxy({
        videoCodec: analysis.probe.video.codec,
        container: analysis.probe.container,
        audioCodec: analysis.probe.audio[0]?.codec ?? null,
        pixelFormat: analysis.probe.video.pixelFormat,
      });
    const ids = await ingestClip(context, {
      candidate,
      order,
      file,
      analysis,
      playable,
      extraStart: recording.clocks.length ? recording.clocks : clocks,
      recordingSeconds: recording.seconds + (analysis.probe.durationSeconds ?? 0),
    });
    return {
      report: { ...base, ...ids, outcome: 'new', sha256: analysis.sha256, frameCount: analysis.frameIndex.pts.length, errorCode: analysis.problem?.code ?? null, message: analysis.problem?.message ?? null },
      clocks,
      durationSeconds: analysis.probe.durationSeconds,
    };
  } catch (error) {
    if (signal?.aborted) throw error;
    const known = fileProblem(error, file.path);
    await recordProblem(context, { path: file.path, ...known, recordingKey: candidate.key, sizeBytes: file.sizeBytes, mtimeMs: file.mtimeMs, inode: file.inode });
    return { report: { ...base, outcome: 'problem', errorCode: known.code, message: known.message }, clocks: [], durationSeconds: null };
  }
}
