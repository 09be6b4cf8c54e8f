// An export package as one ZIP file, for media or mail that wants a single file. Entries are
// STORED: the videos are already compressed and the rest is small, and any unzip reads STORE. No
// dependency: the records of APPNOTE 6.3.10 are written here, ZIP64 ones only when a size, an
// offset or the entry count does not fit the classic fields, so an ordinary package stays a
// classic ZIP that every old reader opens. The CRC-32 is taken while the data streams through and
// patched into the local header afterwards (the output is a file we can seek in), so no entry
// needs a data descriptor, which some readers refuse for STORED entries.
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { ServiceError } from '../service-error.ts';
import { listPackageFolder, notPlainFileMessage } from './package-folder.ts';

export interface ZipOptions {
  signal?: AbortSignal;
  /** Called after each block of file data with the data bytes written so far and in all. */
  onProgress?(bytesDone: number, bytesTotal: number): void;
}

/** One entry as the central directory describes it. */
export interface ZipEntry {
  /** '/'-separated, written as UTF-8. */
  name: string;
  sizeBytes: number;
  crc32: number;
  mtimeMs: number;
  /** Where the entry's local header starts in the ZIP file. */
  offset: number;
}

/** Where the central directory is and what it holds. */
export interface CentralDirectory {
  entryCount: number;
  offset: number;
  sizeBytes: number;
}

/** A 32-bit field holding this value says "the real value is in the ZIP64 record". */
const ZIP64_MARK = 0xffffffff;
/** The same for the 16-bit entry counts: 0xffff itself already means "see ZIP64". */
const ENTRY_COUNT_MARK = 0xffff;
const UTF8_NAMES = 0x0800;
const STORED = 0;
/** Made by Unix (the high byte, so the external attributes carry a Unix mode), APPNOTE 4.5. */
const MADE_BY = (3 << 8) | 45;
const CLASSIC_VERSION = 20;
const ZIP64_VERSION = 45;
/** Regular file, rw-r--r--, in the high half of the external attributes. */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;
const BLOCK_BYTES = 1024 * 1024;

/** True when `value` does not fit a classic 32-bit size or offset field. */
export function needsZip64(value: number): boolean {
  return value >= ZIP64_MARK;
}

/** True when the archive needs the ZIP64 end records (and so a ZIP64-aware reader). */
export function directoryNeedsZip64(directory: CentralDirectory): boolean {
  return directory.entryCount >= ENTRY_COUNT_MARK || needsZip64(directory.offset) || needsZip64(directory.sizeBytes);
}

/** MS-DOS date and time in local time, as unzip shows them; clamped to 1980–2107, seconds rounded down to even. */
export function dosDateTime(mtimeMs: number): { date: number; time: number } {
  const at = new Date(mtimeMs);
  const year = at.getFullYear();
  if (year < 1980) return { date: (1 << 5) | 1, time: 0 };
  if (year > 2107) return { date: (127 << 9) | (12 << 5) | 31, time: (23 << 11) | (59 << 5) | 29 };
  return {
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
  };
}

/** The ZIP64 extended information extra field (0x0001) with the given 64-bit values, in APPNOTE order. */
function zip64Extra(values: number[]): Buffer {
  const extra = Buffer.alloc(4 + 8 * values.length);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(8 * values.length, 2);
  values.forEach((value, index) => extra.writeBigUInt64LE(BigInt(value), 4 + 8 * index));
  return extra;
}

function nameBytes(name: string): Buffer {
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length > 0xffff) throw new ServiceError('invalid_request', `${name}: name too long for a ZIP entry (${bytes.length} bytes)`);
  return bytes;
}

/**
 * The local file header of `entry`. An entry of 4 GiB or more carries both sizes in a ZIP64
 * extra field (the local one must hold both). The CRC-32 is patched in at offset 14 once known.
 */
