// A decoded picture as ffmpeg's rawvideo muxer writes yuv420p: the luma plane (width × height),
// then the two chroma planes (Cb, then Cr), each ceil(width/2) × ceil(height/2), every plane
// row after row with no padding. Chroma sample (i, j) belongs to luma pixels 2i..2i+1, 2j..2j+1.
export interface YuvFrame {
  width: number;
  height: number;
  data: Uint8Array;
}

/** One plane of a frame: a view into its data, row after row. */
export interface Plane {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface YuvPlanes {
  y: Plane;
  u: Plane;
  v: Plane;
}

export function yuvFrameBytes(width: number, height: number): number {
  return width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2);
}

/** The frame's three planes as views of its data (writing to a plane writes to the frame). */
export function planesOf(frame: YuvFrame): YuvPlanes {
  const { width, height, data } = frame;
  if (data.length !== yuvFrameBytes(width, height)) {
    throw new Error(`a yuv420p frame of ${width}×${height} has ${yuvFrameBytes(width, height)} bytes, not ${data.length}`);
  }
  const lumaBytes = width * height;
  const chromaWidth = Math.ceil(width / 2);
  const chromaHeight = Math.ceil(height / 2);
  const chromaBytes = chromaWidth * chromaHeight;
  return {
    y: { data: data.subarray(0, lumaBytes), width, height },
    u: { data: data.subarray(lumaBytes, lumaBytes + chromaBytes), width: chromaWidth, height: chromaHeight },
    v: { data: data.subarray(lumaBytes + chromaBytes), width: chromaWidth, height: chromaHeight },
  };
}
