// Audio waveform of a clip: minimum and maximum sample of every channel per time bucket, from the
// first audio stream, for drawing under the timeline. ffmpeg decodes to 16-bit PCM on stdout and
// the peaks are folded in as the chunks arrive: memory holds the peaks, never the decoded audio.
//
// Time axis: the clip's media timeline (the original's timestamps, `-copyts`), the same clock as
// the frame index and the player's currentTime. Bucket k covers [k, k+1) * samplesPerPeak /
// sampleRate seconds. The audio is aligned to it with aresample's `first_pts` (silence padded in
// front when the audio starts after a bucket boundary, gaps in the audio timestamps filled), so
// peak i of the file is bucket firstPeak + i.
//
// File format (".peaks", little-endian), version 1:
//   offset  size  field
//        0     4  magic "RVWF"
//        4     2  format version (1)
//        6     2  channels
//        8     4  sample rate of the decoded audio (Hz)
//       12     4  samples per peak (bucket length in samples)
//       16     4  peak count (buckets per channel)
//       20     2  bytes per value (2: signed 16-bit, full scale ±32767)
//       22     2  reserved (0)
//       24     8  first peak: signed 64-bit bucket index of the first peak on the media timeline
//       32     …  peaks: for each bucket, for each channel: min, max (int16)
import { readFile, writeFile } from 'node:fs/promises';
import { DerivedWrite, type DerivedFileRecord } from './derived-store.ts';
import { FfmpegFailed, runFfmpeg } from './ffmpeg-process.ts';

export const WAVEFORM_MAGIC = 'RVWF';
export const WAVEFORM_VERSION = 1;
export const WAVEFORM_HEADER_BYTES = 32;

export interface WaveformInput {
  file: string;
  /** SHA-256 of the original; names the derived folder. */
  sha256: string;
}

export interface WaveformOptions {
  peaksPerSecond?: number;
  signal?: AbortSignal;
}

export interface WaveformResult {
  record: DerivedFileRecord;
  channels: number;
  /** Effective rate: sampleRate / samplesPerPeak (equals the requested rate when it divides the sample rate). */
  peaksPerSecond: number;
  sampleRate: number;
  samplesPerPeak: number;
  /** Media time of the first bucket. */
  startSeconds: number;
  /** Time the peaks cover, from startSeconds. */
  durationSeconds: number;
}

export interface Waveform {
  version: number;
  channels: number;
  sampleRate: number;
  samplesPerPeak: number;
  peaksPerSecond: number;
  /** Bucket index of the first peak on the media timeline. */
  firstPeak: number;
  startSeconds: number;
  peakCount: number;
  /** [min, max] per channel per bucket: value of channel c in bucket i at (i * channels + c) * 2 (+1 for max). */
  peaks: Int16Array;
}

/** Minimum and maximum of one channel in the i-th bucket of the file, as fractions of full scale. */
export function peakAt(waveform: Waveform, channel: number, index: number): { min: number; max: number } {
  if (channel < 0 || channel >= waveform.channels || index < 0 || index >= waveform.peakCount) {
    throw new RangeError(`no peak for channel ${channel}, bucket ${index}`);
  }
  const at = (index * waveform.channels + channel) * 2;
  return { min: (waveform.peaks[at] ?? 0) / 32767, max: (waveform.peaks[at + 1] ?? 0) / 32767 };
}

interface AudioStart {
  seconds: number;
  channels: number;
  sampleRate: number;
}

/** The first audio frame's media time, channel count and rate; null when the file has no audio stream. */
async function firstAudioFrame(ffmpegPath: string, file: string, signal?: AbortSignal): Promise<AudioStart | null> {
  let text = '';
  const args = [
    '-nostdin', '-hide_banner', '-nostats', '-v', 'info', '-copyts', '-i', file,
    '-map', '0:a:0', '-frames:a', '1', '-af', 'ashowinfo', '-f', 'null', '-',
  ];
  try {
    // ashowinfo logs one line per audio frame at level info, on stderr.
    await runFfmpeg(ffmpegPath, args, { signal, purpose: `the waveform of ${file} (audio probe)`, onStderr: (chunk) => (text += chunk) });
  } catch (error) {
    if (error instanceof FfmpegFailed && /matches no streams/.test(error.stderr)) return null;
    throw error;
  }
  const line = /Parsed_ashowinfo[^\n]*\bn:0\b[^\n]*/.exec(text)?.[0];
  const channels = Number(/\bchannels:(\d+)/.exec(line ?? '')?.[1]);
  const sampleRate = Number(/\brate:(\d+)/.exec(line ?? '')?.[1]);
  if (!line || !(channels > 0) || !(sampleRate > 0)) {
    throw new Error(`ffmpeg decoded no audio frame from the first audio stream of ${file}`);
  }
  const ptsTime = /\bpts_time:(-?[\d.]+)/.exec(line)?.[1];
  return { seconds: ptsTime === undefined ? 0 : Number(ptsTime), channels, sampleRate };
}

