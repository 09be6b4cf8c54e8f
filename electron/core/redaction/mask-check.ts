// Checks a rendered frame, decoded back from the export's H.264 (libx264 -crf 18 -preset
// veryfast), against the masks it was rendered with: that each mask hid the original, and that the
// picture around the masks is still the original, allowing for the encoder's error.
//
// Tolerances, from round trips through libx264 (ffmpeg 5.1) of textured, moving pictures
// (testsrc2 under strong temporal or fixed noise, black-and-white cellular automata, the camera
// files of realdata) with masks of both shapes and every method at odd places, blocks of 4 to 32:
// - CODEC_BORDER 2: the transform blocks straddling a mask's outline ring on both sides of it.
//   Two pixels in, an encoded black fill still strayed by up to 35 levels; three pixels in, by 8.
// - FILL_SPREAD_MAX 48: encoded fills spread by at most 39 levels (luma beside black-and-white
//   cells, chroma under heavy temporal noise), 25 on camera footage; left unpainted, the same
//   areas of the noisy patterns spread by 99 to 255.
// - BLOCK_DEVIATION_MAX 48: encoded pixelation strayed from a block's mean by at most 26 on noise
//   and camera footage (the blocks' edges ring); left unpainted, by 50 to 250. Black-and-white
//   cells of 4 pixels under blocks of 4 to 7 rang up to 54: a synthetic worst case, which would
//   stop an export rather than let one through.
// - PSNR_OUTSIDE_MIN 35 dB (the export's requirement): camera footage kept 39 to 62 dB outside
//   the masks; heavy temporal noise (ffmpeg noise=alls=30:allf=t) 33.6 to 35.2 dB, no less than
//   the unpainted picture, so very noisy footage can miss it with a correct render.
// A flat area left unpainted cannot be told from a painted one: the check proves the masks where
// the original has detail to hide. blur is not checked: it is not claimed to hide detail.
import type { Box } from '../../../shared/tracks/interpolation.ts';
import { pixelationBlock, pixelationGrid, type Mask } from '../../../shared/tracks/masks.ts';
import { lumaCoverage, type Coverage } from './paint-masks.ts';
import { planesOf, type YuvFrame } from './yuv-frame.ts';

/** Pixels along a mask's outline, inside and out, where the codec's ringing is expected. */
export const CODEC_BORDER = 2;
/** Levels a fill mask's luma or chroma may spread over after encoding. */
const FILL_SPREAD_MAX = 48;
/** Levels a pixel may stray from its pixelation block's mean luma after encoding. */
const BLOCK_DEVIATION_MAX = 48;
/** The PSNR, in dB, the export requires of the picture outside the masks. */
export const PSNR_OUTSIDE_MIN = 35;

/**
 * What is wrong with the mask in the rendered frame, in English, or null when it hides the
 * original. `paintedOver`: the masks drawn after it; where they lie (and CODEC_BORDER around
 * them) the picture is theirs, not this mask's. Null too when no pixel is left to check.
 */
export function maskFinding(output: YuvFrame, mask: Mask, paintedOver: readonly Mask[] = []): string | null {
  if (mask.method === 'blur') return null;
  const checked = checkedPixels(mask, paintedOver, output);
  const place = `the ${mask.method} mask of track ${mask.trackId} at ${mask.box.x},${mask.box.y} ${mask.box.width}×${mask.box.height}`;
  if (mask.method === 'pixelate') {
    const worst = worstBlock(output, mask, checked);
    if (worst.deviation <= BLOCK_DEVIATION_MAX) return null;
    return `luma strays by ${Math.round(worst.deviation)} from its block's mean inside ${place} (block at ${worst.block.x},${worst.block.y} ${worst.block.width}×${worst.block.height})`;
  }
  for (const [name, spread] of fillSpreads(output, mask, checked)) {
    if (spread > FILL_SPREAD_MAX) return `${name} varies by ${spread} inside ${place}`;
  }
  return null;
}

/**
 * The pixels of the mask's box to check, 1 per pixel row by row: the covered pixels but the
 * CODEC_BORDER outermost, and none within CODEC_BORDER of a mask painted over it.
 */
