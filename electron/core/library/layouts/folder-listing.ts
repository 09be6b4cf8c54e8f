// The regular files of drive folders, each folder read once per recognition run. Links and
// folders are left out: a link could lead off the drive.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export type FolderListing = (folder: string) => Promise<ReadonlySet<string>>;

export function folderListing(drive: string): FolderListing {
  const listings = new Map<string, Promise<ReadonlySet<string>>>();
  return (folder) => {
    let listing = listings.get(folder);
    if (!listing) {
      listing = readdir(path.join(drive, folder), { withFileTypes: true }).then(
        (entries) => new Set(entries.filter((e) => e.isFile()).map((e) => e.name)),
        () => new Set<string>(),
      );
      listings.set(folder, listing);
    }
    return listing;
  };
}

/** The folder part of a drive-relative path ('' at the top). */
export function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

export function joinPath(folder: string, name: string): string {
  return folder ? `${folder}/${name}` : name;
}
