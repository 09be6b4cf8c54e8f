// The integrity of an export package: SHA256SUMS, written so that a court's clerk can check the
// package with nothing but GNU `sha256sum -c SHA256SUMS`, and the verifier that checks the same
// and more (manifest.json against the files, nothing unlisted, nothing outside the folder).
// The verifier reads only what the walk of the folder found as plain files: a path in SHA256SUMS
// that points outside the package, or through a link, is reported and never opened.
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CHECKSUM_FILE, MANIFEST_FILE, ManifestSchema, PackagePathSchema, type Manifest, type PackageFile } from '../../../shared/exports/manifest.ts';
import { sha256File } from '../library/analysis/hash.ts';
import { describeIssues } from '../library/layouts/sidecar-file.ts';
import { ServiceError } from '../service-error.ts';
import { comparePackagePaths, listPackageFolder, notPlainFileMessage, type PackageEntry } from './package-folder.ts';

export interface ChecksumEntry {
  path: string;
  sha256: string;
  sizeBytes: number;
}

export type PackageCheckKind =
  /** SHA256SUMS is there, a plain file, UTF-8, and lists something. */
  | 'checksum-file'
  /** One line of SHA256SUMS: well formed, a path inside the package, and that file has that hash. */
  | 'checksum-line'
  /** One entry of the folder: a plain file that SHA256SUMS lists. */
  | 'folder-entry'
  /** manifest.json is there and matches the manifest schema. */
  | 'manifest'
  /** One file manifest.json lists (or should list): size and hash agree with the disk and SHA256SUMS. */
  | 'manifest-file';

export interface PackageCheck {
  kind: PackageCheckKind;
  /** The file the check is about, relative to the package ('SHA256SUMS' for a line that names none). */
  file: string;
  /** The line of SHA256SUMS, for 'checksum-line'. */
  line?: number;
  ok: boolean;
  /** One English sentence that starts with the file it is about. */
  message: string;
}

export interface PackageVerification {
  /** True only if every check passed. */
  ok: boolean;
  checks: PackageCheck[];
  /** The messages of the failed checks, in order. */
  problems: string[];
}

/** A file's hash, or why it could not be read. */
type FileHash = { sha256: string; sizeBytes: number } | { unreadable: string };

type ChecksumLine = { line: number; path: string; sha256: string } | { line: number; problem: string };

/**
 * Hashes `paths` (relative to `folder`, '/'-separated) and writes SHA256SUMS in the text-mode
 * format of GNU sha256sum, sorted by path. Refuses, before writing anything, a path sha256sum
 * would escape (newline, carriage return, backslash), one outside the folder, and one that is not
 * a plain file there.
 */
export async function writeChecksums(folder: string, paths: string[], options: { signal?: AbortSignal } = {}): Promise<ChecksumEntry[]> {
  const sorted = [...paths].sort(comparePackagePaths);
  const entries = new Map((await readPackageFolder(folder)).map((entry) => [entry.path, entry]));
  for (const [index, file] of sorted.entries()) {
    const refusal = checksumPathRefusal(file) ?? (sorted[index - 1] === file ? 'listed twice' : null);
    if (refusal) throw new ServiceError('invalid_request', `Cannot write ${CHECKSUM_FILE}: ${JSON.stringify(file)} ${refusal}`);
    const entry = entries.get(file);
    if (!entry) throw new ServiceError('not_found', `Cannot write ${CHECKSUM_FILE}: ${file} is not in ${folder}`);
    if (entry.kind !== 'file') throw new ServiceError('invalid_request', `Cannot write ${CHECKSUM_FILE}: ${notPlainFileMessage(entry)}`);
  }
  const checksums: ChecksumEntry[] = [];
  for (const file of sorted) checksums.push({ path: file, ...(await sha256File(path.join(folder, file), options)) });
  const target = path.join(folder, CHECKSUM_FILE);
  const partial = `${target}.partial`;
  try {
    await writeFile(partial, checksums.map((entry) => `${entry.sha256}  ${entry.path}\n`).join(''), 'utf8');
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
  return checksums;
}

/** Why `file` cannot stand in SHA256SUMS, or null. */
function checksumPathRefusal(file: string): string | null {
  if (/[\n\r\\]/.test(file)) return 'holds a newline, carriage return or backslash, which sha256sum would escape';
  if (!PackagePathSchema.safeParse(file).success) return 'is not a path inside the package (relative, "/"-separated, no "." or ".." parts)';
  if (file === CHECKSUM_FILE) return 'cannot hold its own hash';
  return null;
}

/** Checks SHA256SUMS, the folder and manifest.json against each other and against the files. */
export async function verifyPackage(folder: string, options: { signal?: AbortSignal } = {}): Promise<PackageVerification> {
  const entries = new Map((await readPackageFolder(folder)).map((entry) => [entry.path, entry]));
  const hashes = new Map<string, Promise<FileHash>>();
  /** Hashes a plain file of the walk once, however many checks ask; a read error becomes a problem, an abort does not. */
  const hashOf = (file: string) => {
    let hash = hashes.get(file);
    if (!hash) {
      hash = sha256File(path.join(folder, file), options).catch((error: Error) => {
        if (options.signal?.aborted) throw error;
        return { unreadable: `${file}: cannot be read (${error.message})` };
      });
      hashes.set(file, hash);
    }
    return hash;
  };
  const checks: PackageCheck[] = [];
  const listed = await checkChecksumFile(folder, entries.get(CHECKSUM_FILE), checks);
  const listedSha256 = new Map<string, string>();
  for (const line of listed) checks.push(await checkChecksumLine(line, listedSha256, entries, hashOf));
  for (const entry of entries.values()) {
    if (entry.path === CHECKSUM_FILE) continue;
    const ok = entry.kind === 'file' && listedSha256.has(entry.path);
    const message = entry.kind !== 'file' ? notPlainFileMessage(entry) : ok ? `${entry.path}: listed in ${CHECKSUM_FILE}` : `${entry.path}: in the package but not listed in ${CHECKSUM_FILE}`;
    checks.push({ kind: 'folder-entry', file: entry.path, ok, message });
  }
  const manifest = await checkManifest(folder, entries.get(MANIFEST_FILE), checks);
  if (manifest) checks.push(...(await checkManifestFiles(manifest, listedSha256, entries, hashOf)));
  const problems = checks.filter((check) => !check.ok).map((check) => check.message);
  return { ok: problems.length === 0, checks, problems };
}

async function readPackageFolder(folder: string): Promise<PackageEntry[]> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new ServiceError('not_found', `${folder} is not a package folder (no such folder)`);
  return listPackageFolder(folder);
}

