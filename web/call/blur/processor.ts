/**
 * The blur itself, in its own chunk (imported only when someone turns blur on): LiveKit's
 * BackgroundProcessor (track-processors: MediaPipe's ImageSegmenter + a WebGL compositor),
 * with every file from callink's own origin: MediaPipe's WebAssembly and the legacy selfie
 * segmentation model (@mediapipe/tasks-vision ships no model), copied into the build by
 * scripts/vite-blur-assets.ts. Nothing is fetched from a CDN.
 */
import { BackgroundProcessor, supportsBackgroundProcessors } from '@livekit/track-processors';
import type { TrackProcessor, Track } from 'livekit-client';
import { SEGMENTATION_MODEL, TASKS_VISION_WASM } from 'virtual:callink-blur-assets';

export const BLUR_PROCESSOR = 'callink-blur';

/**
 * MediaPipe's GPU delegate on a software WebGL (SwiftShader, llvmpipe: headless browsers,
 * machines without a GPU driver) is slower than its CPU (WebAssembly) path; use the CPU there.
 */
function delegate(): 'GPU' | 'CPU' {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return 'CPU';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return /swiftshader|llvmpipe|softpipe|software/i.test(renderer) ? 'CPU' : 'GPU';
}

/** A new blur processor for a camera track (throws where LiveKit says the browser cannot). */
export function createBlur(): TrackProcessor<Track.Kind.Video> {
  if (!supportsBackgroundProcessors()) throw new Error('background processors unsupported');
  return BackgroundProcessor(
    {
      mode: 'background-blur',
      blurRadius: 14,
      assetPaths: { tasksVisionFileSet: TASKS_VISION_WASM, modelAssetPath: SEGMENTATION_MODEL },
      segmenterOptions: { delegate: delegate() },
    },
    BLUR_PROCESSOR,
  );
}
