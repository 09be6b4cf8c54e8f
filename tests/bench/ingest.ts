// Ingest benchmark (npm run bench:ingest). It prints figures and their ratio to a baseline
// measured in the same run on the same files; it asserts nothing about time. Exit 1 only when the
// benchmark itself could not run; a missed target prints MISS.
// Method:
//   hash         sha256File over the ~2.3 GB drive vs `sha256sum` over the same files, one file
//                after the other in both. The page cache is warmed by reading everything once,
//                then sha256sum, ours, sha256sum, ours: the best time of each. Target ours/sha256sum
//                throughput >= 0.9. The same against `openssl dgst -sha256` for reference (no
//                target): sha256sum has no SHA-NI code path, openssl does. The hashes must agree.
//   frame index  indexFrames vs a bare `ffprobe -show_packets -of compact` whose output is piped
//                into this process and counted (one line per packet), on the drive's first clip
//                and on a one-hour clip; alternating, best of 3 each. Target ours/bare <= 1.5.
//   rescan       10,000 small clips ingested once by scanDrive (derive: false, clips only) into
//                a data folder, cached under a key of the files' path, size, mtime and inode.
//                Then, on a copy of that folder, scanDrive (derive: false) with every file
//                unchanged (after one untimed warm-up) vs a bare recursive opendir + lstat walk
//                of the same tree. Alternating, best of 3. Target >= 5,000 files/s.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { cp, lstat, mkdtemp, opendir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import type { Actor } from '../../shared/api/actor.ts';
import { openCore, type Core } from '../../electron/core/core.ts';
import { indexFrames } from '../../electron/core/library/analysis/frame-index.ts';
import { sha256File } from '../../electron/core/library/analysis/hash.ts';
import { findOnPath, findTool } from '../../electron/core/media/media-tools.ts';
import { scanDrive, type FileOutcome } from '../../electron/core/library/station-scanner.ts';
import { cacheDir, cached, largeDrive, longClip, smallTree, type Footage } from './footage.ts';

const actor: Actor = { userId: 'bench', role: 'supervisor', sessionId: 'bench' };

interface Row {
  figure: string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  result: string;
}

const rows: Row[] = [];
/** Anything that makes a figure doubtful (a hash that differs, a frame count that differs, …). */
const notes: string[] = [];

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
const ms = (seconds: number): string => `${(seconds * 1000).toFixed(0)} ms`;
const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS');

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

/** Baseline and ours alternately, `rounds` times each; the best (shortest) time of each. */
async function alternate(rounds: number, baseline: () => Promise<unknown>, ours: () => Promise<unknown>): Promise<{ baseline: number; ours: number }> {
  const best = { baseline: Infinity, ours: Infinity };
  for (let round = 0; round < rounds; round++) {
    best.baseline = Math.min(best.baseline, await timed(baseline));
    best.ours = Math.min(best.ours, await timed(ours));
  }
  return best;
}

function openBenchCore(dataFolder: string): Promise<Core> {
  return openCore({ host: 'cli', version: 'bench', dataFolder, offline: { enforced: true, mechanism: 'bench' } });
}

// ---------------------------------------------------------------- hash

/** A hashing tool's run over the files: file -> hex hash. Both print "<hash>  <file>" lines. */
async function toolHashes(command: string, args: string[], files: string[]): Promise<Map<string, string>> {
  const { stdout } = await promisify(execFile)(command, [...args, ...files]);
  return new Map(stdout.trim().split('\n').map((line) => [line.slice(66), line.slice(0, 64)]));
}