function checkedPixels(mask: Mask, paintedOver: readonly Mask[], picture: YuvFrame): Uint8Array {
  const checked = new Uint8Array(mask.box.width * mask.box.height);
  markInBox(checked, mask.box, eroded(lumaCoverage(mask), CODEC_BORDER), 1);
  for (const over of paintedOver) markInBox(checked, mask.box, grown(lumaCoverage(over), CODEC_BORDER, picture), 0);
  return checked;
}

/** Sets the marks (one per pixel of the box, row by row) of the coverage's pixels inside the box to `value`. */
function markInBox(marks: Uint8Array, box: Box, coverage: Coverage, value: number): void {
  const rows = coverage.spans.length / 2;
  for (let row = Math.max(box.y, coverage.top); row < Math.min(box.y + box.height, coverage.top + rows); row++) {
    const k = row - coverage.top;
    const from = Math.max(box.x, coverage.spans[2 * k] ?? 0);
    const to = Math.min(box.x + box.width, coverage.spans[2 * k + 1] ?? 0);
    if (to > from) marks.fill(value, (row - box.y) * box.width + from - box.x, (row - box.y) * box.width + to - box.x);
  }
}

/** Luma, Cb and Cr: highest minus lowest over the checked pixels, and the chroma samples all of whose luma pixels are checked. */
function fillSpreads(output: YuvFrame, mask: Mask, checked: Uint8Array): [string, number][] {
  const planes = planesOf(output);
  const { x, y, width, height } = mask.box;
  const luma = new Spread();
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) if (checked[row * width + column]) luma.add(planes.y.data[(y + row) * output.width + x + column] ?? 0);
  }
  const [cb, cr] = [new Spread(), new Spread()];
  const chromaWidth = planes.u.width;
  // The samples whose four luma pixels lie in the box.
  for (let j = Math.ceil(y / 2); 2 * j + 1 < y + height; j++) {
    for (let i = Math.ceil(x / 2); 2 * i + 1 < x + width; i++) {
      const at = (2 * j - y) * width + 2 * i - x;
      if (!(checked[at] && checked[at + 1] && checked[at + width] && checked[at + width + 1])) continue;
      cb.add(planes.u.data[j * chromaWidth + i] ?? 0);
      cr.add(planes.v.data[j * chromaWidth + i] ?? 0);
    }
  }
  return [
    ['luma', luma.spread],
    ['Cb', cb.spread],
    ['Cr', cr.spread],
  ];
}

