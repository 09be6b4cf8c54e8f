// Lists the video files on the station drive with the identity that tells an unchanged file
// (size, modification time, inode). Read-only: directories are opened for reading only, links
// are not followed (a link could lead off the drive).
import { opendir, lstat } from 'node:fs/promises';
import path from 'node:path';
import { isVideoFile } from './layouts/video-files.ts';

export interface FileIdentity {
  sizeBytes: number;
  mtimeMs: number;
  inode: string;
}

export interface ListedFile extends FileIdentity {
  /** Relative to the drive, with '/' separators. */
  path: string;
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.sizeBytes === b.sizeBytes && a.mtimeMs === b.mtimeMs && a.inode === b.inode;
}

export async function listVideoFiles(drive: string, signal?: AbortSignal): Promise<{ files: ListedFile[]; unreadable: string[] }> {
  const files: ListedFile[] = [];
  const unreadable: string[] = [];
  async function walk(relative: string): Promise<void> {
    signal?.throwIfAborted();
    let dir;
    try {
      dir = await opendir(path.join(drive, relative));
    } catch {
      unreadable.push(relative || '.');
      return;
    }
    for await (const entry of dir) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && isVideoFile(entry.name)) {
        const info = await lstat(path.join(drive, child), { bigint: true }).catch(() => null);
        if (!info) {
          unreadable.push(child);
          continue;
        }
        files.push({ path: child, sizeBytes: Number(info.size), mtimeMs: Number(info.mtimeMs), inode: info.ino.toString() });
      }
    }
  }
  await walk('');
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, unreadable };
}
