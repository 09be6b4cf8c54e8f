// Where derived files (thumbnail strips, waveforms, review proxies) live, and how they get there:
// <dataFolder>/derived/<sha256[0..2]>/<sha256>/<name>, keyed by the ORIGINAL's SHA-256, so a
// renamed or moved original keeps its derived files and a changed one gets new ones. A file is
// written under a temporary name in the same folder and renamed when complete (one filesystem, so
// the rename is atomic): a crash or a cancel never leaves a half-written file under the final name.
// Every finished file comes back as a DerivedFileRecord (ARCHITECTURE rule 2: parent hash, tool and
// version, parameters, own hash); the caller stores it.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export type DerivedKind = 'thumbnails' | 'waveform' | 'proxy';

export interface DerivedFileRecord {
  kind: DerivedKind;
  /** SHA-256 of the original the file was made from. */
  parentSha256: string;
  /** Relative to the data folder, '/'-separated. */
  path: string;
  /** SHA-256 of the derived file itself. */
  sha256: string;
  tool: 'ffmpeg';
  toolVersion: string;
  parameters: Record<string, unknown>;
  createdUtc: string;
}

/** What makes a derived file: the same fields as the record, minus the ones known only at the end. */
export interface DerivedProvenance {
  kind: DerivedKind;
  toolVersion: string;
  parameters: Record<string, unknown>;
}

const sha256Pattern = /^[0-9a-f]{64}$/;
const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const partialMarker = '.partial-';

function checkSha256(sha256: string): void {
  if (!sha256Pattern.test(sha256)) throw new Error(`Not a SHA-256 (64 lowercase hex digits): ${JSON.stringify(sha256)}`);
}

function checkName(name: string): void {
  if (!namePattern.test(name) || name.includes(partialMarker)) {
    throw new Error(`Not a plain derived file name: ${JSON.stringify(name)}`);
  }
}

/** The folder that holds every derived file of one original. */
export function derivedFolder(dataFolder: string, parentSha256: string): string {
  checkSha256(parentSha256);
  return path.join(dataFolder, 'derived', parentSha256.slice(0, 2), parentSha256);
}

/** Absolute path of the derived file `name` of the original with this SHA-256. */
export function derivedPath(dataFolder: string, parentSha256: string, name: string): string {
  checkName(name);
  return path.join(derivedFolder(dataFolder, parentSha256), name);
}

/** The same path relative to the data folder, '/'-separated (what a record stores). */
export function derivedRelativePath(parentSha256: string, name: string): string {
  checkSha256(parentSha256);
  checkName(name);
  return ['derived', parentSha256.slice(0, 2), parentSha256, name].join('/');
}

export async function sha256OfFile(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash, { signal });
  return hash.digest('hex');
}

/**
 * One derived file being written: `tempPath` is where the tool writes (same folder, a name that
 * never looks finished), `commit` hashes it and renames it to `finalPath`, `discard` removes it.
 */
export class DerivedWrite {
  readonly dataFolder: string;
  readonly parentSha256: string;
  readonly name: string;
  readonly finalPath: string;
  readonly tempPath: string;

  private constructor(dataFolder: string, parentSha256: string, name: string) {
    this.dataFolder = dataFolder;
    this.parentSha256 = parentSha256;
    this.name = name;
    this.finalPath = derivedPath(dataFolder, parentSha256, name);
    this.tempPath = `${this.finalPath}${partialMarker}${randomBytes(6).toString('hex')}`;
  }

  /** Creates the folder and reserves a temporary name for `name`. */
  static async begin(dataFolder: string, parentSha256: string, name: string): Promise<DerivedWrite> {
    const write = new DerivedWrite(dataFolder, parentSha256, name);
    await mkdir(path.dirname(write.finalPath), { recursive: true });
    return write;
  }

  /** Hashes the finished temporary file, renames it into place and describes it. */
  async commit(provenance: DerivedProvenance): Promise<DerivedFileRecord> {
    const sha256 = await sha256OfFile(this.tempPath);
    await rename(this.tempPath, this.finalPath);
    return {
      kind: provenance.kind,
      parentSha256: this.parentSha256,
      path: derivedRelativePath(this.parentSha256, this.name),
      sha256,
      tool: 'ffmpeg',
      toolVersion: provenance.toolVersion,
      parameters: provenance.parameters,
      createdUtc: new Date().toISOString(),
    };
  }

  /** Renames the finished temporary file into place without a record (companion files). */
  async commitPlain(): Promise<void> {
    await rename(this.tempPath, this.finalPath);
  }

  async discard(): Promise<void> {
    await rm(this.tempPath, { force: true });
  }
}

/** True for a temporary name left behind by an interrupted write (safe to delete when no job runs). */
export function isPartialDerivedName(name: string): boolean {
  return name.includes(partialMarker);
}
