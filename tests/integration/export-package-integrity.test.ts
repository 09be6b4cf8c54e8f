// SHA256SUMS of an export package is what GNU `sha256sum -c` reads, and the verifier finds every
// change a package can suffer: a changed byte in any file, a file added, removed or linked, a line
// that points outside the package, and a manifest that disagrees with the files or SHA256SUMS.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writeChecksums, verifyPackage } from '../../electron/core/export/package-integrity.ts';
import { CHECKSUM_FILE, MANIFEST_FILE, ManifestSchema, type Manifest, type PackageFile } from '../../shared/exports/manifest.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
const run = promisify(execFile);

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const wrongSha256 = 'f'.repeat(64);

/** The files of the package besides manifest.json and SHA256SUMS: a nested folder, a space and an umlaut in a name. */
const contents: Record<string, Buffer> = {
  'redacted/clip-17 geschwärzt.mp4': Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 31 + (i >> 9)) & 0xff)),
  'report.pdf': Buffer.from('%PDF-1.7\nBericht zum Gerichtsexport\n%%EOF\n'),
  'logs/redaction-log.json': Buffer.from('{"masks":[{"id":1,"reason":"third party face"}]}\n'),
};
const roles: Record<string, PackageFile['role']> = {
  'redacted/clip-17 geschwärzt.mp4': 'redacted-video',
  'report.pdf': 'report',
  'logs/redaction-log.json': 'redaction-log',
};

function manifestFor(files: Record<string, Buffer>): Manifest {
  return ManifestSchema.parse({
    format: 'revier-export',
    formatVersion: 1,
    kind: 'court',
    exportId: 'exp-2024-0042',
    app: { name: 'Revier', version: '0.1.0' },
    createdUtc: '2024-05-17T11:45:32.000Z',
    exportedBy: { userId: 'local', role: 'investigator' },
    caseReference: '2 Js 1234/24',
    recipient: 'Amtsgericht Freiburg',
    legalBasis: '§ 44 Abs. 8 PolG BW',
    clips: [],
    files: Object.entries(files).map(([file, bytes]) => ({
      path: file,
      role: roles[file] ?? 'instructions',
      sha256: sha256(bytes),
      sizeBytes: bytes.length,
      clipId: null,
      parentSha256: null,
      frames: null,
      derivation: null,
    })),
  });
}

function writeFiles(folder: string, files: Record<string, Buffer | string>): void {
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), bytes);
  }
}

/** A complete, intact package in a fresh folder; returns the folder. */
async function buildPackage(manifest: Manifest = manifestFor(contents)): Promise<string> {
  const folder = path.join(tempFolder('revier-package-'), 'Paket 2 Js 1234-24');
  writeFiles(folder, { ...contents, [MANIFEST_FILE]: `${JSON.stringify(manifest, null, 2)}\n` });
  await writeChecksums(folder, [...Object.keys(contents), MANIFEST_FILE]);
  return folder;
}

function flipByte(file: string, offset: number): Buffer {
  const bytes = readFileSync(file);
  bytes[offset] = (bytes[offset] ?? 0) ^ 0x01;
  writeFileSync(file, bytes);
  return bytes;
}

