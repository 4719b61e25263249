/// <reference types="vite/client" />

/** Background blur's WebAssembly folder and model, served by callink (scripts/vite-blur-assets.ts). */
declare module 'virtual:callink-blur-assets' {
  export const TASKS_VISION_WASM: string;
  export const SEGMENTATION_MODEL: string;
}