/** Checks SHA256SUMS as a whole and returns its lines (none when it cannot be read). */
async function checkChecksumFile(folder: string, entry: PackageEntry | undefined, checks: PackageCheck[]): Promise<ChecksumLine[]> {
  const fail = (message: string) => {
    checks.push({ kind: 'checksum-file', file: CHECKSUM_FILE, ok: false, message });
    return [];
  };
  if (!entry) return fail(`${CHECKSUM_FILE}: missing; the package cannot be checked with sha256sum`);
  if (entry.kind !== 'file') return fail(notPlainFileMessage(entry));
  const bytes = await readFile(path.join(folder, CHECKSUM_FILE)).catch((error: Error) => error);
  if (bytes instanceof Error) return fail(`${CHECKSUM_FILE}: cannot be read (${bytes.message})`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(`${CHECKSUM_FILE}: not UTF-8 text`);
  }
  const lines = parseChecksums(text);
  if (lines.length === 0) return fail(`${CHECKSUM_FILE}: lists no files`);
  checks.push({ kind: 'checksum-file', file: CHECKSUM_FILE, ok: true, message: `${CHECKSUM_FILE}: present, ${lines.length} lines` });
  return lines;
}

/** The lines of SHA256SUMS in the format writeChecksums writes; anything else is a problem of its line. */
function parseChecksums(text: string): ChecksumLine[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((content, index): ChecksumLine => {
    const line = index + 1;
    const where = `${CHECKSUM_FILE} line ${line}`;
    if (content.startsWith('\\')) return { line, problem: `${where}: an escaped name (with a newline or backslash); a package has none` };
    const match = /^([0-9a-f]{64}) {2}(.+)$/s.exec(content);
    if (!match) return { line, problem: `${where}: not "<64 lower-case hex digits>  <path>": ${JSON.stringify(content.slice(0, 120))}` };
    const [, sha256 = '', file = ''] = match;
    if (file.endsWith('\r')) return { line, problem: `${where}: ends in a carriage return (Windows line ends), which sha256sum reads as part of the name` };
    if (!PackagePathSchema.safeParse(file).success) {
      return { line, problem: `${where}: ${JSON.stringify(file)} is not a path inside the package (relative, "/"-separated, no "." or ".." parts); it was not read` };
    }
    if (file === CHECKSUM_FILE) return { line, problem: `${where}: lists ${CHECKSUM_FILE} itself, which cannot hold its own hash` };
    return { line, path: file, sha256 };
  });
}

