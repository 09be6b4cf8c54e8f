// video.js inserts <style> elements unless told not to; the renderer's CSP allows no inline
// styles, so the flag must be set before video.js is first evaluated (import this module first).
declare global {
  interface Window {
    VIDEOJS_NO_DYNAMIC_STYLE?: boolean;
  }
}

window.VIDEOJS_NO_DYNAMIC_STYLE = true;

export {};
