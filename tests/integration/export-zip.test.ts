// A package folder as one ZIP: what Info-ZIP's unzip tests, lists and extracts is exactly the
// folder (names, sizes, times, bytes); small packages stay classic ZIPs; the ZIP64 records are
// laid out as APPNOTE says and read by unzip; an abort or an error leaves no file behind.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { statfs, truncate } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  centralDirectoryHeader,
  directoryNeedsZip64,
  dosDateTime,
  endRecords,
  localFileHeader,
  needsZip64,
  writeZip,
  type ZipEntry,
} from '../../electron/core/export/zip-writer.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
const run = promisify(execFile);
const unzip = (args: string[]) => run('unzip', args, { env: { ...process.env, LC_ALL: 'C.UTF-8' }, maxBuffer: 64 * 1024 * 1024 });

const GiB = 1024 ** 3;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** Local time, as DOS timestamps and unzip's listing use; 33 s to show the 2-second rounding. */
const modified = new Date(2024, 4, 17, 13, 45, 33);

/** 2.5 MiB of a pattern that never repeats within a block, so block boundaries matter. */
const video = Buffer.from(Array.from({ length: 2.5 * 1024 * 1024 }, (_, i) => (i * 131 + (i >> 11)) & 0xff));
const files: Record<string, Buffer> = {
  'manifest.json': Buffer.from('{"format":"revier-export"}\n'),
  'redacted/clip 17.mp4': video,
  'Berichte/Bericht-Ä.pdf': Buffer.from('%PDF-1.7\n%%EOF\n'),
  'logs/2024/leer.txt': Buffer.alloc(0),
  SHA256SUMS: Buffer.from('0000  manifest.json\n'),
};
/** Path order by UTF-8 bytes, as the writer sorts. */
const sortedNames = ['Berichte/Bericht-Ä.pdf', 'SHA256SUMS', 'logs/2024/leer.txt', 'manifest.json', 'redacted/clip 17.mp4'];

function buildFolder(name = 'Paket 2 Js 1234-24'): string {
  const folder = path.join(tempFolder('revier-zip-'), name);
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), bytes);
    utimesSync(path.join(folder, file), modified, modified);
  }
  return folder;
}

/** The central directory headers of a classic ZIP, read back field by field. */
function readCentralDirectory(zip: Buffer) {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const headers = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    headers.push({
      versionNeeded: zip.readUInt16LE(at + 6),
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      crc32: zip.readUInt32LE(at + 16),
      sizeBytes: zip.readUInt32LE(at + 24),
      extraLength,
      offset: zip.readUInt32LE(at + 42),
      name: zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
    });
    at += 46 + nameLength + extraLength;
  }
  return { headers, zip64Locator: zip.readUInt32LE(end - 20) === 0x07064b50 };
}