class Spread {
  #lowest = 255;
  #highest = 0;
  add(value: number): void {
    if (value < this.#lowest) this.#lowest = value;
    if (value > this.#highest) this.#highest = value;
  }
  /** 0 when nothing was added. */
  get spread(): number {
    return Math.max(0, this.#highest - this.#lowest);
  }
}

/** The block of the mask's pixelation grid whose checked luma strays furthest from the block's own mean. */
function worstBlock(output: YuvFrame, mask: Mask, checked: Uint8Array) {
  const grid = pixelationGrid(mask.box, mask.blockSize, output);
  const { columns, blockSize } = grid;
  const blocks = columns * grid.rows;
  const sums = new Float64Array(blocks);
  const counts = new Uint32Array(blocks);
  const lowest = new Uint8Array(blocks).fill(255);
  const highest = new Uint8Array(blocks);
  const luma = planesOf(output).y.data;
  const { x, y, width, height } = mask.box;
  for (let row = 0; row < height; row++) {
    const blockRow = Math.floor(row / blockSize) * columns;
    for (let column = 0; column < width; column++) {
      if (!checked[row * width + column]) continue;
      const block = blockRow + Math.floor(column / blockSize);
      const value = luma[(y + row) * output.width + x + column] ?? 0;
      sums[block] = (sums[block] ?? 0) + value;
      counts[block] = (counts[block] ?? 0) + 1;
      if (value < (lowest[block] ?? 0)) lowest[block] = value;
      if (value > (highest[block] ?? 0)) highest[block] = value;
    }
  }
  let worst = { deviation: 0, index: 0 };
  for (let block = 0; block < blocks; block++) {
    const count = counts[block] ?? 0;
    if (count === 0) continue;
    const mean = (sums[block] ?? 0) / count;
    const deviation = Math.max((highest[block] ?? 0) - mean, mean - (lowest[block] ?? 0));
    if (deviation > worst.deviation) worst = { deviation, index: block };
  }
  return { deviation: worst.deviation, block: pixelationBlock(grid, worst.index % columns, Math.floor(worst.index / columns)) };
}

/** The covered samples but the `border` outermost: those whose every neighbour within `border` (across, down, diagonally) is covered. */
function eroded(coverage: Coverage, border: number): Coverage {
  const { top, spans } = coverage;
  const rows = spans.length / 2;
  const inner = new Int32Array(spans.length);
  for (let k = 0; k < rows; k++) {
    let from = -Infinity;
    let to = Infinity;
    for (let near = k - border; near <= k + border; near++) {
      const inside = near >= 0 && near < rows;
      from = Math.max(from, (inside ? (spans[2 * near] ?? 0) : 0) + border);
      to = Math.min(to, (inside ? (spans[2 * near + 1] ?? 0) : 0) - border);
    }
    if (to > from) {
      inner[2 * k] = from;
      inner[2 * k + 1] = to;
    }
  }
  return { top, spans: inner };
}

/** The coverage and every pixel within `border` of it, cut to the picture. Rows' spans nest (see chromaCoverage), so each grown row is one span. */
function grown(coverage: Coverage, border: number, picture: YuvFrame): Coverage {
  const rows = coverage.spans.length / 2;
  const top = Math.max(0, coverage.top - border);
  const bottom = Math.min(picture.height, coverage.top + rows + border);
  const spans = new Int32Array(2 * (bottom - top));
  for (let row = top; row < bottom; row++) {
    let from = Infinity;
    let to = -Infinity;
    for (let k = Math.max(0, row - border - coverage.top); k <= Math.min(rows - 1, row + border - coverage.top); k++) {
      const nearFrom = coverage.spans[2 * k] ?? 0;
      const nearTo = coverage.spans[2 * k + 1] ?? 0;
      if (nearTo <= nearFrom) continue;
      from = Math.min(from, nearFrom);
      to = Math.max(to, nearTo);
    }
    if (to > from) {
      spans[2 * (row - top)] = Math.max(0, from - border);
      spans[2 * (row - top) + 1] = Math.min(picture.width, to + border);
    }
  }
  return { top, spans };
}

/**
 * PSNR in dB between source and output over the samples of all three planes that no mask touches,
 * leaving out CODEC_BORDER pixels around every mask and every chroma sample belonging to a left-out
 * luma pixel; Infinity when those samples are identical (or there are none).
 */
export function psnrOutside(source: YuvFrame, output: YuvFrame, masks: readonly Mask[]): number {
  if (source.width !== output.width || source.height !== output.height) {
    throw new Error(`frames of ${source.width}×${source.height} and ${output.width}×${output.height} cannot be compared`);
  }
  const { width, height } = source;
  const [from, to] = [planesOf(source), planesOf(output)];
  const leftOut = new Uint8Array(width * height);
  for (const mask of masks) {
    const { top, spans } = grown(lumaCoverage(mask), CODEC_BORDER, source);
    for (let k = 0; k < spans.length / 2; k++) leftOut.fill(1, (top + k) * width + (spans[2 * k] ?? 0), (top + k) * width + (spans[2 * k + 1] ?? 0));
  }
  let squares = 0;
  let samples = 0;
  for (let at = 0; at < leftOut.length; at++) {
    if (leftOut[at]) continue;
    const difference = (from.y.data[at] ?? 0) - (to.y.data[at] ?? 0);
    squares += difference * difference;
    samples++;
  }
  const chromaWidth = from.u.width;
  for (let j = 0; j < from.u.height; j++) {
    const [row, below] = [2 * j * width, 2 * j + 1 < height ? width : 0];
    for (let i = 0; i < chromaWidth; i++) {
      const [at, right] = [row + 2 * i, 2 * i + 1 < width ? 1 : 0];
      // Past the picture's last row or column, `below` and `right` are 0 and look at the pixel itself.
      if (leftOut[at] || leftOut[at + right] || leftOut[at + below] || leftOut[at + below + right]) continue;
      const sample = j * chromaWidth + i;
      const cb = (from.u.data[sample] ?? 0) - (to.u.data[sample] ?? 0);
      const cr = (from.v.data[sample] ?? 0) - (to.v.data[sample] ?? 0);
      squares += cb * cb + cr * cr;
      samples += 2;
    }
  }
  if (squares === 0) return Infinity;
  return 10 * Math.log10((255 * 255 * samples) / squares);
}
