// What the container says about a clip: format, duration, tags and its first video stream (the
// one `-map 0:v:0` picks, which the frame index also reads) plus every audio stream. Reads headers
// only, so the output is small and parsed as one JSON document.
import { ClipProblem } from './clip-problem.ts';
import { findEarlyEnd } from './early-end.ts';
import { parseRational, type Rational } from './rational.ts';
import { ffprobeComplaint, runFfprobe } from './run-ffprobe.ts';

export interface VideoStreamProbe {
  index: number;
  /** ffprobe's codec name ('h264', 'hevc', 'mjpeg'); 'unknown' when ffmpeg does not know the codec. */
  codec: string;
  profile: string | null;
  width: number;
  height: number;
  /** Degrees the picture must be turned clockwise for display: 0, 90, 180 or 270. */
  rotation: number;
  /** r_frame_rate: the lowest rate that represents all timestamps; null when ffprobe gives none. */
  frameRate: Rational | null;
  /** avg_frame_rate: frames divided by duration; null when ffprobe gives none (0/0). */
  averageFrameRate: Rational | null;
  timeBase: Rational;
  pixelFormat: string | null;
  hasBFrames: boolean;
  /** Whether this ffmpeg build has a decoder for the codec. */
  hasDecoder: boolean;
}

export interface AudioStreamProbe {
  index: number;
  codec: string;
  channels: number;
  channelLayout: string | null;
  sampleRate: number;
}

export interface ClipProbe {
  /** ffprobe's format_name, e.g. 'mov,mp4,m4a,3gp,3g2,mj2', 'matroska,webm', 'avi'. */
  container: string;
  durationSeconds: number | null;
  bitRate: number | null;
  /** Format-level tags such as creation_time, exactly as stored. */
  tags: Record<string, string>;
  video: VideoStreamProbe | null;
  audio: AudioStreamProbe[];
}

interface FfprobeStream {
  index?: number;
  codec_type?: string;
  codec_name?: string;
  codec_tag_string?: string;
  profile?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  time_base?: string;
  pix_fmt?: string;
  has_b_frames?: number;
  channels?: number;
  channel_layout?: string;
  sample_rate?: string;
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; bit_rate?: string; tags?: Record<string, string> };
}

const ENTRIES = [
  'format=format_name,duration,bit_rate',
  'format_tags',
  'stream=index,codec_type,codec_name,codec_tag_string,profile,width,height,r_frame_rate,avg_frame_rate,time_base,pix_fmt,has_b_frames,channels,channel_layout,sample_rate',
  'stream_tags=rotate',
  'stream_side_data=rotation',
].join(':');

/** Header data is small; anything near this is not a media header. */
const OUTPUT_LIMIT = 16 * 1024 * 1024;

function number(text: string | undefined): number | null {
  const value = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(value) ? value : null;
}

/** Display matrix side data counts counter-clockwise; the legacy rotate tag counts clockwise. */
function rotationOf(stream: FfprobeStream): number {
  const matrix = stream.side_data_list?.find((entry) => typeof entry.rotation === 'number')?.rotation;
  const degrees = matrix !== undefined ? -matrix : Number(stream.tags?.rotate ?? 0);
  if (!Number.isFinite(degrees)) return 0;
  return (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
}

/** ffprobe names the streams it has no decoder for at warning level. */
function streamsWithoutDecoder(stderr: string): Set<number> {
  return new Set([...stderr.matchAll(/Unsupported codec with id \d+ for input stream (\d+)/g)].map((match) => Number(match[1])));
}

function videoProbe(stream: FfprobeStream, noDecoder: Set<number>): VideoStreamProbe {
  const index = stream.index ?? 0;
  return {
    index,
    codec: stream.codec_name ?? 'unknown',
    profile: stream.profile ?? null,
    width: stream.width ?? 0,
    height: stream.height ?? 0,
    rotation: rotationOf(stream),
    frameRate: parseRational(stream.r_frame_rate),
    averageFrameRate: parseRational(stream.avg_frame_rate),
    timeBase: parseRational(stream.time_base) ?? { num: 1, den: 1 },
    pixelFormat: stream.pix_fmt ?? null,
    hasBFrames: (stream.has_b_frames ?? 0) > 0,
    hasDecoder: stream.codec_name !== undefined && !noDecoder.has(index),
  };
}

function audioProbe(stream: FfprobeStream): AudioStreamProbe {
  return {
    index: stream.index ?? 0,
    codec: stream.codec_name ?? 'unknown',
    channels: stream.channels ?? 0,
    channelLayout: stream.channel_layout ?? null,
    sampleRate: number(stream.sample_rate) ?? 0,
  };
}

/**
 * Probes the container. Throws ClipProblem TRUNCATED when ffprobe cannot open the file and the
 * file's own structure shows it ends early (an MP4 cut off before its moov box was written), and
 * NOT_VIDEO when ffprobe cannot open it otherwise. A file without a video stream probes fine with
 * `video: null`.
 */
export async function probeClip(file: string, ffprobePath: string, options: { signal?: AbortSignal } = {}): Promise<ClipProbe> {
  const chunks: string[] = [];
  let length = 0;
  const exit = await runFfprobe(
    ffprobePath,
    ['-v', 'warning', '-show_entries', ENTRIES, '-of', 'json', file],
    (line) => {
      length += line.length + 1;
      if (length > OUTPUT_LIMIT) throw new ClipProblem('NOT_VIDEO', file, 'ffprobe describes more than 16 MiB of headers: not a media file');
      chunks.push(line);
    },
    options.signal,
  );
  if (exit.code !== 0) {
    const complaint = ffprobeComplaint(exit.stderr, file);
    const earlyEnd = await findEarlyEnd(file);
    if (earlyEnd) throw new ClipProblem('TRUNCATED', file, `${earlyEnd}; ffmpeg cannot open what is there (${complaint}), so no frame is recoverable without repair`);
    throw new ClipProblem('NOT_VIDEO', file, `not a video file ffmpeg can open (${complaint})`);
  }
  const output = JSON.parse(chunks.join('\n')) as FfprobeOutput;
  const streams = output.streams ?? [];
  const video = streams.find((stream) => stream.codec_type === 'video');
  return {
    container: output.format?.format_name ?? 'unknown',
    durationSeconds: number(output.format?.duration),
    bitRate: number(output.format?.bit_rate),
    tags: Object.fromEntries(Object.entries(output.format?.tags ?? {}).map(([key, value]) => [key, String(value)])),
    video: video ? videoProbe(video, streamsWithoutDecoder(exit.stderr)) : null,
    audio: streams.filter((stream) => stream.codec_type === 'audio').map(audioProbe),
  };
}
