// Whether the renderer (Chromium 156 on Debian, a plain <video> element with a file URL or the
// evidence: scheme) can play an original, or the clip needs an H.264 review proxy.
//
// Measured on this machine with /usr/bin/chromium 156.0.8078.108 (a <video> per file, checking
// videoWidth, requestVideoFrameCallback and webkit{Video,Audio}DecodedByteCount):
//   container \ video    h264   vp8   vp9   av1   hevc  mpeg4  mpeg2  mjpeg  theora
//   mp4 / mov            yes    -     yes   yes   AUDIO AUDIO  AUDIO  AUDIO
//   mkv / webm           yes    yes   yes   yes   AUDIO               AUDIO
//   mpeg-ts, mpeg-ps, avi: MEDIA_ERR_SRC_NOT_SUPPORTED whatever the codecs
//   ogg                                                                     AUDIO
// "AUDIO" is the dangerous case: the element plays the sound with no picture (videoWidth 0) and
// raises no error. H.264 in Matroska plays (Chromium opened MKV beyond WebM's codecs; H.264 with
// AAC, PCM or FLAC tested). Audio decoded: aac, mp3, opus, vorbis, flac, pcm (s16/s24/f32/u8,
// a-law, µ-law); NOT ac3, eac3, mp2: the picture plays and the sound is silently dropped, which
// for evidence is as bad as no picture, so those clips get a proxy too (it carries AAC).
const playableVideoCodecs = new Set(['h264', 'vp8', 'vp9', 'av1']);

const playableAudioCodecs = new Set([
  'aac', 'mp3', 'opus', 'vorbis', 'flac',
  'pcm_s16le', 'pcm_s16be', 'pcm_s24le', 'pcm_s24be', 'pcm_s32le', 'pcm_f32le', 'pcm_u8', 'pcm_alaw', 'pcm_mulaw',
]);

/** ffprobe format names (and the plain extensions callers may pass) by family. */
const containerFamilies: Record<string, 'mp4' | 'matroska' | 'other'> = {
  mov: 'mp4', mp4: 'mp4', m4a: 'mp4', m4v: 'mp4', '3gp': 'mp4', '3g2': 'mp4', mj2: 'mp4',
  matroska: 'matroska', webm: 'matroska', mkv: 'matroska',
};

function containerFamily(container: string): 'mp4' | 'matroska' | 'other' {
  // ffprobe writes a format's aliases comma-separated: "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm".
  const names = container.toLowerCase().split(',').map((name) => name.trim().replace(/^\./, ''));
  for (const name of names) {
    const family = containerFamilies[name];
    if (family) return family;
  }
  return 'other';
}

/**
 * The media type a host sends with a clip the renderer plays as it is, or null when the container
 * is none the renderer plays (such clips are only ever served as their MP4 review proxy).
 */
export function playableMediaType(container: string): 'video/mp4' | 'video/x-matroska' | null {
  const family = containerFamily(container);
  return family === 'mp4' ? 'video/mp4' : family === 'matroska' ? 'video/x-matroska' : null;
}

/** Video codecs Chromium plays per container family (VP8 has no MP4 mapping ffmpeg or Chromium use). */
function playsIn(family: 'mp4' | 'matroska', videoCodec: string): boolean {
  return family === 'mp4' ? videoCodec !== 'vp8' && playableVideoCodecs.has(videoCodec) : playableVideoCodecs.has(videoCodec);
}

export interface PlaybackProbe {
  /** ffprobe codec_name of the first video stream; null when the file has no video. */
  videoCodec: string | null;
  /** ffprobe format_name ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "avi", "mpegts", "mpeg"), or an extension. */
  container: string;
  /** ffprobe codec_name of the first audio stream when known; null or absent: not considered. */
  audioCodec?: string | null;
  /** ffprobe pix_fmt of the video when known; null or absent: not considered. */
  pixelFormat?: string | null;
}

/**
 * Chromium decodes H.264 only as 8-bit 4:2:0: a High 4:4:4 Predictive clip (yuv444p, measured)
 * showed its I-frames and nothing between them, without an error.
 */
const playableH264PixelFormats = new Set(['yuv420p', 'yuvj420p']);

/**
 * True when the renderer cannot show the clip as it is and needs an H.264/AAC MP4 review proxy.
 * False without video: there is no picture a proxy could carry.
 */
export function needsReviewProxy(probe: PlaybackProbe): boolean {
  if (probe.videoCodec === null) return false;
  const family = containerFamily(probe.container);
  if (family === 'other') return true;
  const videoCodec = probe.videoCodec.toLowerCase();
  if (!playsIn(family, videoCodec)) return true;
  if (videoCodec === 'h264' && probe.pixelFormat && !playableH264PixelFormats.has(probe.pixelFormat)) return true;
  const audio = probe.audioCodec?.toLowerCase();
  return audio !== undefined && !playableAudioCodecs.has(audio);
}