async function sha256sumCheck(folder: string): Promise<{ code: number; stdout: string }> {
  const result = await run('sha256sum', ['-c', CHECKSUM_FILE], { cwd: folder, env: { ...process.env, LC_ALL: 'C' } }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
  return result;
}

describe('SHA256SUMS', () => {
  it('is what `sha256sum -c` checks: one "<hex>  <path>" line per file, sorted by path', async () => {
    const folder = await buildPackage();
    const manifestBytes = readFileSync(path.join(folder, MANIFEST_FILE));
    const expectedLines = [
      `${sha256(contents['logs/redaction-log.json']!)}  logs/redaction-log.json`,
      `${sha256(manifestBytes)}  manifest.json`,
      `${sha256(contents['redacted/clip-17 geschwärzt.mp4']!)}  redacted/clip-17 geschwärzt.mp4`,
      `${sha256(contents['report.pdf']!)}  report.pdf`,
    ];
    expect(readFileSync(path.join(folder, CHECKSUM_FILE), 'utf8')).toBe(expectedLines.map((line) => `${line}\n`).join(''));

    const { code, stdout } = await sha256sumCheck(folder);
    expect(code).toBe(0);
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      'logs/redaction-log.json: OK',
      'manifest.json: OK',
      'redacted/clip-17 geschwärzt.mp4: OK',
      'report.pdf: OK',
    ]);
  });

  it('returns what it wrote, and leaves no temporary file', async () => {
    const folder = await buildPackage();
    const written = await writeChecksums(folder, ['report.pdf', 'logs/redaction-log.json']);
    expect(written).toEqual([
      { path: 'logs/redaction-log.json', sha256: sha256(contents['logs/redaction-log.json']!), sizeBytes: contents['logs/redaction-log.json']!.length },
      { path: 'report.pdf', sha256: sha256(contents['report.pdf']!), sizeBytes: contents['report.pdf']!.length },
    ]);
    expect(readFileSync(path.join(folder, CHECKSUM_FILE), 'utf8')).toBe(written.map((entry) => `${entry.sha256}  ${entry.path}\n`).join(''));
    expect(readdirSync(folder).sort()).toEqual([CHECKSUM_FILE, 'logs', MANIFEST_FILE, 'redacted', 'report.pdf']);
  });

  it('refuses names sha256sum would escape, paths outside the folder, itself, duplicates, links and missing files', async () => {
    const folder = await buildPackage();
    writeFileSync(path.join(folder, 'zeile\numbruch.txt'), 'x');
    writeFileSync(path.join(folder, 'back\\slash.txt'), 'x');
    symlinkSync('report.pdf', path.join(folder, 'link.pdf'));
    const before = readFileSync(path.join(folder, CHECKSUM_FILE), 'utf8');
    const refusals: [string[], RegExp][] = [
      [['zeile\numbruch.txt'], /"zeile\\numbruch.txt" holds a newline, carriage return or backslash, which sha256sum would escape/],
      [['back\\slash.txt'], /"back\\\\slash.txt" holds a newline, carriage return or backslash/],
      [['../x'], /"\.\.\/x" is not a path inside the package/],
      [['/etc/hostname'], /"\/etc\/hostname" is not a path inside the package/],
      [['./report.pdf'], /"\.\/report.pdf" is not a path inside the package/],
      [[CHECKSUM_FILE], /"SHA256SUMS" cannot hold its own hash/],
      [['report.pdf', 'report.pdf'], /"report.pdf" listed twice/],
      [['link.pdf'], /link.pdf: a symbolic link; a package holds plain files only/],
      [['nicht-da.pdf'], /nicht-da.pdf is not in /],
    ];
    for (const [paths, message] of refusals) await expect(writeChecksums(folder, paths), paths.join()).rejects.toThrow(message);
    expect(readFileSync(path.join(folder, CHECKSUM_FILE), 'utf8')).toBe(before);
  });
});

