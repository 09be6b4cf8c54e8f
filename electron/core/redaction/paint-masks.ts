// Burns the masks of a frame into its decoded yuv420p picture, for the export: the same pixels
// and the same pixelation grid as the player's live preview (renderer/src/player/mask-painter.ts),
// both following shared/tracks/masks.ts. Later masks are painted over earlier ones.
//
// Which pixels: a luma pixel where maskCovers says so; a chroma sample where any of the (up to
// four) luma pixels it belongs to is covered, so that no colour of the original is left inside the
// mask's outline. Each method works only inside the mask's box (plus the blur's margin), row by
// row over the covered span of columns, which is computed once per row.
//
// fill: limited-range black, Y 16 and Cb Cr 128.
// pixelate: each block of the grid gets the mean luma of all its pixels (the whole block, as the
// preview averages it). A chroma sample belongs to the block holding its top-left luma pixel; when
// that pixel lies just outside the grid's area (an odd left or top edge), to the block holding the
// nearest luma pixel inside it. A block's chroma is the mean of the samples it holds, and every
// covered sample takes its block's chroma. With an odd edge or an odd block size a sample straddles
// two blocks and shows the colour of one of them: luma is still constant per block, and no sample
// inside the mask keeps its own colour.
// blur: a Gaussian of standard deviation blurRadius(box) (half of it in chroma samples),
// approximated by three box blurs of odd widths chosen so their variances add up to the
// Gaussian's (Kovesi, "Fast almost-Gaussian filtering", 2010), applied across then down. It reads
// the picture as far around the box as the boxes reach (just under three standard deviations),
// and sees black beyond the picture's edge, as the preview's canvas filter sees transparency over
// black: near the picture's edge the mask darkens the same way.
import type { Box } from '../../../shared/tracks/interpolation.ts';
import { blurRadius, maskCovers, pixelationGrid, type Mask, type PixelationGrid } from '../../../shared/tracks/masks.ts';
import { planesOf, type Plane, type YuvFrame } from './yuv-frame.ts';

/** Limited-range black. */
const BLACK_LUMA = 16;
const NEUTRAL_CHROMA = 128;

/**
 * The samples of one plane that a mask covers, row by row: in row `top + k`, the columns from
 * spans[2k] up to but not including spans[2k + 1] (equal when the row has none).
 */
export interface Coverage {
  top: number;
  spans: Int32Array;
}

/** The luma pixels the mask covers, exactly those maskCovers names. */
export function lumaCoverage(mask: Pick<Mask, 'shape' | 'box'>): Coverage {
  const { x, y, width, height } = mask.box;
  const spans = new Int32Array(2 * height);
  for (let k = 0; k < height; k++) {
    const [from, to] = mask.shape === 'rectangle' ? [x, x + width] : ellipseSpan(mask, y + k);
    spans[2 * k] = from;
    spans[2 * k + 1] = to;
  }
  return { top: y, spans };
}

/** The covered columns of one row of an ellipse: its chord, settled at both ends by maskCovers itself. */
function ellipseSpan(mask: Pick<Mask, 'shape' | 'box'>, row: number): [number, number] {
  const { x, y, width, height } = mask.box;
  const dy = (row + 0.5 - (y + height / 2)) / (height / 2);
  const rest = 1 - dy * dy;
  if (rest < 0) return [x, x];
  const centre = x + width / 2;
  const half = (width / 2) * Math.sqrt(rest);
  // Pixel centres within `half` of the centre; the square root's rounding may put an end one pixel off the rule.
  let from = Math.max(x, Math.ceil(centre - half - 0.5));
  let to = Math.max(from, Math.min(x + width, Math.floor(centre + half - 0.5) + 1));
  while (from < to && !maskCovers(mask, from, row)) from++;
  while (from > x && maskCovers(mask, from - 1, row)) from--;
  while (to > from && !maskCovers(mask, to - 1, row)) to--;
  while (to < x + width && maskCovers(mask, to, row)) to++;
  return [from, to];
}

/**
 * The chroma samples touching a covered luma pixel. A mask's spans are all centred on its box, so
 * the spans of two neighbouring rows nest and their union is again one span.
 */
export function chromaCoverage(luma: Coverage): Coverage {
  const rows = luma.spans.length / 2;
  const top = Math.floor(luma.top / 2);
  const bottom = Math.floor((luma.top + rows - 1) / 2);
  const spans = new Int32Array(2 * (bottom - top + 1));
  for (let j = top; j <= bottom; j++) {
    let from = Infinity;
    let to = -Infinity;
    for (let k = Math.max(0, 2 * j - luma.top); k <= Math.min(rows - 1, 2 * j + 1 - luma.top); k++) {
      const rowFrom = luma.spans[2 * k] ?? 0;
      const rowTo = luma.spans[2 * k + 1] ?? 0;
      if (rowTo <= rowFrom) continue;
      from = Math.min(from, rowFrom);
      to = Math.max(to, rowTo);
    }
    const at = 2 * (j - top);
    if (to > from) {
      spans[at] = Math.floor(from / 2);
      spans[at + 1] = Math.ceil(to / 2);
    }
  }
  return { top, spans };
}

