// The frame index: every video frame's presentation timestamp in display order with its keyframe
// flag. Frame N of the index is the N-th frame that `ffmpeg -i FILE -map 0:v:0 -f null -` outputs,
// so frames an MP4 edit list hides are not in it. Frame numbers are the clip's identity of time.
//
// Fast path, no decoding: ffprobe's packet listing. Packets come in decode order; ffmpeg marks the
// packets an edit list hides with the 'D' flag (their frames are decoded as references but never
// output); sorting the other packets by pts gives display order, one frame per packet.
// The decoder's own output (`-show_frames`, which decodes everything) is used instead exactly when
// the packets cannot be trusted to say what the decoder outputs:
// - ffprobe reports any error while reading packets (damaged data, parser complaints);
// - the container ends early (early-end.ts, or ffprobe's "partial file" / "File ended
//   prematurely"): the last frames may be partial and the decoder decides what survives;
// - a packet has no pts (raw H.264/HEVC elementary streams, some AVI and MPEG-PS streams);
// - the first packet in decode order is not a keyframe (a recording cut mid-GOP: the decoder drops
//   everything up to the first keyframe), or a later packet is shown before the first one (open-GOP
//   leading pictures, which a decoder drops at the start of a stream).
// When no frame has a timestamp (raw elementary streams), ffmpeg invents them from the nominal frame
// rate; the index then uses the time base 1/rate with frame n at tick n, the exact form of that.
import { ClipProblem } from './clip-problem.ts';
import { findEarlyEnd } from './early-end.ts';
import { parseRational, type Rational } from './rational.ts';
import { ffprobeComplaint, runFfprobe } from './run-ffprobe.ts';

// The stored form lives in its own file; callers take everything about the index from here.
export { decodeFrameIndex, encodeFrameIndex } from './frame-index-codec.ts';

export interface FrameIndex {
  timeBase: Rational;
  /**
   * Presentation time of frame n in ticks of timeBase (integers, exact below 2^53). Ascending; from
   * the decoder path in its output order, which is ascending for any stream a player can show.
   */
  pts: Float64Array;
  /** 1 where frame n is a keyframe, else 0. */
  keyframes: Uint8Array;
}

export interface FrameIndexReading {
  index: FrameIndex;
  /** Where the index came from: ffprobe's packet listing, or decoding every frame. */
  source: 'packets' | 'decoder';
  /** Why the packets were not trusted (null when source is 'packets'). */
  decodedBecause: string | null;
  /** Video packets the demuxer delivered that are not hidden by an edit list. */
  packetCount: number;
  /** Why the file is known to end early, or null. */
  earlyEnd: string | null;
}

interface Listing {
  pts: number[];
  keyframe: boolean[];
  discard: boolean[];
  timeBase: Rational | null;
  frameRate: Rational | null;
  hasStream: boolean;
}

const EARLY_END_MESSAGES = /partial file|File ended prematurely/;

/** The value of `name` in a compact line "section|key=value|key=value" (values here hold no '|'). */
function field(line: string, name: string): string | undefined {
  const key = `|${name}=`;
  const at = line.indexOf(key);
  if (at < 0) return undefined;
  const end = line.indexOf('|', at + key.length);
  return line.slice(at + key.length, end < 0 ? undefined : end);
}

function ticks(text: string | undefined): number {
  if (text === undefined || text === 'N/A') return NaN;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`timestamp ${text} is not an integer below 2^53`);
  return value;
}

async function list(
  file: string,
  ffprobePath: string,
  section: 'packet' | 'frame',
  signal: AbortSignal | undefined,
): Promise<{ listing: Listing; stderr: string }> {
  const listing: Listing = { pts: [], keyframe: [], discard: [], timeBase: null, frameRate: null, hasStream: false };
  const entries = section === 'packet' ? 'packet=pts,flags' : 'frame=best_effort_timestamp,key_frame';
  const args = ['-v', 'error', '-select_streams', 'v:0', '-show_entries', `${entries}:stream=time_base,r_frame_rate`, '-of', 'compact', file];
  const exit = await runFfprobe(
    ffprobePath,
    args,
    (line) => {
      if (line.startsWith(`${section}|`)) {
        const flags = field(line, 'flags') ?? '';
        listing.pts.push(ticks(field(line, section === 'packet' ? 'pts' : 'best_effort_timestamp')));
        listing.keyframe.push(section === 'packet' ? flags.includes('K') : field(line, 'key_frame') === '1');
        listing.discard.push(flags.includes('D'));
      } else if (line.startsWith('stream|')) {
        listing.hasStream = true;
        listing.timeBase = parseRational(field(line, 'time_base'));
        listing.frameRate = parseRational(field(line, 'r_frame_rate'));
      }
    },
    signal,
  );
  if (exit.code !== 0) throw new ClipProblem('NOT_VIDEO', file, `ffmpeg cannot read it as video (${ffprobeComplaint(exit.stderr, file)})`);
  if (!listing.hasStream) throw new ClipProblem('NOT_VIDEO', file, 'the file has no video stream');
  return { listing, stderr: exit.stderr };
}

