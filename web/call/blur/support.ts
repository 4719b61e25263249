/**
 * Can this browser blur the background? What the blur chunk needs, checked one by one so the
 * page can say which is missing, without loading that chunk: WebAssembly and WebGL 2 for
 * MediaPipe's segmentation, canvas for the compositor, and a way to turn frames back into a
 * track (insertable streams, or requestVideoFrameCallback + canvas.captureStream(), the two
 * paths of Shiguredo's VirtualBackgroundProcessor, whose own isSupported() the chunk asks too).
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
  if (!document.createElement('canvas').getContext('webgl2')) return 'blur_no_webgl';
  const breakoutBox =
    'MediaStreamTrackProcessor' in globalThis &&
    'MediaStreamTrackGenerator' in globalThis &&
    typeof VideoFrame !== 'undefined';
  const frameCallback =
    'requestVideoFrameCallback' in HTMLVideoElement.prototype &&
    'captureStream' in HTMLCanvasElement.prototype;
  if (!breakoutBox && !frameCallback) return 'blur_no_frames';
  return null;
}