/** Paints the masks into the frame, in order: later masks over earlier ones. */
export function paintMasks(frame: YuvFrame, masks: readonly Mask[]): void {
  if (masks.length === 0) return;
  const planes = planesOf(frame);
  for (const mask of masks) {
    const { x, y, width, height } = mask.box;
    if (!(x >= 0 && y >= 0 && width > 0 && height > 0 && x + width <= frame.width && y + height <= frame.height)) {
      throw new Error(`the mask of track ${mask.trackId} at ${x},${y} ${width}×${height} is not inside the ${frame.width}×${frame.height} frame`);
    }
    const luma = lumaCoverage(mask);
    const chroma = chromaCoverage(luma);
    if (mask.method === 'fill') {
      fillSpans(planes.y, luma, BLACK_LUMA);
      fillSpans(planes.u, chroma, NEUTRAL_CHROMA);
      fillSpans(planes.v, chroma, NEUTRAL_CHROMA);
    } else if (mask.method === 'pixelate') {
      const grid = pixelationGrid(mask.box, mask.blockSize, frame);
      pixelatePlane(planes.y, luma, blockCells(grid, 1));
      const chromaCells = blockCells(grid, 2);
      pixelatePlane(planes.u, chroma, chromaCells);
      pixelatePlane(planes.v, chroma, chromaCells);
    } else {
      const sigma = blurRadius(mask.box);
      blurPlane(planes.y, mask.box, luma, sigma, BLACK_LUMA);
      const chromaBox = { x: Math.floor(x / 2), y: Math.floor(y / 2), width: Math.ceil((x + width) / 2) - Math.floor(x / 2), height: Math.ceil((y + height) / 2) - Math.floor(y / 2) };
      blurPlane(planes.u, chromaBox, chroma, sigma / 2, NEUTRAL_CHROMA);
      blurPlane(planes.v, chromaBox, chroma, sigma / 2, NEUTRAL_CHROMA);
    }
  }
}

function fillSpans(plane: Plane, coverage: Coverage, value: number): void {
  const { data, width } = plane;
  const { top, spans } = coverage;
  for (let k = 0; k < spans.length / 2; k++) {
    const row = (top + k) * width;
    data.fill(value, row + (spans[2 * k] ?? 0), row + (spans[2 * k + 1] ?? 0));
  }
}

/** Which block each sample of a plane belongs to, over the samples that touch the grid's area. */
interface BlockCells {
  columns: number;
  blocks: number;
  firstColumn: number;
  /** Block column of sample column firstColumn + i. */
  columnBlock: Int32Array;
  firstRow: number;
  /** Block row of sample row firstRow + i. */
  rowBlock: Int32Array;
}

/** The block of every sample of a plane subsampled `step` times (1 luma, 2 chroma), by the sample's top-left luma pixel moved into the area. */
function blockCells(grid: PixelationGrid, step: number): BlockCells {
  const { area, blockSize } = grid;
  const axis = (start: number, length: number) => {
    const first = Math.floor(start / step);
    const block = new Int32Array(Math.ceil((start + length) / step) - first);
    for (let i = 0; i < block.length; i++) {
      const pixel = Math.min(Math.max((first + i) * step, start), start + length - 1);
      block[i] = Math.floor((pixel - start) / blockSize);
    }
    return { first, block };
  };
  const across = axis(area.x, area.width);
  const down = axis(area.y, area.height);
  return { columns: grid.columns, blocks: grid.columns * grid.rows, firstColumn: across.first, columnBlock: across.block, firstRow: down.first, rowBlock: down.block };
}