/** Why the packet listing may differ from what the decoder outputs, or null when it cannot. */
function reasonToDecode(listing: Listing, complaint: string | null, earlyEnd: string | null): string | null {
  if (earlyEnd) return earlyEnd;
  if (complaint) return `ffprobe reported errors while reading packets (${complaint})`;
  if (listing.pts.some(Number.isNaN)) return 'packets without timestamps';
  if (listing.keyframe.length > 0 && !listing.keyframe[0]) return 'the stream does not start with a keyframe';
  const first = listing.pts[0] ?? 0;
  if (listing.pts.some((pts) => pts < first)) return 'pictures shown before the first keyframe (open GOP)';
  return null;
}

function fromPackets(listing: Listing, timeBase: Rational): FrameIndex {
  const shown = listing.pts.map((_, i) => i).filter((i) => !listing.discard[i]);
  shown.sort((a, b) => (listing.pts[a] ?? 0) - (listing.pts[b] ?? 0));
  return {
    timeBase,
    pts: Float64Array.from(shown, (i) => listing.pts[i] ?? 0),
    keyframes: Uint8Array.from(shown, (i) => (listing.keyframe[i] ? 1 : 0)),
  };
}

function fromFrames(listing: Listing, timeBase: Rational): FrameIndex {
  const keyframes = Uint8Array.from(listing.keyframe, (key) => (key ? 1 : 0));
  if (!listing.pts.some(Number.isNaN)) return { timeBase, pts: Float64Array.from(listing.pts), keyframes };
  // No trustworthy timeline: frame n at n / rate, as ffmpeg does (25 fps is its raw-stream default).
  const rate = listing.frameRate ?? { num: 25, den: 1 };
  return { timeBase: { num: rate.den, den: rate.num }, pts: Float64Array.from(listing.pts, (_, n) => n), keyframes };
}

/** The frame index with the evidence gathered on the way (see the header of this file). */
export async function readFrameIndex(file: string, ffprobePath: string, options: { signal?: AbortSignal } = {}): Promise<FrameIndexReading> {
  const [packets, structuralEnd] = await Promise.all([list(file, ffprobePath, 'packet', options.signal), findEarlyEnd(file)]);
  const complaint = packets.stderr.trim() ? ffprobeComplaint(packets.stderr, file) : null;
  const earlyEnd = structuralEnd ?? (complaint && EARLY_END_MESSAGES.test(complaint) ? `ffmpeg reports: ${complaint}` : null);
  const packetCount = packets.listing.discard.filter((discard) => !discard).length;
  const timeBase = packets.listing.timeBase ?? { num: 1, den: 1 };
  const decodedBecause = reasonToDecode(packets.listing, complaint, earlyEnd);
  if (!decodedBecause) {
    return { index: fromPackets(packets.listing, timeBase), source: 'packets', decodedBecause, packetCount, earlyEnd };
  }
  const frames = await list(file, ffprobePath, 'frame', options.signal);
  return { index: fromFrames(frames.listing, frames.listing.timeBase ?? timeBase), source: 'decoder', decodedBecause, packetCount, earlyEnd };
}

export async function indexFrames(file: string, ffprobePath: string, options: { signal?: AbortSignal } = {}): Promise<FrameIndex> {
  return (await readFrameIndex(file, ffprobePath, options)).index;
}

const NANOS = 1_000_000_000n;

/**
 * Frame n's presentation time in seconds as a decimal string with exactly 9 decimals, derived from
 * the rational pts * num / den and rounded half away from zero to the nanosecond. Most time bases
 * (1/90000, 1001/30000) have no finite decimal; nanoseconds keep every frame distinct at any real
 * frame rate and compare as text within one sign.
 */
export function ptsSeconds(index: FrameIndex, n: number): string {
  const pts = index.pts[n];
  if (!Number.isInteger(n) || pts === undefined) throw new RangeError(`frame ${n} is not in an index of ${index.pts.length} frames`);
  const numerator = BigInt(pts) * BigInt(index.timeBase.num) * NANOS;
  const den = BigInt(index.timeBase.den);
  const magnitude = numerator < 0n ? -numerator : numerator;
  const nanos = (2n * magnitude + den) / (2n * den);
  const sign = numerator < 0n && nanos > 0n ? '-' : '';
  return `${sign}${nanos / NANOS}.${String(nanos % NANOS).padStart(9, '0')}`;
}
