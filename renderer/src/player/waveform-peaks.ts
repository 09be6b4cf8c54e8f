// Decodes the audio peaks the core sends for the timeline (base64 of little-endian int16
// [min, max] per channel per bucket) into a typed array. Pure, no DOM; tested in Node.
import type { WaveformPeaks } from '../../../shared/api/player.ts';

/** A clip's peaks ready for drawing: value of channel c in bucket i at (i * channels + c) * 2 (+1 for max). */
export interface PeakSource {
  channels: number;
  peaksPerSecond: number;
  /** Media time of bucket 0 (the clock of the clip's frame index). */
  startSeconds: number;
  peakCount: number;
  values: Int16Array;
}

/** The peaks as numbers; a payload shorter than its peak count promises is cut to the whole buckets it holds. */
export function decodePeaks(waveform: WaveformPeaks): PeakSource {
  const binary = atob(waveform.peaks);
  const valuesPerBucket = waveform.channels * 2;
  const peakCount = Math.min(waveform.peakCount, Math.floor(binary.length / 2 / valuesPerBucket));
  const values = new Int16Array(peakCount * valuesPerBucket);
  for (let i = 0; i < values.length; i++) {
    const low = binary.charCodeAt(i * 2);
    const high = binary.charCodeAt(i * 2 + 1);
    values[i] = ((high << 8) | low) << 16 >> 16;
  }
  return { channels: waveform.channels, peaksPerSecond: waveform.peaksPerSecond, startSeconds: waveform.startSeconds, peakCount, values };
}
