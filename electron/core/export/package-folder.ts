// What an export package folder holds, read without following symbolic links: the checksum writer,
// the verifier and the ZIP writer all see the same list in the same order. A package holds plain
// files only; a link or a device is listed as such so that the caller can refuse it instead of
// reading through it to somewhere outside the package.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

export type PackageEntryKind = 'file' | 'symlink' | 'other';

export interface PackageEntry {
  /** Relative to the package folder, '/'-separated. */
  path: string;
  kind: PackageEntryKind;
  sizeBytes: number;
  mtimeMs: number;
}

/** Orders package paths by their UTF-8 bytes, as `LC_ALL=C sort` does, whatever the locale. */
export function comparePackagePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Every non-folder entry below `folder`, recursively, sorted by path. */
export async function listPackageFolder(folder: string): Promise<PackageEntry[]> {
  const entries: PackageEntry[] = [];
  const pending = [''];
  for (let relativeDir = pending.pop(); relativeDir !== undefined; relativeDir = pending.pop()) {
    for (const dirent of await readdir(path.join(folder, relativeDir), { withFileTypes: true })) {
      const relative = relativeDir === '' ? dirent.name : `${relativeDir}/${dirent.name}`;
      if (dirent.isDirectory()) {
        pending.push(relative);
        continue;
      }
      const info = await lstat(path.join(folder, relative));
      const kind: PackageEntryKind = info.isFile() ? 'file' : info.isSymbolicLink() ? 'symlink' : 'other';
      entries.push({ path: relative, kind, sizeBytes: info.size, mtimeMs: info.mtimeMs });
    }
  }
  return entries.sort((a, b) => comparePackagePaths(a.path, b.path));
}

/** The message for an entry that is not a plain file, naming it. */
export function notPlainFileMessage(entry: PackageEntry): string {
  return entry.kind === 'symlink'
    ? `${entry.path}: a symbolic link; a package holds plain files only`
    : `${entry.path}: not a plain file (a device, socket or pipe); a package holds plain files only`;
}