async function benchHash(drive: Footage): Promise<void> {
  const discard = (): Writable => new Writable({ write: (_chunk, _encoding, done) => done() });
  for (const file of drive.files) await pipeline(createReadStream(file), discard());

  // sha256sum is the baseline with the target; openssl (SHA extensions where the CPU has them)
  // is shown for reference, with no target.
  const baselines: { name: string; command: string; args: string[]; target: number }[] = [{ name: 'sha256sum', command: 'sha256sum', args: [], target: 0.9 }];
  if (findOnPath('openssl')) baselines.push({ name: 'openssl', command: 'openssl', args: ['dgst', '-sha256', '-r'], target: 0 });
  for (const baseline of baselines) {
    let theirs = new Map<string, string>();
    const ours = new Map<string, string>();
    const best = await alternate(
      2,
      async () => (theirs = await toolHashes(baseline.command, baseline.args, drive.files)),
      async () => {
        for (const file of drive.files) ours.set(file, (await sha256File(file)).sha256);
      },
    );
    for (const file of drive.files) {
      if (ours.get(file) !== theirs.get(file)) notes.push(`hash of ${file}: ours ${ours.get(file)}, ${baseline.name} ${theirs.get(file)}`);
    }
    const oursRate = drive.totalBytes / 1e6 / best.ours;
    const theirRate = drive.totalBytes / 1e6 / best.baseline;
    rows.push({
      figure: `hash, ${drive.files.length} files, ${mb(drive.totalBytes)}`,
      ours: `${oursRate.toFixed(0)} MB/s`,
      baseline: `${baseline.name} ${theirRate.toFixed(0)} MB/s`,
      ratio: (oursRate / theirRate).toFixed(2),
      target: baseline.target ? `ours/base >= ${baseline.target.toFixed(2)}` : '(reference)',
      result: baseline.target ? verdict(oursRate / theirRate >= baseline.target) : '',
    });
  }
}

// ---------------------------------------------------------------- frame index

/** A bare ffprobe packet listing, read to its end here; answers the number of packet lines. */
function barePacketListing(ffprobe: string, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_packets', '-of', 'compact', file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(lines) : reject(new Error(`ffprobe exited with ${code} on ${file}`))));
  });
}

async function benchFrameIndex(ffprobe: string, file: string): Promise<void> {
  let packets = 0;
  let frames = 0;
  const best = await alternate(
    3,
    async () => (packets = await barePacketListing(ffprobe, file)),
    async () => (frames = (await indexFrames(file, ffprobe)).pts.length),
  );
  if (frames !== packets) notes.push(`${path.basename(file)}: indexFrames found ${frames} frames, ffprobe listed ${packets} packets`);
  const ratio = best.ours / best.baseline;
  rows.push({
    figure: `frame index, ${path.basename(file)} (${packets} frames)`,
    ours: ms(best.ours),
    baseline: `ffprobe ${ms(best.baseline)}`,
    ratio: ratio.toFixed(2),
    target: 'ours/base <= 1.50',
    result: verdict(ratio <= 1.5),
  });
}

// ---------------------------------------------------------------- rescan

/** The bare baseline: every entry of the tree, directories opened, files lstat'ed. */
async function walk(dir: string): Promise<number> {
  let files = 0;
  for await (const entry of await opendir(dir)) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) files += await walk(child);
    else {
      await lstat(child, { bigint: true });
      files++;
    }
  }
  return files;
}

/**
 * The data folder with the tree ingested once (clips only: thumbnails and waveforms are not what
 * the rescan figure is about), cached under a key of the tree's listing; the first ingest's
 * seconds, or null when cached.
 */
async function ingestedDataFolder(tree: Footage & { drive: string }): Promise<{ dataFolder: string; seconds: number | null; summary: string }> {
  const listing = createHash('sha256');
  for (const file of tree.files) {
    const info = await lstat(file, { bigint: true });
    listing.update(`${path.relative(tree.drive, file)} ${info.size} ${info.mtimeMs} ${info.ino}\n`);
  }
  const dataFolder = path.join(cacheDir, `small-tree-data-v3-${listing.digest('hex').slice(0, 16)}`);
  let summary = '';
  const seconds = await cached(dataFolder, async (partial) => {
    const core = await openBenchCore(partial);
    const started = performance.now();
    let done = 0;
    try {
      const result = await scanDrive(core, actor, tree.drive, {
        derive: false,
        onFile: () => {
          if (++done % 1000 === 0) console.log(`  first ingest: ${done}/${tree.files.length} files, ${((performance.now() - started) / 1000).toFixed(0)} s`);
        },
      });
      summary = ` (${result.newClips} new clips, ${result.problems} problems)`;
    } finally {
      await core.close();
    }
  });
  return { dataFolder, seconds, summary };
}

