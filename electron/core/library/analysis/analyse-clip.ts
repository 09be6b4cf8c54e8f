// Analyses one original on the station drive: SHA-256, container probe and frame index, plus
// whether the file is broken and how.
//
// One pass over the original: the hash and ffprobe (header probe and packet listing, which reads
// every packet) start together on the same file. Whichever reader is ahead pulls each block from
// the drive and the other finds it in the OS page cache, so the drive streams the file once, not
// twice. Piping the hash's bytes into ffprobe's stdin would make one pass by construction but fails
// for MP4s whose moov box is at the end, which is what cameras write (the index is known only when
// recording stops): ffprobe has to seek to the end for the index before it can list one packet,
// and a pipe cannot seek. Only the rare decoding fallback of the frame index (damaged, truncated
// or raw streams) reads the file a second time.
import type { BigIntStats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ClipProblem } from './clip-problem.ts';
import { readFrameIndex, type FrameIndex } from './frame-index.ts';
import { sha256File } from './hash.ts';
import { probeClip, type ClipProbe, type VideoStreamProbe } from './probe.ts';

export interface ClipAnalysis {
  sha256: string;
  sizeBytes: number;
  probe: ClipProbe;
  frameIndex: FrameIndex;
  /** A problem the clip is indexed despite: what is decodable (TRUNCATED) or what the container lists (UNSUPPORTED_CODEC). */
  problem: { code: 'TRUNCATED' | 'UNSUPPORTED_CODEC'; message: string } | null;
}

export interface AnalyseOptions {
  signal?: AbortSignal;
  /** Bytes hashed so far, after each 4 MiB block. */
  onProgress?: (progress: { bytesRead: number; sizeBytes: number }) => void;
}

function unreadable(file: string, error: unknown): ClipProblem {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied: this account may not read it'
      : code === 'ENOENT'
        ? 'the file no longer exists'
        : code === 'EIO'
          ? 'input/output error while reading (failing or disconnected drive)'
          : `it cannot be read (${code ?? (error as Error).message})`;
  return new ClipProblem('UNREADABLE', file, reason, { cause: error });
}

async function regularFile(file: string): Promise<BigIntStats> {
  let stats: BigIntStats;
  try {
    stats = await stat(file, { bigint: true });
  } catch (error) {
    throw unreadable(file, error);
  }
  if (stats.isDirectory()) throw new ClipProblem('UNREADABLE', file, 'it is a folder, not a file');
  if (stats.isFIFO()) throw new ClipProblem('UNREADABLE', file, 'it is a named pipe (FIFO), not a file');
  if (!stats.isFile()) throw new ClipProblem('UNREADABLE', file, 'it is not a regular file');
  return stats;
}

async function assertReadable(file: string): Promise<void> {
  try {
    await (await open(file, 'r')).close();
  } catch (error) {
    throw unreadable(file, error);
  }
}

function sameFile(a: BigIntStats, b: BigIntStats): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ino === b.ino && a.dev === b.dev;
}

function nothingDecodable(file: string, video: VideoStreamProbe, packetCount: number, earlyEnd: string | null): ClipProblem {
  if (earlyEnd) return new ClipProblem('TRUNCATED', file, `${earlyEnd}; not one frame is decodable`);
  if (packetCount === 0) return new ClipProblem('NOT_VIDEO', file, `it declares a ${video.codec} video stream but stores no frame of it`);
  if (!video.hasDecoder) return new ClipProblem('UNSUPPORTED_CODEC', file, `this ffmpeg has no decoder for its video codec (${video.codec})`);
  return new ClipProblem(
    'TRUNCATED',
    file,
    `it holds ${packetCount} ${video.codec} video packet(s) but the decoder completes no picture from them: the stream stops inside its first picture`,
  );
}

/**
 * Hashes, probes and indexes one clip. Throws ClipProblem EMPTY, UNREADABLE (including a file that
 * changed while it was read) and NOT_VIDEO; also TRUNCATED or UNSUPPORTED_CODEC when not a single
 * frame can be indexed. A clip with frames but a problem is returned with `problem` set.
 */
export async function analyseClip(file: string, tools: { ffprobePath: string }, options: AnalyseOptions = {}): Promise<ClipAnalysis> {
  const { signal, onProgress } = options;
  const before = await regularFile(file);
  if (before.size === 0n) throw new ClipProblem('EMPTY', file, 'the file is empty (0 bytes): it was created but nothing was written');
  await assertReadable(file);
  const total = Number(before.size);
  const [hash, probe, reading] = await Promise.allSettled([
    sha256File(file, { signal, onBytes: onProgress && ((bytesRead) => onProgress({ bytesRead, sizeBytes: total })) }),
    probeClip(file, tools.ffprobePath, { signal }),
    readFrameIndex(file, tools.ffprobePath, { signal }),
  ]);
  signal?.throwIfAborted();
  if (hash.status === 'rejected') throw unreadable(file, hash.reason);
  const after = await regularFile(file);
  if (!sameFile(before, after) || hash.value.sizeBytes !== total) {
    throw new ClipProblem('UNREADABLE', file, `changed while reading (size ${before.size} -> ${after.size} bytes, modified ${after.mtime.toISOString()})`);
  }
  if (probe.status === 'rejected') throw probe.reason;
  const video = probe.value.video;
  if (!video) {
    const audio = probe.value.audio.map((stream) => stream.codec).join(', ');
    throw new ClipProblem('NOT_VIDEO', file, `it has no video stream (${audio ? `audio only: ${audio}` : 'no audio either'})`);
  }
  if (reading.status === 'rejected') throw reading.reason;
  const { index, packetCount, earlyEnd } = reading.value;
  const frames = index.pts.length;
  if (frames === 0) throw nothingDecodable(file, video, packetCount, earlyEnd);
  const problem: ClipAnalysis['problem'] = earlyEnd
    ? { code: 'TRUNCATED', message: `${file}: ${earlyEnd}; the ${frames} decodable frames are indexed` }
    : !video.hasDecoder
      ? { code: 'UNSUPPORTED_CODEC', message: `${file}: this ffmpeg has no decoder for its video codec (${video.codec}); the ${frames} frames the container lists are indexed` }
      : null;
  return { sha256: hash.value.sha256, sizeBytes: hash.value.sizeBytes, probe: probe.value, frameIndex: index, problem };
}