export function localFileHeader(entry: ZipEntry): Buffer {
  const name = nameBytes(entry.name);
  const zip64 = needsZip64(entry.sizeBytes);
  const extra = zip64 ? zip64Extra([entry.sizeBytes, entry.sizeBytes]) : Buffer.alloc(0);
  const { date, time } = dosDateTime(entry.mtimeMs);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(zip64 ? ZIP64_VERSION : CLASSIC_VERSION, 4);
  header.writeUInt16LE(UTF8_NAMES, 6);
  header.writeUInt16LE(STORED, 8);
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  header.writeUInt32LE(entry.crc32, 14);
  header.writeUInt32LE(zip64 ? ZIP64_MARK : entry.sizeBytes, 18);
  header.writeUInt32LE(zip64 ? ZIP64_MARK : entry.sizeBytes, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(extra.length, 28);
  return Buffer.concat([header, name, extra]);
}

/** Where the CRC-32 sits in a local file header. */
const LOCAL_CRC_OFFSET = 14;

/** The central directory header of `entry`; only the fields that overflow move to the ZIP64 extra field. */
export function centralDirectoryHeader(entry: ZipEntry): Buffer {
  const name = nameBytes(entry.name);
  const bigSize = needsZip64(entry.sizeBytes);
  const bigOffset = needsZip64(entry.offset);
  const extraValues = [...(bigSize ? [entry.sizeBytes, entry.sizeBytes] : []), ...(bigOffset ? [entry.offset] : [])];
  const extra = extraValues.length > 0 ? zip64Extra(extraValues) : Buffer.alloc(0);
  const { date, time } = dosDateTime(entry.mtimeMs);
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(MADE_BY, 4);
  header.writeUInt16LE(extra.length > 0 ? ZIP64_VERSION : CLASSIC_VERSION, 6);
  header.writeUInt16LE(UTF8_NAMES, 8);
  header.writeUInt16LE(STORED, 10);
  header.writeUInt16LE(time, 12);
  header.writeUInt16LE(date, 14);
  header.writeUInt32LE(entry.crc32, 16);
  header.writeUInt32LE(bigSize ? ZIP64_MARK : entry.sizeBytes, 20);
  header.writeUInt32LE(bigSize ? ZIP64_MARK : entry.sizeBytes, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt16LE(extra.length, 30);
  // 32: comment length, 34: disk number, 36: internal attributes, all 0.
  header.writeUInt32LE(FILE_ATTRIBUTES, 38);
  header.writeUInt32LE(bigOffset ? ZIP64_MARK : entry.offset, 42);
  return Buffer.concat([header, name, extra]);
}

/**
 * The records after the central directory: the ZIP64 end record and its locator when the
 * directory needs them, then the classic end record, whose overflowing fields hold the marks.
 */
export function endRecords(directory: CentralDirectory): Buffer {
  const records: Buffer[] = [];
  if (directoryNeedsZip64(directory)) {
    const zip64End = Buffer.alloc(56);
    zip64End.writeUInt32LE(0x06064b50, 0);
    zip64End.writeBigUInt64LE(44n, 4); // the size of the rest of this record
    zip64End.writeUInt16LE(MADE_BY, 12);
    zip64End.writeUInt16LE(ZIP64_VERSION, 14);
    // 16: this disk, 20: the disk where the directory starts, both 0.
    zip64End.writeBigUInt64LE(BigInt(directory.entryCount), 24);
    zip64End.writeBigUInt64LE(BigInt(directory.entryCount), 32);
    zip64End.writeBigUInt64LE(BigInt(directory.sizeBytes), 40);
    zip64End.writeBigUInt64LE(BigInt(directory.offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    // 4: the disk with the ZIP64 end record, 0.
    locator.writeBigUInt64LE(BigInt(directory.offset + directory.sizeBytes), 8);
    locator.writeUInt32LE(1, 16);
    records.push(zip64End, locator);
  }
  const end = Buffer.alloc(22);
  const entryCount = Math.min(directory.entryCount, ENTRY_COUNT_MARK);
  end.writeUInt32LE(0x06054b50, 0);
  // 4: this disk, 6: the disk where the directory starts, both 0.
  end.writeUInt16LE(entryCount, 8);
  end.writeUInt16LE(entryCount, 10);
  end.writeUInt32LE(Math.min(directory.sizeBytes, ZIP64_MARK), 12);
  end.writeUInt32LE(Math.min(directory.offset, ZIP64_MARK), 16);
  // 20: comment length, 0.
  records.push(end);
  return Buffer.concat(records);
}

/**
 * Writes every file below `folder` into `zipFile`, under a top-level folder named like `folder`,
 * in path order. Written to `<zipFile>.partial` and renamed when complete; an error or an abort
 * removes the partial file. Refuses a folder with links or other non-files in it, and a ZIP file
 * inside the folder it packs.
 */
export async function writeZip(folder: string, zipFile: string, options: ZipOptions = {}): Promise<void> {
  const root = path.resolve(folder);
  const fromFolder = path.relative(root, path.resolve(zipFile));
  if (fromFolder !== '..' && !fromFolder.startsWith(`..${path.sep}`) && !path.isAbsolute(fromFolder)) {
    throw new ServiceError('invalid_request', `${zipFile}: the ZIP file cannot be written inside the folder it packs (${folder})`);
  }
  options.signal?.throwIfAborted();
  const files = await listPackageFolder(root);
  const notPlain = files.find((file) => file.kind !== 'file');
  if (notPlain) throw new ServiceError('invalid_request', `Cannot zip ${folder}: ${notPlainFileMessage(notPlain)}`);
  const bytesTotal = files.reduce((sum, file) => sum + file.sizeBytes, 0);
  const top = path.basename(root);
  const partial = `${zipFile}.partial`;
  const output = await open(partial, 'w');
  try {
    const entries: ZipEntry[] = [];
    let position = 0;
    let bytesDone = 0;
    options.onProgress?.(0, bytesTotal);
    for (const file of files) {
      const entry: ZipEntry = { name: `${top}/${file.path}`, sizeBytes: file.sizeBytes, crc32: 0, mtimeMs: file.mtimeMs, offset: position };
      const header = localFileHeader(entry);
      await output.write(header, 0, header.length, position);
      position += header.length;
      const onBytes = (bytes: number) => {
        bytesDone += bytes;
        options.onProgress?.(bytesDone, bytesTotal);
      };
      entry.crc32 = await copyFileData(path.join(root, file.path), file.sizeBytes, output, position, onBytes, options.signal);
      position += entry.sizeBytes;
      const crc = Buffer.alloc(4);
      crc.writeUInt32LE(entry.crc32, 0);
      await output.write(crc, 0, 4, entry.offset + LOCAL_CRC_OFFSET);
      entries.push(entry);
    }
    const directory = Buffer.concat(entries.map(centralDirectoryHeader));
    const end = endRecords({ entryCount: entries.length, offset: position, sizeBytes: directory.length });
    await output.write(Buffer.concat([directory, end]), 0, directory.length + end.length, position);
    await output.close();
    options.signal?.throwIfAborted();
    await rename(partial, zipFile);
  } catch (error) {
    await output.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * Copies the data of `file` to `output` at `position` and returns its CRC-32. The file must still
 * have the size the walk saw: a file that changed under the writer would make a ZIP whose
 * listing and content disagree with the package.
 */
async function copyFileData(
  file: string,
  sizeBytes: number,
  output: FileHandle,
  position: number,
  onBytes: (bytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<number> {
  const input = await open(file, 'r');
  try {
    const block = Buffer.allocUnsafe(Math.min(BLOCK_BYTES, Math.max(sizeBytes, 1)));
    let crc = 0;
    let copied = 0;
    while (copied < sizeBytes) {
      signal?.throwIfAborted();
      const { bytesRead } = await input.read(block, 0, Math.min(block.length, sizeBytes - copied), copied);
      if (bytesRead === 0) break;
      const chunk = block.subarray(0, bytesRead);
      crc = crc32(chunk, crc);
      await output.write(chunk, 0, bytesRead, position + copied);
      copied += bytesRead;
      onBytes(bytesRead);
    }
    const { bytesRead: beyond } = await input.read(Buffer.alloc(1), 0, 1, copied);
    if (copied !== sizeBytes || beyond !== 0) {
      throw new ServiceError('conflict', `${file}: changed size while being zipped (${sizeBytes} bytes when listed)`);
    }
    return crc;
  } finally {
    await input.close();
  }
}
