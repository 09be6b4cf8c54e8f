// What a rendered copy of a clip is made of, and the encoder command that makes it. The pictures
// come from Node (exact-frames.ts decodes, paint-masks.ts burns the masks in) as an IVF stream on
// the encoder's stdin, each with its original timestamp shifted so that the range starts at 0: the
// copy has the same frames at the same distances as the original range. Audio comes straight from
// the original, cut to the same range and with its redacted ranges muted or bleeped per channel,
// sample-exactly, by one aeval expression.
import { shownRanges, type Box } from '../../../shared/tracks/interpolation.ts';
import type { MaskedTrack, PictureSize } from '../../../shared/tracks/masks.ts';
import type { FrameIndex } from '../library/analysis/frame-index.ts';
import type { AudioStreamProbe } from '../library/analysis/probe.ts';
import { frameEndSeconds, frameSeconds } from '../library/derived/frame-times.ts';
import { EVEN_PICTURE_FILTER, proxyTimescale } from '../library/derived/review-proxy.ts';

/** Encoder settings of every rendered copy, recorded with it (and used by the export benchmark's plain re-encode). */
export const renderSettings = {
  video: { codec: 'libx264', preset: 'veryfast', crf: 18, pixelFormat: 'yuv420p' },
  audio: { codec: 'aac', bitrate: '160k' },
  container: 'mp4 +faststart',
} as const;

export function videoEncoderArguments(): string[] {
  const { video } = renderSettings;
  return ['-c:v', video.codec, '-preset', video.preset, '-crf', String(video.crf), '-pix_fmt', video.pixelFormat];
}

export interface RenderSource {
  file: string;
  index: FrameIndex;
  /** The upright picture (rotation applied), in which masks are drawn. */
  picture: PictureSize;
  /** The first audio stream, the one a copy carries; null when the clip has none. */
  audio: AudioStreamProbe | null;
}

/** An audio redaction in frames of the original. */
export interface AudioCut {
  startFrame: number;
  endFrame: number;
  effect: 'mute' | 'bleep';
  /** The channel of the first audio stream (0 left, 1 right, …), null for every channel. */
  channel: number | null;
}

export type AudioTreatment =
  | { kind: 'original'; cuts: AudioCut[] }
  /** No audio track at all. */
  | { kind: 'none' }
  /** A quiet steady tone instead of the original sound (training material). */
  | { kind: 'tone' };

/** Everything pixelated with large blocks except the keep areas (training material); manual masks still go on top. */
export interface WholePicture {
  blockSize: number;
  keep: Box[];
}

export interface RenderPlan {
  source: RenderSource;
  /** Frames of the original, inclusive. */
  from: number;
  to: number;
  tracks: MaskedTrack[];
  audio: AudioTreatment;
  wholePicture: WholePicture | null;
  watermark: { text: string; fontFile: string } | null;
  /** Strip everything that could identify the source or the tools: tags, encoder names, SEI. */
  anonymous: boolean;
}

export const BLEEP_HERTZ = 1000;
const BLEEP_LEVEL = 0.25;
const TONE_HERTZ = 440;
const TONE_LEVEL = 0.05;

/** The range's media seconds in the original: the start of `from` and the end of `to`. */
export function rangeSeconds(plan: Pick<RenderPlan, 'source' | 'from' | 'to'>): { start: number; end: number } {
  return { start: frameSeconds(plan.source.index, plan.from), end: frameEndSeconds(plan.source.index, plan.to) };
}

/** The copy's timestamp of frame n: its original timestamp less the range's first. */
export function copyPts(plan: Pick<RenderPlan, 'source' | 'from'>, n: number): number {
  const { pts } = plan.source.index;
  return (pts[n] as number) - (pts[plan.from] as number);
}

const seconds = (value: number) => value.toFixed(6);

/**
 * The aeval expression of one channel: the original sample, replaced by silence or a bleep where a
 * cut covers the channel. Times are the copy's (0 = the range's first frame); a cut runs from the
 * start of its first frame to the end of its last.
 */
export function channelExpression(plan: Pick<RenderPlan, 'source' | 'from' | 'to'>, cuts: readonly AudioCut[], channel: number): string {
  const { index } = plan.source;
  const origin = frameSeconds(index, plan.from);
  let expression = `val(${channel})`;
  for (const cut of cuts) {
    if (cut.channel !== null && cut.channel !== channel) continue;
    const startFrame = Math.max(cut.startFrame, plan.from);
    const endFrame = Math.min(cut.endFrame, plan.to);
    if (endFrame < startFrame) continue;
    const start = frameSeconds(index, startFrame) - origin;
    const end = frameEndSeconds(index, endFrame) - origin;
    const replacement = cut.effect === 'mute' ? '0' : `${BLEEP_LEVEL}*sin(2*PI*${BLEEP_HERTZ}*t)`;
    expression = `if(gte(t,${seconds(start)})*lt(t,${seconds(end)}),${replacement},${expression})`;
  }
  return expression;
}

