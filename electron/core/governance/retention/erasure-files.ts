// The files a clip's deletion removes, and their removal. The original on the station drive is the
// one file Revier ever deletes there (it never writes one): it is unlinked, never removed
// recursively, so whatever else stands in its place is reported, not removed. Derived files
// (proxy, thumbnails, waveform, with their folder) belong to the original's content and stay while
// another clip has the same content. The outputs of exports that hold the clip go whole, folder
// or file; their export_job rows stay as the record of the disclosure. A file already gone counts
// as deleted. An export still being made holds the deletion back: it would copy the clip after.
import { lstat, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Not, type EntityManager } from 'typeorm';
import { ExportJobEntity } from '../../../db/entities/exports.ts';
import { ClipEntity, DerivedFileEntity, type ClipRow } from '../../../db/entities/library.ts';
import { stationDriveStatus } from '../../app-status.ts';
import { derivedFolder } from '../../library/derived/derived-store.ts';
import { isInside } from '../../media/media-handler.ts';
import { ServiceError } from '../../service-error.ts';
import type { ErasureFile } from '../../../../shared/api/retention.ts';

export interface StationPlaces {
  /** The station drive's mount point (the setting); empty when none is set. */
  stationDrive: string;
  dataFolder: string;
}

/**
 * Where the original of a clip is now. Refused while no station drive is set or mounted (a file
 * that cannot be reached is not "already gone"), and for a path that would leave the drive.
 */
export async function originalOnDrive(clipId: number, stationDrive: string, relativePath: string): Promise<string> {
  const cannot = `so its original ${relativePath} cannot be deleted`;
  if (!stationDrive) throw new ServiceError('unavailable', `Clip ${clipId}: no station drive is set, ${cannot}`);
  if (!(await stationDriveStatus(stationDrive)).mounted) throw new ServiceError('unavailable', `Clip ${clipId}: the station drive ${stationDrive} is not mounted, ${cannot}`);
  const file = path.resolve(stationDrive, relativePath);
  if (!isInside(path.resolve(stationDrive), file)) throw new ServiceError('internal', `Clip ${clipId}: its path ${relativePath} lies outside the station drive ${stationDrive}`);
  return file;
}

/** Everything the deletion of `clip` removes, decided when it starts (and stored in its tombstone). */
export async function filesToErase(manager: EntityManager, clip: ClipRow, places: StationPlaces): Promise<ErasureFile[]> {
  const files: ErasureFile[] = [{ kind: 'original', path: await originalOnDrive(clip.id, places.stationDrive, clip.path) }];
  const sameContent = await manager.getRepository(ClipEntity).existsBy({ sha256: clip.sha256, id: Not(clip.id) });
  if (!sameContent) {
    const derived = await manager.getRepository(DerivedFileEntity).find({ where: { parentSha256: clip.sha256 }, order: { id: 'ASC' } });
    for (const row of derived) files.push({ kind: 'derived', path: path.join(places.dataFolder, row.path) });
    files.push({ kind: 'derived', path: derivedFolder(places.dataFolder, clip.sha256) });
  }
  for (const job of await manager.getRepository(ExportJobEntity).find({ order: { createdUtc: 'ASC' } })) {
    if (!(JSON.parse(job.clipIds) as number[]).includes(clip.id)) continue;
    if (job.status === 'queued' || job.status === 'running') {
      throw new ServiceError('conflict', `Clip ${clip.id} is in export ${job.id}, which is still ${job.status}; it is deleted by a run after that export ended`);
    }
    if (job.output) files.push({ kind: 'export', path: job.output });
  }
  return files;
}

const fsReasons: Record<string, string> = {
  EROFS: 'the file system is mounted read-only',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EBUSY: 'the file is in use',
  ENOTEMPTY: 'the folder is not empty',
  EIO: 'an input/output error occurred',
};

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code && fsReasons[code]) return `${fsReasons[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

async function eraseOriginal(file: string): Promise<void> {
  const found = await lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (found === null) return;
  if (found.isDirectory()) throw new Error('a folder stands in place of the original file; Revier deletes only the file it ingested');
  await unlink(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/**
 * Deletes every file of the list; the original is looked for at `original` (its path on the drive
 * now). Tries them all, then throws one error that names each file that could not be deleted.
 */
export async function eraseFiles(clipId: number, files: ErasureFile[], original: string): Promise<void> {
  const failures: string[] = [];
  for (const file of files) {
    const target = file.kind === 'original' ? original : file.path;
    try {
      if (file.kind === 'original') await eraseOriginal(target);
      else await rm(target, { recursive: true, force: true });
    } catch (error) {
      failures.push(`${file.kind} ${target}: ${reasonOf(error)}`);
    }
  }
  if (failures.length > 0) {
    throw new ServiceError(
      'unavailable',
      `Clip ${clipId} could not be deleted completely: ${failures.join('; ')}. Its deletion stays open (tombstone "deleting") and the next retention run tries again.`,
    );
  }
}
