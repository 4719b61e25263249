/// <reference types="vite/client" />

/** Background blur's WebAssembly folder and model, served by callink (scripts/vite-blur-assets.ts). */
declare module 'virtual:callink-blur-assets' {
  /** The folder with MediaPipe's selfie segmentation files (no trailing slash). */
  export const BLUR_ASSETS: string;
}
