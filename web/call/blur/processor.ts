/**
 * The blur itself, in its own chunk (imported only when someone turns blur on).
 *
 * Shiguredo's VirtualBackgroundProcessor does the work: MediaPipe's selfie segmentation
 * (WebAssembly + the selfie_segmentation_landscape model, loaded from callink's own origin
 * through `locateFile`), a canvas compositor (person over a blurred copy of the frame), and
 * the track plumbing (insertable streams, or requestVideoFrameCallback + captureStream).
 * What is callink's here is only the adapter that makes it a LiveKit TrackProcessor, so
 * LiveKit publishes the processed track, restarts it on a camera switch and reports it.
 *
 * Why not LiveKit's @livekit/track-processors: it runs MediaPipe Tasks' ImageSegmenter, and
 * no npm package ships a model that ImageSegmenter accepts (@mediapipe/tasks-vision ships
 * none; the legacy selfie_segmentation.tflite has no metadata, and Tasks refuses it: "Input
 * tensor has type float32: it requires specifying NormalizationOptions metadata").
 */
import { VirtualBackgroundProcessor } from '@shiguredo/virtual-background';
import type { ProcessorOptions, Track, TrackProcessor } from 'livekit-client';
import { BLUR_ASSETS } from 'virtual:callink-blur-assets';

export const BLUR_PROCESSOR = 'callink-blur';

/**
 * One segmenter for the page: MediaPipe's WebAssembly and WebGL context are made once and
 * reused when blur is turned off and on again (it processes one camera at a time).
 */
let shared: VirtualBackgroundProcessor | undefined;

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
interface Results {
  image: CanvasImageSource & { width: number; height: number };
  segmentationMask: CanvasImageSource;
}
type Compose = (
  results: Results,
  ctx: Context2D,
  blurCtx: Context2D | undefined,
  options: { blurRadius?: number },
) => void;

/**
 * The one piece written here: the library's compositor blurs the frame with canvas
 * `filter: blur()`, which pulls transparent pixels in at the edges, so every blurred frame
 * had a dark frame around it. This draws the blurred background a little larger than the
 * frame (the overscan falls outside the canvas) and scales the blur with the frame size.
 * Safari has no canvas filter; there the library's own (StackBlur) path still runs.
 */
function withOverscan(segmenter: VirtualBackgroundProcessor): VirtualBackgroundProcessor {
  const target = segmenter as unknown as { updateOffscreenCanvas: Compose };
  const original = target.updateOffscreenCanvas.bind(segmenter);
  target.updateOffscreenCanvas = (results, ctx, blurCtx, options) => {
    if (blurCtx !== undefined) return original(results, ctx, blurCtx, options);
    const { width, height } = results.image;
    const radius = Math.max(8, Math.round(width / 45));
    const pad = 3 * radius;
    ctx.save();
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(results.segmentationMask, 0, 0, width, height);
    ctx.globalCompositeOperation = 'source-in';
    ctx.drawImage(results.image, 0, 0, width, height);
    ctx.globalCompositeOperation = 'destination-over';
    ctx.filter = `blur(${radius}px)`;
    ctx.drawImage(results.image, -pad, -pad, width + 2 * pad, height + 2 * pad);
    ctx.restore();
  };
  return segmenter;
}

export function blurSupported(): boolean {
  return VirtualBackgroundProcessor.isSupported();
}

/**
 * At most `fps` frames a second into the segmenter, where the browser has insertable streams:
 * segmentation is the heaviest work on the page's main thread, and a face at 15 fps still
 * looks smooth. Dropped frames are closed at once; nothing is copied.
 */
function capped(track: MediaStreamTrack, fps: number): { track: MediaStreamTrack; stop(): void } {
  if (!('MediaStreamTrackProcessor' in globalThis) || !('MediaStreamTrackGenerator' in globalThis))
    return { track, stop: () => undefined };
  const source = new MediaStreamTrackProcessor({ track: track as MediaStreamVideoTrack });
  const sink = new MediaStreamTrackGenerator({ kind: 'video' });
  const abort = new AbortController();
  let due = 0;
  const drop = new TransformStream<VideoFrame, VideoFrame>({
    transform(frame, controller) {
      const now = performance.now();
      if (now < due) return frame.close();
      due = Math.max(now, due + 1000 / fps);
      controller.enqueue(frame);
    },
  });
  void source.readable
    .pipeThrough(drop, { signal: abort.signal })
    .pipeTo(sink.writable)
    .catch(() => undefined);
  return {
    track: sink,
    stop: () => {
      abort.abort();
      sink.stop();
    },
  };
}

class BlurProcessor implements TrackProcessor<Track.Kind.Video> {
  readonly name = BLUR_PROCESSOR;
  processedTrack?: MediaStreamTrack;
  private readonly segmenter = (shared ??= withOverscan(
    new VirtualBackgroundProcessor(BLUR_ASSETS),
  ));

  private input: { track: MediaStreamTrack; stop(): void } | undefined;

  async init({ track }: ProcessorOptions<Track.Kind.Video>): Promise<void> {
    this.stop();
    this.input = capped(track, 15);
    this.processedTrack = await this.segmenter.startProcessing(
      this.input.track as MediaStreamVideoTrack,
      {
        blurRadius: 16,
        segmentationModel: 'selfie-landscape',
      },
    );
  }

  /** LiveKit calls this with the new camera's track after a switch. */
  restart(options: ProcessorOptions<Track.Kind.Video>): Promise<void> {
    return this.init(options);
  }

  async destroy(): Promise<void> {
    this.stop();
    this.processedTrack = undefined;
  }

  /** Stops reading the camera; the camera track itself is LiveKit's to stop. */
  private stop(): void {
    this.segmenter.stopProcessing();
    this.input?.stop();
    this.input = undefined;
  }
}

/** A new blur processor for a camera track (throws where the browser cannot run it). */
export function createBlur(): TrackProcessor<Track.Kind.Video> {
  if (!blurSupported()) throw new Error('background blur unsupported');
  return new BlurProcessor();
}
