// A canvas drawn at the size it is shown, in device pixels, so that nothing painted on it is
// scaled again by the browser.

/** Gives the canvas the backing size of its layout size (at least 1×1) and answers it. */
export function fitToDisplay(canvas: HTMLCanvasElement): { width: number; height: number } {
  const width = Math.max(1, Math.round(canvas.clientWidth * devicePixelRatio));
  const height = Math.max(1, Math.round(canvas.clientHeight * devicePixelRatio));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return { width, height };
}