async function benchRescan(tree: Footage & { drive: string }, dataFolder: string): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'revier-bench-'));
  await cp(dataFolder, work, { recursive: true });
  const core = await openBenchCore(work);
  try {
    let outcomes = new Map<FileOutcome, number>();
    const rescan = async (): Promise<void> => {
      outcomes = new Map();
      await scanDrive(core, actor, tree.drive, { derive: false, onFile: (report) => outcomes.set(report.outcome, (outcomes.get(report.outcome) ?? 0) + 1) });
    };
    await walk(tree.drive);
    await rescan();
    const best = await alternate(3, () => walk(tree.drive), rescan);
    const unchanged = outcomes.get('unchanged') ?? 0;
    if (unchanged !== tree.files.length) notes.push(`rescan outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}, expected ${tree.files.length} unchanged`);
    const filesPerSecond = tree.files.length / best.ours;
    rows.push({
      figure: `rescan, ${tree.files.length} unchanged files`,
      ours: `${best.ours.toFixed(2)} s = ${filesPerSecond.toFixed(0)} files/s`,
      baseline: `walk+lstat ${ms(best.baseline)}`,
      ratio: (best.ours / best.baseline).toFixed(1),
      target: '>= 5000 files/s',
      result: verdict(filesPerSecond >= 5000 && unchanged === tree.files.length),
    });
  } finally {
    await core.close();
    await rm(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

function printTable(): void {
  const header: Row = { figure: 'figure', ours: 'ours', baseline: 'baseline (same run)', ratio: 'ratio', target: 'target', result: 'result' };
  const columns = Object.keys(header) as (keyof Row)[];
  const widths = columns.map((c) => Math.max(...[header, ...rows].map((r) => r[c].length)));
  const line = (r: Row): string => columns.map((c, i) => r[c].padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  console.log('ratio = ours/baseline: throughput for the hash, time for the frame index and the rescan (scan/walk).');
  for (const note of notes) console.log(`NOTE: ${note}`);
}

function describe(name: string, footage: Footage, extra = ''): void {
  const origin = footage.generatedSeconds === null ? 'cached' : `generated in ${footage.generatedSeconds.toFixed(1)} s`;
  console.log(`  ${name.padEnd(12)} ${footage.files.length} files, ${mb(footage.totalBytes)}, ${origin}${extra}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const ffprobe = findTool('ffprobe');
  if (!ffprobe) throw new Error('ffprobe not found on PATH');
  console.log(`Revier ingest benchmark: node ${process.version}, ${os.availableParallelism()} cores, cache ${path.relative(process.cwd(), cacheDir)}`);

  const drive = await largeDrive();
  describe('large drive', drive);
  const long = await longClip();
  describe('long clip', long);
  const tree = await smallTree();
  describe('small tree', tree);
  const ingested = await ingestedDataFolder(tree);
  console.log(`  first ingest of the small tree: ${ingested.seconds === null ? 'cached' : `${ingested.seconds.toFixed(1)} s`}${ingested.summary}`);

  await benchHash(drive);
  await benchFrameIndex(ffprobe, drive.files[0]!);
  await benchFrameIndex(ffprobe, long.files[0]!);
  await benchRescan(tree, ingested.dataFolder);
  printTable();
  console.log(`\nwhole run: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error('The benchmark could not run:', error);
  process.exitCode = 1;
});