/** Averages each block over all its samples, then writes the block's mean on its covered samples. */
function pixelatePlane(plane: Plane, coverage: Coverage, cells: BlockCells): void {
  const { data, width } = plane;
  const { columns, firstColumn, columnBlock, firstRow, rowBlock } = cells;
  const sums = new Uint32Array(cells.blocks);
  const counts = new Uint32Array(cells.blocks);
  for (let r = 0; r < rowBlock.length; r++) {
    const base = (rowBlock[r] ?? 0) * columns;
    const row = (firstRow + r) * width + firstColumn;
    for (let c = 0; c < columnBlock.length; c++) {
      const block = base + (columnBlock[c] ?? 0);
      sums[block] = (sums[block] ?? 0) + (data[row + c] ?? 0);
      counts[block] = (counts[block] ?? 0) + 1;
    }
  }
  const means = new Uint8Array(cells.blocks);
  for (let block = 0; block < means.length; block++) {
    // A block holding no sample (a one-pixel sliver at an odd edge) has no chroma of its own and is never read.
    const count = counts[block] ?? 0;
    if (count > 0) means[block] = Math.round((sums[block] ?? 0) / count);
  }
  const { top, spans } = coverage;
  for (let k = 0; k < spans.length / 2; k++) {
    const base = (rowBlock[top + k - firstRow] ?? 0) * columns;
    const row = (top + k) * width;
    const to = spans[2 * k + 1] ?? 0;
    for (let column = spans[2 * k] ?? 0; column < to; column++) {
      data[row + column] = means[base + (columnBlock[column - firstColumn] ?? 0)] ?? 0;
    }
  }
}

/**
 * Odd box widths whose three successive box blurs approximate a Gaussian of standard deviation
 * sigma: n boxes of width w have variance n(w² − 1)/12, so the ideal width is √(4σ² + 1); the
 * first m boxes take the odd width below it and the rest the odd width above, m chosen so the
 * variances add up as closely as whole widths allow.
 */
export function gaussianBoxWidths(sigma: number): [number, number, number] {
  const ideal = Math.sqrt(4 * sigma * sigma + 1);
  let lower = Math.floor(ideal);
  if (lower % 2 === 0) lower--;
  const upper = lower + 2;
  const m = Math.round((12 * sigma * sigma - 3 * lower * lower - 12 * lower - 9) / (-4 * lower - 4));
  return [0 < m ? lower : upper, 1 < m ? lower : upper, 2 < m ? lower : upper];
}

/** Blurs the plane around the box (sigma in this plane's samples) and writes the result on the covered samples. */
function blurPlane(plane: Plane, box: Box, coverage: Coverage, sigma: number, outside: number): void {
  const { data, width, height } = plane;
  const radii = gaussianBoxWidths(sigma).map((boxWidth) => (boxWidth - 1) / 2);
  // The box and all around it that the three boxes reach together (just under 3 sigma), in values
  // relative to black, so that beyond the picture's edge and beyond the region is zero.
  const reach = radii.reduce((sum, radius) => sum + radius, 0);
  const left = box.x - reach;
  const top = box.y - reach;
  const regionWidth = box.width + 2 * reach;
  const regionHeight = box.height + 2 * reach;
  const region = new Float32Array(regionWidth * regionHeight);
  const line = new Float32Array(Math.max(regionWidth, regionHeight));
  const spare = new Float32Array(line.length);
  const [firstColumn, endColumn] = [Math.max(0, left), Math.min(width, left + regionWidth)];
  for (let row = Math.max(0, top); row < Math.min(height, top + regionHeight); row++) {
    line.fill(0);
    for (let column = firstColumn; column < endColumn; column++) line[column - left] = (data[row * width + column] ?? 0) - outside;
    region.set(boxBlurs(line, spare, regionWidth, radii).subarray(0, regionWidth), (row - top) * regionWidth);
  }
  // Down only the box's columns: nothing else is written.
  for (let c = reach; c < reach + box.width; c++) {
    for (let r = 0; r < regionHeight; r++) line[r] = region[r * regionWidth + c] ?? 0;
    const blurred = boxBlurs(line, spare, regionHeight, radii);
    for (let r = 0; r < regionHeight; r++) region[r * regionWidth + c] = blurred[r] ?? 0;
  }
  const { spans } = coverage;
  for (let k = 0; k < spans.length / 2; k++) {
    const row = coverage.top + k;
    const from = (row - top) * regionWidth - left;
    const to = spans[2 * k + 1] ?? 0;
    for (let column = spans[2 * k] ?? 0; column < to; column++) {
      data[row * width + column] = Math.round((region[from + column] ?? 0) + outside);
    }
  }
}

/** Box blurs of the given radii over the first n values of `line` (zero beyond them), using `spare`; returns whichever of the two holds the result. */
function boxBlurs(line: Float32Array, spare: Float32Array, n: number, radii: readonly number[]): Float32Array {
  let source = line;
  let target = spare;
  for (const radius of radii) {
    const boxWidth = 2 * radius + 1;
    let sum = 0;
    for (let i = 0; i <= radius && i < n; i++) sum += source[i] ?? 0;
    for (let i = 0; i < n; i++) {
      target[i] = sum / boxWidth;
      if (i + radius + 1 < n) sum += source[i + radius + 1] ?? 0;
      if (i - radius >= 0) sum -= source[i - radius] ?? 0;
    }
    [source, target] = [target, source];
  }
  return source;
}
