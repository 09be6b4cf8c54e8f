// A canvas drawn at the size it is painted at, in device pixels, so that nothing drawn on it is
// scaled again by the browser. Chromium snaps a box's edges to whole device pixels one by one, so
// a box at a fractional position is painted round(right) − round(left) pixels wide, which is not
// always its rounded width; a canvas whose backing store differs from that by one pixel is
// resampled, and a picture on it blurs.

/** The size an element is painted at, in device pixels (at least 1×1). */
export function paintedSize(element: Element): { width: number; height: number } {
  const box = element.getBoundingClientRect();
  const snapped = (from: number, to: number) => Math.max(1, Math.round(to * devicePixelRatio) - Math.round(from * devicePixelRatio));
  return { width: snapped(box.left, box.right), height: snapped(box.top, box.bottom) };
}

/** Gives the canvas the backing size it is painted at and answers it. */
export function fitToDisplay(canvas: HTMLCanvasElement): { width: number; height: number } {
  const { width, height } = paintedSize(canvas);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return { width, height };
}