describe('verifyPackage', () => {
  it('passes an intact package and lists every check it made', async () => {
    const folder = await buildPackage();
    const verification = await verifyPackage(folder);
    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);
    const summary = verification.checks.map((check) => [check.kind, check.file, check.ok]);
    expect(summary).toEqual([
      ['checksum-file', 'SHA256SUMS', true],
      ['checksum-line', 'logs/redaction-log.json', true],
      ['checksum-line', 'manifest.json', true],
      ['checksum-line', 'redacted/clip-17 geschwärzt.mp4', true],
      ['checksum-line', 'report.pdf', true],
      ['folder-entry', 'logs/redaction-log.json', true],
      ['folder-entry', 'manifest.json', true],
      ['folder-entry', 'redacted/clip-17 geschwärzt.mp4', true],
      ['folder-entry', 'report.pdf', true],
      ['manifest', 'manifest.json', true],
      ['manifest-file', 'redacted/clip-17 geschwärzt.mp4', true],
      ['manifest-file', 'report.pdf', true],
      ['manifest-file', 'logs/redaction-log.json', true],
    ]);
    expect(verification.checks.find((check) => check.file === 'report.pdf')?.message).toBe('report.pdf: SHA-256 matches SHA256SUMS');
  });

  const dataFiles = [...Object.keys(contents), MANIFEST_FILE];
  for (const file of dataFiles) {
    it(`finds one changed byte at the start, middle and end of ${file}, as sha256sum does`, async () => {
      const intact = await buildPackage();
      const listed = sha256(readFileSync(path.join(intact, file)));
      const size = readFileSync(path.join(intact, file)).length;
      for (const offset of [0, size >> 1, size - 1]) {
        const folder = path.join(tempFolder('revier-package-copy-'), 'Paket');
        cpSync(intact, folder, { recursive: true });
        const changed = sha256(flipByte(path.join(folder, file), offset));

        const verification = await verifyPackage(folder);
        expect(verification.ok, `byte ${offset}`).toBe(false);
        expect(verification.problems, `byte ${offset}`).toContain(`${file}: SHA-256 is ${changed} but SHA256SUMS says ${listed}`);
        if (file !== MANIFEST_FILE) expect(verification.problems).toEqual([`${file}: SHA-256 is ${changed} but SHA256SUMS says ${listed}`, `${file}: SHA-256 is ${changed} but manifest.json says ${listed}`]);
        expect((await sha256sumCheck(folder)).code, `sha256sum -c, byte ${offset}`).toBe(1);
      }
    });
  }

  it('finds one changed byte at the start, middle and end of SHA256SUMS itself', async () => {
    const intact = await buildPackage();
    const size = readFileSync(path.join(intact, CHECKSUM_FILE)).length;
    for (const offset of [0, size >> 1, size - 1]) {
      const folder = path.join(tempFolder('revier-package-copy-'), 'Paket');
      cpSync(intact, folder, { recursive: true });
      flipByte(path.join(folder, CHECKSUM_FILE), offset);
      const verification = await verifyPackage(folder);
      expect(verification.ok, `byte ${offset}`).toBe(false);
      expect(verification.problems.length, `byte ${offset}`).toBeGreaterThan(0);
      for (const problem of verification.problems) expect(problem, `byte ${offset}`).toMatch(/SHA256SUMS/);
    }
  });

  it('names a file that is in the package but not in SHA256SUMS', async () => {
    const folder = await buildPackage();
    writeFiles(folder, { 'logs/notiz.txt': 'added later' });
    expect((await verifyPackage(folder)).problems).toEqual(['logs/notiz.txt: in the package but not listed in SHA256SUMS']);
  });

  it('names a file that SHA256SUMS and manifest.json list but the package lacks', async () => {
    const folder = await buildPackage();
    rmSync(path.join(folder, 'report.pdf'));
    expect((await verifyPackage(folder)).problems).toEqual([
      'report.pdf: listed in SHA256SUMS but missing from the package',
      'report.pdf: listed in manifest.json but missing from the package',
    ]);
  });

  it('refuses SHA256SUMS lines that leave the package and never counts them as checked', async () => {
    const folder = await buildPackage();
    const outside = path.join(path.dirname(folder), 'x');
    writeFileSync(outside, 'outside the package');
    appendFileSync(path.join(folder, CHECKSUM_FILE), `${sha256('outside the package')}  ../x\n${sha256('outside the package')}  ${outside}\n`);
    const verification = await verifyPackage(folder);
    expect(verification.problems).toEqual([
      'SHA256SUMS line 5: "../x" is not a path inside the package (relative, "/"-separated, no "." or ".." parts); it was not read',
      `SHA256SUMS line 6: ${JSON.stringify(outside)} is not a path inside the package (relative, "/"-separated, no "." or ".." parts); it was not read`,
    ]);
    expect(verification.checks.filter((check) => check.ok && check.kind === 'checksum-line')).toHaveLength(4);
  });

  it('names a file whose hash in manifest.json differs from SHA256SUMS', async () => {
    const manifest = manifestFor(contents);
    manifest.files[1]!.sha256 = wrongSha256;
    const folder = await buildPackage(manifest);
    const actual = sha256(contents['report.pdf']!);
    expect((await verifyPackage(folder)).problems).toEqual([
      `report.pdf: SHA-256 is ${actual} but manifest.json says ${wrongSha256}`,
      `report.pdf: manifest.json says SHA-256 ${wrongSha256} but SHA256SUMS says ${actual}`,
    ]);
  });

  it('names a file whose size in manifest.json is wrong', async () => {
    const manifest = manifestFor(contents);
    manifest.files[2]!.sizeBytes += 1;
    const folder = await buildPackage(manifest);
    const size = contents['logs/redaction-log.json']!.length;
    expect((await verifyPackage(folder)).problems).toEqual([`logs/redaction-log.json: ${size} bytes but manifest.json says ${size + 1}`]);
  });

  it('names a file that SHA256SUMS lists but manifest.json does not', async () => {
    const withExtra = { ...contents, 'ANLEITUNG.txt': Buffer.from('sha256sum -c SHA256SUMS\n') };
    const folder = await buildPackage(manifestFor(contents));
    writeFiles(folder, { 'ANLEITUNG.txt': withExtra['ANLEITUNG.txt'] });
    await writeChecksums(folder, [...Object.keys(withExtra), MANIFEST_FILE]);
    expect((await verifyPackage(folder)).problems).toEqual(['ANLEITUNG.txt: listed in SHA256SUMS but not in manifest.json']);
  });

  it('names a malformed SHA256SUMS line, and the file it no longer covers', async () => {
    const folder = await buildPackage();
    const lines = readFileSync(path.join(folder, CHECKSUM_FILE), 'utf8').split('\n');
    lines[3] = lines[3]!.replace('  ', ' ');
    writeFileSync(path.join(folder, CHECKSUM_FILE), lines.join('\n'));
    expect((await verifyPackage(folder)).problems).toEqual([
      `SHA256SUMS line 4: not "<64 lower-case hex digits>  <path>": ${JSON.stringify(lines[3])}`,
      'report.pdf: in the package but not listed in SHA256SUMS',
      'report.pdf: listed in manifest.json but not in SHA256SUMS',
    ]);
  });

  it('names Windows line ends, escaped names, a repeated line and SHA256SUMS listing itself', async () => {
    const folder = await buildPackage();
    const text = readFileSync(path.join(folder, CHECKSUM_FILE), 'utf8');
    const lines = text.split('\n').filter(Boolean);
    writeFileSync(
      path.join(folder, CHECKSUM_FILE),
      [lines[0], lines[1], lines[2], `${lines[3]}\r`, `\\${wrongSha256}  back\\\\slash`, lines[0], `${wrongSha256}  SHA256SUMS`, ''].join('\n'),
    );
    expect((await verifyPackage(folder)).problems).toEqual([
      'SHA256SUMS line 4: ends in a carriage return (Windows line ends), which sha256sum reads as part of the name',
      'SHA256SUMS line 5: an escaped name (with a newline or backslash); a package has none',
      'SHA256SUMS line 6: logs/redaction-log.json is listed a second time',
      'SHA256SUMS line 7: lists SHA256SUMS itself, which cannot hold its own hash',
      'report.pdf: in the package but not listed in SHA256SUMS',
      'report.pdf: listed in manifest.json but not in SHA256SUMS',
    ]);
  });

  it('refuses symbolic links, to files and to folders, without reading through them', async () => {
    const folder = await buildPackage();
    const outside = path.join(path.dirname(folder), 'elsewhere');
    writeFiles(outside, { 'secret.mp4': 'not part of the package' });
    symlinkSync(path.join(outside, 'secret.mp4'), path.join(folder, 'redacted/clip-18.mp4'));
    symlinkSync(outside, path.join(folder, 'more'));
    appendFileSync(path.join(folder, CHECKSUM_FILE), `${sha256('not part of the package')}  redacted/clip-18.mp4\n${sha256('not part of the package')}  more/secret.mp4\n`);
    expect((await verifyPackage(folder)).problems).toEqual([
      'redacted/clip-18.mp4: listed in SHA256SUMS but not a plain file',
      'more/secret.mp4: listed in SHA256SUMS but missing from the package',
      'more: a symbolic link; a package holds plain files only',
      'redacted/clip-18.mp4: a symbolic link; a package holds plain files only',
      'redacted/clip-18.mp4: listed in SHA256SUMS but not in manifest.json',
      'more/secret.mp4: listed in SHA256SUMS but not in manifest.json',
    ]);
  });

  it('names a missing or invalid manifest.json and a missing SHA256SUMS', async () => {
    const noManifest = await buildPackage();
    rmSync(path.join(noManifest, MANIFEST_FILE));
    expect((await verifyPackage(noManifest)).problems).toEqual(['manifest.json: listed in SHA256SUMS but missing from the package', 'manifest.json: missing']);

    const invalid = await buildPackage();
    writeFileSync(path.join(invalid, MANIFEST_FILE), JSON.stringify({ ...manifestFor(contents), formatVersion: 2 }));
    await writeChecksums(invalid, [...Object.keys(contents), MANIFEST_FILE]);
    expect((await verifyPackage(invalid)).problems).toEqual(['manifest.json: does not match the manifest schema: formatVersion: Invalid input: expected 1']);

    const noSums = await buildPackage();
    rmSync(path.join(noSums, CHECKSUM_FILE));
    const verification = await verifyPackage(noSums);
    expect(verification.problems[0]).toBe('SHA256SUMS: missing; the package cannot be checked with sha256sum');
    expect(verification.problems).toContain('report.pdf: in the package but not listed in SHA256SUMS');
    expect(verification.problems).toContain('report.pdf: listed in manifest.json but not in SHA256SUMS');
  });

  it('names a SHA256SUMS that is empty or not UTF-8 text', async () => {
    const folder = await buildPackage();
    for (const [bytes, problem] of [
      [Buffer.alloc(0), 'SHA256SUMS: lists no files'],
      [Buffer.from([0x66, 0xff, 0x0a]), 'SHA256SUMS: not UTF-8 text'],
    ] as const) {
      writeFileSync(path.join(folder, CHECKSUM_FILE), bytes);
      const verification = await verifyPackage(folder);
      expect(verification.problems[0]).toBe(problem);
      expect(verification.checks.filter((check) => check.kind === 'checksum-line')).toEqual([]);
    }
  });

  it('refuses a folder that does not exist', async () => {
    await expect(verifyPackage(path.join(tempFolder(), 'nicht-da'))).rejects.toThrow(/is not a package folder/);
  });
});
