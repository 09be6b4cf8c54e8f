import { describe, expect, it } from 'vitest';
import { boxAt, problemsOf, shownRanges, type Box, type Keyframe } from '../../shared/tracks/interpolation.ts';

const box = (x: number, y: number, width = 40, height = 20): Box => ({ x, y, width, height });
const key = (frame: number, b: Box, outside = false): Keyframe => ({ frame, box: b, outside });

/** Shown at 10, moved by frame 50, leaves at 70, back at 90, last keyframe at 100. */
const track: Keyframe[] = [key(10, box(0, 0)), key(50, box(80, 40, 80, 40)), key(70, box(0, 0), true), key(90, box(200, 100)), key(100, box(300, 100))];

describe('boxAt', () => {
  it.each([
    ['before the first keyframe', 0, null],
    ['the frame before the first keyframe', 9, null],
    ['on the first keyframe', 10, box(0, 0)],
    ['halfway between two shown keyframes', 30, box(40, 20, 60, 30)],
    ['a quarter of the way', 20, box(20, 10, 50, 25)],
    ['on the second keyframe', 50, box(80, 40, 80, 40)],
    ['holding before an outside keyframe (no glide toward it)', 60, box(80, 40, 80, 40)],
    ['the last frame before outside', 69, box(80, 40, 80, 40)],
    ['on the outside keyframe', 70, null],
    ['while outside', 80, null],
    ['resumed', 90, box(200, 100)],
    ['between the resumed keyframes', 95, box(250, 100)],
    ['on the last keyframe', 100, box(300, 100)],
    ['after the last keyframe: stays', 5000, box(300, 100)],
  ])('%s (frame %i)', (_name, frame, expected) => {
    expect(boxAt(track, frame)).toEqual(expected);
  });

  it('shows nothing for a track without keyframes, and one keyframe from its frame on', () => {
    expect(boxAt([], 3)).toBeNull();
    expect(boxAt([key(5, box(1, 2))], 4)).toBeNull();
    expect(boxAt([key(5, box(1, 2))], 5)).toEqual(box(1, 2));
    expect(boxAt([key(5, box(1, 2))], 6)).toEqual(box(1, 2));
  });

  it('returns a copy: a caller cannot change the keyframe', () => {
    const shown = boxAt(track, 10);
    if (shown) shown.x = 999;
    expect(track[0]?.box.x).toBe(0);
  });

  it('a track that starts outside stays hidden until its first shown keyframe', () => {
    const late = [key(0, box(0, 0), true), key(20, box(10, 10))];
    expect(boxAt(late, 10)).toBeNull();
    expect(boxAt(late, 20)).toEqual(box(10, 10));
  });
});

describe('shownRanges', () => {
  it.each([
    ['the example track in a clip of 150 frames', track, 150, [[10, 69], [90, 149]]],
    ['cut at the clip end', track, 95, [[10, 69], [90, 94]]],
    ['a keyframe beyond the clip', [key(200, box(0, 0))], 150, []],
    ['outside on its own first frame', [key(5, box(0, 0)), key(5 + 1, box(0, 0), true)], 150, [[5, 5]]],
    ['no keyframes', [], 150, []],
  ] as const)('%s', (_name, keyframes, frameCount, expected) => {
    expect(shownRanges(keyframes, frameCount)).toEqual(expected);
  });
});

describe('problemsOf', () => {
  const picture = { width: 1920, height: 1080 };

  it('finds nothing wrong with a valid track', () => {
    expect(problemsOf(track, 150, picture)).toEqual([]);
  });

  it.each([
    ['a fractional frame', [key(1.5, box(0, 0))], [{ code: 'frame_not_integer', index: 0 }]],
    ['a negative frame', [key(-1, box(0, 0))], [{ code: 'frame_outside_clip', index: 0 }]],
    ['a frame past the clip', [key(150, box(0, 0))], [{ code: 'frame_outside_clip', index: 0 }]],
    ['two keyframes on one frame', [key(3, box(0, 0)), key(3, box(5, 5))], [{ code: 'frame_repeated', index: 1 }]],
    ['keyframes out of order', [key(9, box(0, 0)), key(3, box(5, 5))], [{ code: 'frames_unsorted', index: 1 }]],
    ['a NaN coordinate', [key(0, box(Number.NaN, 0))], [{ code: 'box_not_finite', index: 0 }]],
    ['an infinite width', [key(0, box(0, 0, Infinity))], [{ code: 'box_not_finite', index: 0 }]],
    ['an empty box', [key(0, box(0, 0, 0, 10))], [{ code: 'box_empty', index: 0 }]],
    ['a negative height', [key(0, box(0, 0, 10, -10))], [{ code: 'box_empty', index: 0 }]],
    ['a negative x', [key(0, box(-1, 0))], [{ code: 'box_outside_picture', index: 0 }]],
    ['past the right edge', [key(0, box(1900, 0, 21, 10))], [{ code: 'box_outside_picture', index: 0 }]],
    ['past the bottom edge', [key(0, box(0, 1070, 10, 11))], [{ code: 'box_outside_picture', index: 0 }]],
  ] as const)('names %s', (_name, keyframes, expected) => {
    expect(problemsOf(keyframes, 150, picture)).toEqual(expected);
  });

  it('accepts a box that touches the picture edges', () => {
    expect(problemsOf([key(0, box(0, 0, 1920, 1080))], 150, picture)).toEqual([]);
  });
});
