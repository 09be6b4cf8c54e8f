// A track as the core sends it, unpacked in Node (Buffer) the way the renderer's client does.
import { keyframesOf, type PackedTrack, type Track } from '../../shared/api/annotations.ts';

export function unpackTrack(track: PackedTrack): Track {
  const bytes = Buffer.from(track.keyframes, 'base64');
  return { ...track, keyframes: keyframesOf(new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8)) };
}