function audioArguments(plan: RenderPlan): { inputs: string[]; output: string[] } {
  const { audio } = plan;
  const range = rangeSeconds(plan);
  const duration = seconds(range.end - range.start);
  const encode = ['-c:a', renderSettings.audio.codec, '-b:a', renderSettings.audio.bitrate];
  if (audio.kind === 'none' || (audio.kind === 'original' && !plan.source.audio)) return { inputs: [], output: ['-an'] };
  if (audio.kind === 'tone') {
    return {
      inputs: ['-f', 'lavfi', '-i', `aevalsrc=${TONE_LEVEL}*sin(2*PI*${TONE_HERTZ}*t):s=48000:c=mono:d=${duration}`],
      output: ['-map', '1:a:0', ...encode],
    };
  }
  const stream = plan.source.audio as AudioStreamProbe;
  const channels = Array.from({ length: stream.channels }, (_, channel) => channelExpression(plan, audio.cuts, channel));
  // -copyts (global) keeps the original's timestamps, so atrim cuts at the frame index's times;
  // asetpts moves the range's first frame to 0 and aresample fills a late-starting track (a
  // pre-record without sound) with silence from 0, keeping picture and sound in step.
  const filter = [
    `atrim=start=${seconds(range.start)}:end=${seconds(range.end)}`,
    `asetpts=PTS-${seconds(range.start)}/TB`,
    'aresample=first_pts=0',
    `aeval=exprs='${channels.join('|')}':c=same`,
  ].join(',');
  return { inputs: ['-i', plan.source.file], output: ['-map', '1:a:0', '-af', filter, ...encode] };
}

function videoFilter(plan: RenderPlan): string {
  const filters = [EVEN_PICTURE_FILTER];
  if (plan.watermark) {
    const { text, fontFile } = plan.watermark;
    if (/['\\:]/.test(fontFile) || /['\\:%]/.test(text)) throw new RangeError('the watermark font path and text may not contain quotes, colons, backslashes or %');
    filters.push(
      `drawtext=fontfile='${fontFile}':text='${text}':fontcolor=white@0.75:fontsize=h/14:` +
        'box=1:boxcolor=black@0.45:boxborderw=12:x=(w-text_w)/2:y=h-text_h-h/16',
    );
  }
  return filters.join(',');
}

/** The encoder: IVF pictures on stdin (input 0), sound from the original or a tone (input 1), MP4 out. */
export function encoderArguments(plan: RenderPlan, output: string): string[] {
  const { timeBase } = plan.source.index;
  const timescale = String(proxyTimescale(timeBase));
  const audio = audioArguments(plan);
  const anonymous = plan.anonymous
    ? ['-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-bsf:v', 'filter_units=remove_types=6']
    : [];
  return [
    '-nostdin', '-hide_banner', '-nostats', '-v', 'error',
    '-copyts',
    '-f', 'ivf', '-thread_queue_size', '64', '-i', 'pipe:0',
    ...audio.inputs,
    '-map', '0:v:0', '-vf', videoFilter(plan),
    ...videoEncoderArguments(),
    '-fps_mode', 'passthrough', '-enc_time_base:v', `${timeBase.num}/${timeBase.den}`,
    ...audio.output,
    '-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1', ...anonymous,
    '-max_muxing_queue_size', '4096',
    '-video_track_timescale', timescale, '-movie_timescale', timescale, '-movflags', '+faststart',
    '-f', 'mp4', output,
  ];
}

/** At most this many frames are kept aside for the comparison with the original outside the masks. */
export const MAX_SAMPLES = 48;

/**
 * Frames compared with the original outside the masks: the range's ends, the first and last frame
 * of each span a track is shown and their neighbours, then evenly spread frames up to MAX_SAMPLES.
 */
export function sampleFrames(plan: Pick<RenderPlan, 'source' | 'from' | 'to' | 'tracks'>): number[] {
  const { from, to } = plan;
  const picked = new Set<number>([from, to]);
  for (const track of plan.tracks) {
    for (const [first, last] of shownRanges(track.keyframes, plan.source.index.pts.length)) {
      for (const frame of [first - 1, first, last, last + 1]) if (frame >= from && frame <= to) picked.add(frame);
    }
  }
  const kept = [...picked].sort((a, b) => a - b).slice(0, MAX_SAMPLES);
  const room = MAX_SAMPLES - kept.length;
  const all = new Set(kept);
  for (let k = 1; k <= room; k++) all.add(from + Math.round((k * (to - from)) / (room + 1)));
  return [...all].sort((a, b) => a - b);
}