async function checkChecksumLine(
  line: ChecksumLine,
  listedSha256: Map<string, string>,
  entries: Map<string, PackageEntry>,
  hashOf: (file: string) => Promise<FileHash>,
): Promise<PackageCheck> {
  if ('problem' in line) return { kind: 'checksum-line', file: CHECKSUM_FILE, line: line.line, ok: false, message: line.problem };
  const result = (ok: boolean, message: string): PackageCheck => ({ kind: 'checksum-line', file: line.path, line: line.line, ok, message });
  if (listedSha256.has(line.path)) return result(false, `${CHECKSUM_FILE} line ${line.line}: ${line.path} is listed a second time`);
  listedSha256.set(line.path, line.sha256);
  const entry = entries.get(line.path);
  if (!entry) return result(false, `${line.path}: listed in ${CHECKSUM_FILE} but missing from the package`);
  if (entry.kind !== 'file') return result(false, `${line.path}: listed in ${CHECKSUM_FILE} but not a plain file`);
  const actual = await hashOf(line.path);
  if ('unreadable' in actual) return result(false, actual.unreadable);
  return actual.sha256 === line.sha256
    ? result(true, `${line.path}: SHA-256 matches ${CHECKSUM_FILE}`)
    : result(false, `${line.path}: SHA-256 is ${actual.sha256} but ${CHECKSUM_FILE} says ${line.sha256}`);
}

async function checkManifest(folder: string, entry: PackageEntry | undefined, checks: PackageCheck[]): Promise<Manifest | null> {
  const fail = (message: string) => {
    checks.push({ kind: 'manifest', file: MANIFEST_FILE, ok: false, message });
    return null;
  };
  if (!entry) return fail(`${MANIFEST_FILE}: missing`);
  if (entry.kind !== 'file') return fail(notPlainFileMessage(entry));
  const text = await readFile(path.join(folder, MANIFEST_FILE), 'utf8').catch((error: Error) => error);
  if (text instanceof Error) return fail(`${MANIFEST_FILE}: cannot be read (${text.message})`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`${MANIFEST_FILE}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) return fail(`${MANIFEST_FILE}: does not match the manifest schema: ${describeIssues(parsed.error.issues)}`);
  checks.push({ kind: 'manifest', file: MANIFEST_FILE, ok: true, message: `${MANIFEST_FILE}: valid, ${parsed.data.files.length} files` });
  return parsed.data;
}

/** Every file manifest.json lists against the disk and SHA256SUMS, and every listed file against manifest.json. */
async function checkManifestFiles(
  manifest: Manifest,
  listedSha256: Map<string, string>,
  entries: Map<string, PackageEntry>,
  hashOf: (file: string) => Promise<FileHash>,
): Promise<PackageCheck[]> {
  const checks: PackageCheck[] = [];
  const seen = new Set<string>();
  for (const listing of manifest.files) {
    const problems = seen.has(listing.path)
      ? [`${listing.path}: listed a second time in ${MANIFEST_FILE}`]
      : await manifestListingProblems(listing, listedSha256.get(listing.path), entries.get(listing.path), hashOf);
    seen.add(listing.path);
    if (problems.length === 0) {
      checks.push({ kind: 'manifest-file', file: listing.path, ok: true, message: `${listing.path}: size and SHA-256 match ${MANIFEST_FILE} and ${CHECKSUM_FILE}` });
    }
    for (const message of problems) checks.push({ kind: 'manifest-file', file: listing.path, ok: false, message });
  }
  for (const file of listedSha256.keys()) {
    if (file !== MANIFEST_FILE && !seen.has(file)) checks.push({ kind: 'manifest-file', file, ok: false, message: `${file}: listed in ${CHECKSUM_FILE} but not in ${MANIFEST_FILE}` });
  }
  return checks;
}

/** What is wrong with one file manifest.json lists, given its line in SHA256SUMS and its entry in the folder. */
async function manifestListingProblems(
  listing: PackageFile,
  listedSha256: string | undefined,
  entry: PackageEntry | undefined,
  hashOf: (file: string) => Promise<FileHash>,
): Promise<string[]> {
  const file = listing.path;
  if (file === MANIFEST_FILE || file === CHECKSUM_FILE) return [`${file}: listed in ${MANIFEST_FILE}, which cannot hold its own hash or that of ${CHECKSUM_FILE}`];
  const problems: string[] = [];
  if (!entry) problems.push(`${file}: listed in ${MANIFEST_FILE} but missing from the package`);
  else if (entry.kind !== 'file') problems.push(`${file}: listed in ${MANIFEST_FILE} but not a plain file`);
  else {
    const actual = await hashOf(file);
    if ('unreadable' in actual) problems.push(actual.unreadable);
    else {
      if (actual.sizeBytes !== listing.sizeBytes) problems.push(`${file}: ${actual.sizeBytes} bytes but ${MANIFEST_FILE} says ${listing.sizeBytes}`);
      if (actual.sha256 !== listing.sha256) problems.push(`${file}: SHA-256 is ${actual.sha256} but ${MANIFEST_FILE} says ${listing.sha256}`);
    }
  }
  if (listedSha256 === undefined) problems.push(`${file}: listed in ${MANIFEST_FILE} but not in ${CHECKSUM_FILE}`);
  else if (listedSha256 !== listing.sha256) problems.push(`${file}: ${MANIFEST_FILE} says SHA-256 ${listing.sha256} but ${CHECKSUM_FILE} says ${listedSha256}`);
  return problems;
}
