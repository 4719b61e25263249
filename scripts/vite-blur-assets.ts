/**
 * Background blur's run-time files, served by callink itself (never a CDN): MediaPipe's
 * WebAssembly (from @mediapipe/tasks-vision, which ships no model) and the selfie segmentation
 * model (from @mediapipe/selfie_segmentation). They go into the build under folders named after
 * their package versions, so a version is never served with other content and can be cached
 * for a year. The blur chunk reads their URLs from `virtual:callink-blur-assets`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const VIRTUAL = 'virtual:callink-blur-assets';

function packageDir(name: string): { dir: string; version: string } {
  // Neither package exports its package.json; their entry files sit in the package folder.
  const dir = dirname(require.resolve(name));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { dir, version };
}

/** The files, where they come from and where they go in the build (relative to outDir). */
export function blurAssetFiles(): {
  wasmDir: string;
  modelPath: string;
  files: { from: string; to: string }[];
} {
  const vision = packageDir('@mediapipe/tasks-vision');
  const selfie = packageDir('@mediapipe/selfie_segmentation');
  const wasmDir = `assets/tasks-vision-${vision.version}`;
  const modelPath = `assets/selfie-segmentation-${selfie.version}/selfie_segmentation.tflite`;
  // MediaPipe picks the SIMD build where the browser has WebAssembly SIMD, else the other.
  const wasm = [
    'vision_wasm_internal.js',
    'vision_wasm_internal.wasm',
    'vision_wasm_nosimd_internal.js',
    'vision_wasm_nosimd_internal.wasm',
  ];
  return {
    wasmDir,
    modelPath,
    files: [
      ...wasm.map((f) => ({ from: join(vision.dir, 'wasm', f), to: `${wasmDir}/${f}` })),
      { from: join(selfie.dir, 'selfie_segmentation.tflite'), to: modelPath },
    ],
  };
}

export function blurAssets(outDir: string): Plugin {
  const assets = blurAssetFiles();
  return {
    name: 'callink-blur-assets',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : undefined),
    load(id) {
      if (id !== `\0${VIRTUAL}`) return undefined;
      return [
        `export const TASKS_VISION_WASM = ${JSON.stringify(`/${assets.wasmDir}`)};`,
        `export const SEGMENTATION_MODEL = ${JSON.stringify(`/${assets.modelPath}`)};`,
      ].join('\n');
    },
    generateBundle() {
      for (const file of assets.files) {
        this.emitFile({ type: 'asset', fileName: file.to, source: readFileSync(file.from) });
      }
    },
    closeBundle() {
      // 9 MB of WebAssembly compresses to a third: the server sends the .gz where accepted.
      for (const file of assets.files) {
        const path = join(outDir, file.to);
        writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
      }
    },
  };
}