describe('writeZip', () => {
  it('writes a ZIP that unzip tests, lists and extracts to the same files, under a folder named like the package', async () => {
    const folder = buildFolder();
    const zipFile = path.join(tempFolder('revier-zip-out-'), 'Paket.zip');
    await writeZip(folder, zipFile);

    const tested = await unzip(['-t', zipFile]);
    expect(tested.stdout).toContain(`No errors detected in compressed data of ${zipFile}.`);
    expect(tested.stdout.match(/testing: .+ OK/g)).toHaveLength(sortedNames.length);

    const listing = (await unzip(['-l', zipFile])).stdout.split('\n').flatMap((line) => {
      const row = /^\s*(\d+) {2}(\d{4}-\d\d-\d\d \d\d:\d\d) {3}(.+)$/.exec(line);
      return row ? [row.slice(1).join(' | ')] : [];
    });
    expect(listing).toEqual(sortedNames.map((name) => `${files[name]!.length} | 2024-05-17 13:45 | Paket 2 Js 1234-24/${name}`));

    const extracted = tempFolder('revier-unzipped-');
    await unzip(['-q', zipFile, '-d', extracted]);
    expect(readdirSync(extracted)).toEqual(['Paket 2 Js 1234-24']);
    for (const name of sortedNames) {
      const file = path.join(extracted, 'Paket 2 Js 1234-24', name);
      expect(sha256(readFileSync(file)), name).toBe(sha256(files[name]!));
      expect(statSync(file).mtime.getTime(), name).toBe(new Date(2024, 4, 17, 13, 45, 32).getTime());
    }
    expect(readdirSync(path.dirname(zipFile))).toEqual(['Paket.zip']);
  });

  it('stays a classic ZIP for a small package: STORED, UTF-8 names, CRC in the local headers, no ZIP64 record', async () => {
    const folder = buildFolder();
    const zipFile = path.join(tempFolder('revier-zip-out-'), 'Paket.zip');
    await writeZip(folder, zipFile);
    const zip = readFileSync(zipFile);
    const { headers, zip64Locator } = readCentralDirectory(zip);
    expect(zip64Locator).toBe(false);
    expect(headers.map((header) => header.name)).toEqual(sortedNames.map((name) => `Paket 2 Js 1234-24/${name}`));
    for (const [index, header] of headers.entries()) {
      const bytes = files[sortedNames[index]!]!;
      expect(header).toMatchObject({ versionNeeded: 20, flags: 0x0800, method: 0, crc32: crc32(bytes), sizeBytes: bytes.length, extraLength: 0 });
      expect(zip.readUInt32LE(header.offset)).toBe(0x04034b50);
      expect(zip.readUInt16LE(header.offset + 6), 'no data descriptor').toBe(0x0800);
      expect(zip.readUInt32LE(header.offset + 14), 'CRC patched into the local header').toBe(crc32(bytes));
      const dataStart = header.offset + 30 + zip.readUInt16LE(header.offset + 26) + zip.readUInt16LE(header.offset + 28);
      expect(sha256(zip.subarray(dataStart, dataStart + bytes.length))).toBe(sha256(bytes));
    }
  });

  it('reports progress in data bytes, from 0 to the total', async () => {
    const folder = buildFolder();
    const progress: [number, number][] = [];
    await writeZip(folder, path.join(tempFolder('revier-zip-out-'), 'Paket.zip'), { onProgress: (done, total) => progress.push([done, total]) });
    const total = Object.values(files).reduce((sum, bytes) => sum + bytes.length, 0);
    expect(progress[0]).toEqual([0, total]);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.every(([done], index) => index === 0 || done > progress[index - 1]![0])).toBe(true);
    expect(progress.length).toBeGreaterThanOrEqual(1 + 3 + 3); // the start, three blocks of the video, three other files with data
  });

  it('leaves neither the ZIP nor the partial file when aborted mid-way', async () => {
    const folder = buildFolder();
    const out = tempFolder('revier-zip-out-');
    const controller = new AbortController();
    let abortedAt = 0;
    const onProgress = (done: number, total: number) => {
      if (done >= 1024 * 1024 && done < total && !abortedAt) {
        abortedAt = done;
        controller.abort();
      }
    };
    await expect(writeZip(folder, path.join(out, 'Paket.zip'), { signal: controller.signal, onProgress })).rejects.toMatchObject({ name: 'AbortError' });
    expect(abortedAt).toBeGreaterThan(0);
    expect(readdirSync(out)).toEqual([]);
    await expect(writeZip(folder, path.join(out, 'Paket.zip'), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(readdirSync(out)).toEqual([]);
  });

  it('fails without leaving a file when a file changes size while being zipped', async () => {
    const folder = buildFolder();
    const out = tempFolder('revier-zip-out-');
    const shrink = () => truncateSync(path.join(folder, 'redacted/clip 17.mp4'), 1000);
    await expect(writeZip(folder, path.join(out, 'Paket.zip'), { onProgress: (done) => done === 0 && shrink() })).rejects.toThrow(
      /clip 17\.mp4: changed size while being zipped \(2621440 bytes when listed\)/,
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a folder with a symbolic link in it, and a ZIP file inside the folder it packs', async () => {
    const folder = buildFolder();
    for (const inside of ['Paket.zip', '..Paket.zip', 'logs/Paket.zip']) {
      await expect(writeZip(folder, path.join(folder, inside)), inside).rejects.toThrow(/cannot be written inside the folder it packs/);
    }
    symlinkSync('/etc/hostname', path.join(folder, 'logs/hostname'));
    const out = tempFolder('revier-zip-out-');
    await expect(writeZip(folder, path.join(out, 'Paket.zip'))).rejects.toThrow(/logs\/hostname: a symbolic link; a package holds plain files only/);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('ZIP64 records', () => {
  const entry = (fields: Partial<ZipEntry>): ZipEntry => ({ name: 'P/v.mp4', sizeBytes: 10, crc32: 0x12345678, mtimeMs: modified.getTime(), offset: 0, ...fields });

  it('are needed only when a size or offset reaches 0xFFFFFFFF or the entries reach 0xFFFF', () => {
    expect([needsZip64(0xfffffffe), needsZip64(0xffffffff), needsZip64(5 * GiB)]).toEqual([false, true, true]);
    expect(directoryNeedsZip64({ entryCount: 0xfffe, offset: 0xfffffffe, sizeBytes: 0xfffffffe })).toBe(false);
    expect(directoryNeedsZip64({ entryCount: 0xffff, offset: 0, sizeBytes: 0 })).toBe(true);
    expect(directoryNeedsZip64({ entryCount: 1, offset: 0xffffffff, sizeBytes: 46 })).toBe(true);
    expect(directoryNeedsZip64({ entryCount: 1, offset: 0, sizeBytes: 0xffffffff })).toBe(true);
  });

  it('put both sizes of an entry of 4 GiB or more into the local header extra field', () => {
    const header = localFileHeader(entry({ sizeBytes: 5 * GiB }));
    expect(header.readUInt16LE(4)).toBe(45);
    expect([header.readUInt32LE(18), header.readUInt32LE(22)]).toEqual([0xffffffff, 0xffffffff]);
    expect(header.readUInt16LE(28)).toBe(20);
    const extra = header.subarray(30 + 'P/v.mp4'.length);
    expect([extra.readUInt16LE(0), extra.readUInt16LE(2)]).toEqual([0x0001, 16]);
    expect([extra.readBigUInt64LE(4), extra.readBigUInt64LE(12)]).toEqual([5n * 2n ** 30n, 5n * 2n ** 30n]);

    const small = localFileHeader(entry({ offset: 6 * GiB }));
    expect([small.readUInt16LE(4), small.readUInt32LE(18), small.readUInt32LE(22), small.readUInt16LE(28)]).toEqual([20, 10, 10, 0]);
  });

  it('put only the overflowing fields into the central header extra field, in APPNOTE order', () => {
    const big = centralDirectoryHeader(entry({ sizeBytes: 5 * GiB, offset: 6 * GiB }));
    expect(big.readUInt16LE(6)).toBe(45);
    expect([big.readUInt32LE(20), big.readUInt32LE(24), big.readUInt32LE(42)]).toEqual([0xffffffff, 0xffffffff, 0xffffffff]);
    expect(big.readUInt16LE(30)).toBe(28);
    const bigExtra = big.subarray(46 + 'P/v.mp4'.length);
    expect([bigExtra.readUInt16LE(0), bigExtra.readUInt16LE(2)]).toEqual([0x0001, 24]);
    expect([bigExtra.readBigUInt64LE(4), bigExtra.readBigUInt64LE(12), bigExtra.readBigUInt64LE(20)]).toEqual([5n * 2n ** 30n, 5n * 2n ** 30n, 6n * 2n ** 30n]);

    const lateSmall = centralDirectoryHeader(entry({ offset: 6 * GiB }));
    expect([lateSmall.readUInt16LE(6), lateSmall.readUInt32LE(20), lateSmall.readUInt32LE(24), lateSmall.readUInt32LE(42)]).toEqual([45, 10, 10, 0xffffffff]);
    const lateExtra = lateSmall.subarray(46 + 'P/v.mp4'.length);
    expect([lateExtra.readUInt16LE(0), lateExtra.readUInt16LE(2), lateExtra.readBigUInt64LE(4)]).toEqual([0x0001, 8, 6n * 2n ** 30n]);

    const classic = centralDirectoryHeader(entry({ offset: 0xfffffffe }));
    expect([classic.readUInt16LE(6), classic.readUInt16LE(30), classic.readUInt32LE(42), classic.length]).toEqual([20, 0, 0xfffffffe, 46 + 7]);
  });

  it('end with the ZIP64 end record and locator, and marks in the classic end record, when the directory needs them', () => {
    const directory = { entryCount: 70_000, offset: 5 * GiB, sizeBytes: 4_000_000 };
    const records = endRecords(directory);
    expect(records.length).toBe(56 + 20 + 22);
    expect(records.readUInt32LE(0)).toBe(0x06064b50);
    expect(records.readBigUInt64LE(4)).toBe(44n);
    expect(records.readUInt16LE(14)).toBe(45);
    expect([records.readBigUInt64LE(24), records.readBigUInt64LE(32), records.readBigUInt64LE(40), records.readBigUInt64LE(48)]).toEqual([
      70_000n,
      70_000n,
      4_000_000n,
      5n * 2n ** 30n,
    ]);
    expect(records.readUInt32LE(56)).toBe(0x07064b50);
    expect(records.readBigUInt64LE(64)).toBe(5n * 2n ** 30n + 4_000_000n);
    expect(records.readUInt32LE(72)).toBe(1);
    expect(records.readUInt32LE(76)).toBe(0x06054b50);
    expect([records.readUInt16LE(84), records.readUInt16LE(86), records.readUInt32LE(88), records.readUInt32LE(92)]).toEqual([0xffff, 0xffff, 4_000_000, 0xffffffff]);

    const classic = endRecords({ entryCount: 3, offset: 1000, sizeBytes: 200 });
    expect(classic.length).toBe(22);
    expect([classic.readUInt32LE(0), classic.readUInt16LE(10), classic.readUInt32LE(12), classic.readUInt32LE(16)]).toEqual([0x06054b50, 3, 200, 1000]);
  });

  it('are read by unzip: 65,535 entries need them, 65,534 do not', async () => {
    const out = tempFolder('revier-zip64-');
    for (const entryCount of [0xfffe, 0xffff]) {
      const locals: Buffer[] = [];
      const centrals: Buffer[] = [];
      let offset = 0;
      for (let i = 0; i < entryCount; i++) {
        const empty: ZipEntry = { name: `Viele/${i}.txt`, sizeBytes: 0, crc32: 0, mtimeMs: modified.getTime(), offset };
        const local = localFileHeader(empty);
        locals.push(local);
        centrals.push(centralDirectoryHeader(empty));
        offset += local.length;
      }
      const directory = Buffer.concat(centrals);
      const zipFile = path.join(out, `${entryCount}.zip`);
      writeFileSync(zipFile, Buffer.concat([...locals, directory, endRecords({ entryCount, offset, sizeBytes: directory.length })]));
      expect(readCentralDirectory(readFileSync(zipFile)).zip64Locator, `${entryCount} entries`).toBe(entryCount === 0xffff);

      const tested = await unzip(['-tq', zipFile]);
      expect(tested.stdout).toContain(`No errors detected in compressed data of ${zipFile}.`);
      const listing = (await unzip(['-l', zipFile])).stdout.trim().split('\n');
      expect(listing.at(-1)?.trim().split(/\s+/)).toEqual(['0', String(entryCount), 'files']);
      expect(listing.at(-3)).toMatch(new RegExp(`\\s0 {2}2024-05-17 13:45 {3}Viele/${entryCount - 1}\\.txt$`));
    }
  });

  it('keep DOS times in local time, clamped to the DOS range', () => {
    expect(dosDateTime(modified.getTime())).toEqual({ date: (44 << 9) | (5 << 5) | 17, time: (13 << 11) | (45 << 5) | 16 });
    expect(dosDateTime(new Date(1970, 0, 1).getTime())).toEqual({ date: (1 << 5) | 1, time: 0 });
    expect(dosDateTime(new Date(2200, 0, 1).getTime()).date >> 9).toBe(127);
  });

  // Writes 4.1 GiB of real bytes: opt-in, for a machine with the disk for it.
  it.skipIf(process.env.REVIER_ZIP64_FILE_TEST !== '1')('hold a file of 4.1 GiB that unzip tests and lists (REVIER_ZIP64_FILE_TEST=1)', { timeout: 20 * 60_000 }, async (context) => {
    const bigBytes = Math.round(4.1 * GiB);
    const folder = path.join(tempFolder('revier-zip64-big-'), 'Gross');
    const { bavail, bsize } = await statfs(path.dirname(folder));
    if (bavail * bsize < bigBytes + GiB) context.skip(`needs ${((bigBytes + GiB) / GiB).toFixed(1)} GiB free in ${path.dirname(folder)}, has ${((bavail * bsize) / GiB).toFixed(1)} GiB`);
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a-sparse.bin'), '');
    await truncate(path.join(folder, 'a-sparse.bin'), bigBytes);
    writeFileSync(path.join(folder, 'b-after.txt'), 'after 4 GiB');
    const zipFile = path.join(path.dirname(folder), 'Gross.zip');
    await writeZip(folder, zipFile);

    const listing = (await unzip(['-l', zipFile])).stdout;
    expect(listing).toMatch(new RegExp(`\\s${bigBytes}\\s.+Gross/a-sparse\\.bin`));
    expect(listing).toMatch(/\s11\s.+Gross\/b-after\.txt/);
    expect((await unzip(['-t', zipFile])).stdout).toContain('No errors detected');
    const extracted = tempFolder('revier-zip64-small-');
    await unzip(['-q', zipFile, 'Gross/b-after.txt', '-d', extracted]);
    expect(readFileSync(path.join(extracted, 'Gross/b-after.txt'), 'utf8')).toBe('after 4 GiB');
  });
});
