/**
 * Can this browser blur the background? The same conditions as LiveKit's
 * `supportsBackgroundProcessors()` (track-processors), checked here one by one so the page can
 * say which is missing, and without importing track-processors: it and MediaPipe load only
 * when someone turns blur on (the lazy chunk checks LiveKit's own function once more).
 */
import type { StringKey } from '../../join/ui.js';

let cached: StringKey | null | undefined;

/** Null when blur can run; else the sentence that says why not. */
export function blurUnsupportedReason(): StringKey | null {
  if (cached !== undefined) return cached;
  cached = check();
  return cached;
}

function check(): StringKey | null {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    return 'blur_no_wasm';
  }
  // MediaPipe's segmentation and LiveKit's compositor draw through WebGL 2.
  if (!document.createElement('canvas').getContext('webgl2')) return 'blur_no_webgl';
  const frames =
    typeof OffscreenCanvas !== 'undefined' &&
    typeof VideoFrame !== 'undefined' &&
    typeof createImageBitmap !== 'undefined';
  // The processed video goes out through insertable streams, or a canvas's captureStream().
  const streams =
    ('MediaStreamTrackProcessor' in globalThis && 'MediaStreamTrackGenerator' in globalThis) ||
    'captureStream' in HTMLCanvasElement.prototype;
  if (!frames || !streams) return 'blur_no_frames';
  return null;
}