/** Folds interleaved s16le PCM into per-bucket min/max, chunk by chunk. */
class PeakFolder {
  readonly #channels: number;
  readonly #samplesPerPeak: number;
  readonly #blocks: Int16Array[] = [];
  #block: Int16Array;
  #blockUsed = 0;
  #carry: Buffer = Buffer.alloc(0);
  #min: Int16Array;
  #max: Int16Array;
  #inBucket = 0;
  samples = 0;

  constructor(channels: number, samplesPerPeak: number) {
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('the waveform reader of raw PCM needs a little-endian host');
    this.#channels = channels;
    this.#samplesPerPeak = samplesPerPeak;
    this.#block = new Int16Array(channels * 2 * 4096);
    this.#min = new Int16Array(channels).fill(32767);
    this.#max = new Int16Array(channels).fill(-32768);
  }

  push(chunk: Buffer): void {
    const frameBytes = this.#channels * 2;
    const data = this.#carry.length ? Buffer.concat([this.#carry, chunk]) : chunk;
    const whole = data.length - (data.length % frameBytes);
    // A copy, so the view is 2-byte aligned whatever the chunk's offset (host order: little-endian, checked on write).
    const pcm = new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + whole));
    const channels = this.#channels;
    for (let i = 0; i < pcm.length; i += channels) {
      for (let c = 0; c < channels; c++) {
        const value = pcm[i + c] ?? 0;
        if (value < (this.#min[c] ?? 0)) this.#min[c] = value;
        if (value > (this.#max[c] ?? 0)) this.#max[c] = value;
      }
      this.samples++;
      if (++this.#inBucket === this.#samplesPerPeak) this.#closeBucket();
    }
    this.#carry = Buffer.from(data.subarray(whole));
  }

  /** All peaks, the last partial bucket included. */
  finish(): Int16Array {
    if (this.#inBucket > 0) this.#closeBucket();
    const all = new Int16Array(this.#blocks.reduce((n, b) => n + b.length, 0) + this.#blockUsed);
    let at = 0;
    for (const block of this.#blocks) {
      all.set(block, at);
      at += block.length;
    }
    all.set(this.#block.subarray(0, this.#blockUsed), at);
    return all;
  }

  #closeBucket(): void {
    for (let c = 0; c < this.#channels; c++) {
      if (this.#blockUsed === this.#block.length) {
        this.#blocks.push(this.#block);
        this.#block = new Int16Array(this.#block.length);
        this.#blockUsed = 0;
      }
      this.#block[this.#blockUsed++] = this.#min[c] ?? 0;
      this.#block[this.#blockUsed++] = this.#max[c] ?? 0;
    }
    this.#min.fill(32767);
    this.#max.fill(-32768);
    this.#inBucket = 0;
  }
}

function encodeWaveform(w: Omit<Waveform, 'peaksPerSecond' | 'startSeconds' | 'version'>): Buffer {
  const header = Buffer.alloc(WAVEFORM_HEADER_BYTES);
  header.write(WAVEFORM_MAGIC, 0, 'latin1');
  header.writeUInt16LE(WAVEFORM_VERSION, 4);
  header.writeUInt16LE(w.channels, 6);
  header.writeUInt32LE(w.sampleRate, 8);
  header.writeUInt32LE(w.samplesPerPeak, 12);
  header.writeUInt32LE(w.peakCount, 16);
  header.writeUInt16LE(2, 20);
  header.writeBigInt64LE(BigInt(w.firstPeak), 24);
  const body = Buffer.alloc(w.peaks.length * 2);
  w.peaks.forEach((value, i) => body.writeInt16LE(value, i * 2));
  return Buffer.concat([header, body]);
}

export async function readWaveform(file: string): Promise<Waveform> {
  const data = await readFile(file);
  if (data.length < WAVEFORM_HEADER_BYTES || data.toString('latin1', 0, 4) !== WAVEFORM_MAGIC) {
    throw new Error(`${file} is not a Revier waveform file (no ${WAVEFORM_MAGIC} header)`);
  }
  const version = data.readUInt16LE(4);
  if (version !== WAVEFORM_VERSION) throw new Error(`${file}: waveform format version ${version} is not supported (expected ${WAVEFORM_VERSION})`);
  const channels = data.readUInt16LE(6);
  const sampleRate = data.readUInt32LE(8);
  const samplesPerPeak = data.readUInt32LE(12);
  const peakCount = data.readUInt32LE(16);
  const bytesPerValue = data.readUInt16LE(20);
  const firstPeak = Number(data.readBigInt64LE(24));
  const expectedBytes = WAVEFORM_HEADER_BYTES + peakCount * channels * 2 * bytesPerValue;
  if (bytesPerValue !== 2 || channels === 0 || sampleRate === 0 || samplesPerPeak === 0 || data.length !== expectedBytes) {
    throw new Error(`${file}: damaged waveform file (${data.length} bytes, header promises ${expectedBytes})`);
  }
  const peaks = new Int16Array(peakCount * channels * 2);
  for (let i = 0; i < peaks.length; i++) peaks[i] = data.readInt16LE(WAVEFORM_HEADER_BYTES + i * 2);
  const peaksPerSecond = sampleRate / samplesPerPeak;
  return { version, channels, sampleRate, samplesPerPeak, peaksPerSecond, firstPeak, startSeconds: firstPeak / peaksPerSecond, peakCount, peaks };
}

/**
 * Makes the waveform of the first audio stream; `record: null` when the clip has no audio
 * (a fact about the clip, not an error).
 */
export async function makeWaveform(
  input: WaveformInput,
  ffmpegPath: string,
  toolVersion: string,
  dataFolder: string,
  options: WaveformOptions = {},
): Promise<WaveformResult | { record: null }> {
  const { peaksPerSecond: requested = 50, signal } = options;
  if (!(requested > 0)) throw new RangeError(`peaksPerSecond must be positive, not ${requested}`);
  const audio = await firstAudioFrame(ffmpegPath, input.file, signal);
  if (!audio) return { record: null };
  const { channels, sampleRate } = audio;
  const samplesPerPeak = Math.max(1, Math.round(sampleRate / requested));
  const firstPeak = Math.floor((audio.seconds * sampleRate) / samplesPerPeak);
  const firstSample = firstPeak * samplesPerPeak;
  const parameters = { stream: 'a:0', peaksPerSecond: requested, samplesPerPeak, sampleRate, channels, firstSample, format: `RVWF${WAVEFORM_VERSION}-int16` };

  const folder = new PeakFolder(channels, samplesPerPeak);
  const args = [
    '-nostdin', '-hide_banner', '-nostats', '-v', 'error', '-copyts', '-i', input.file,
    '-map', '0:a:0', '-vn', '-sn', '-dn',
    '-af', `aresample=async=1:first_pts=${firstSample}`,
    '-ac', String(channels), '-ar', String(sampleRate), '-c:a', 'pcm_s16le', '-f', 's16le', 'pipe:1',
  ];
  await runFfmpeg(ffmpegPath, args, { signal, purpose: `the waveform of ${input.file}`, onStdout: (chunk) => folder.push(chunk) });
  const peaks = folder.finish();
  const peakCount = peaks.length / (channels * 2);

  const write = await DerivedWrite.begin(dataFolder, input.sha256, `waveform-${requested}.peaks`);
  try {
    await writeFile(write.tempPath, encodeWaveform({ channels, sampleRate, samplesPerPeak, peakCount, firstPeak, peaks }), { signal });
    const record = await write.commit({ kind: 'waveform', toolVersion, parameters });
    return {
      record,
      channels,
      peaksPerSecond: sampleRate / samplesPerPeak,
      sampleRate,
      samplesPerPeak,
      startSeconds: firstSample / sampleRate,
      durationSeconds: folder.samples / sampleRate,
    };
  } catch (error) {
    await write.discard();
    throw error;
  }
}
