/**
 * Background blur's run-time files, served by callink itself (never a CDN): MediaPipe's
 * selfie segmentation solution (its WebAssembly, graph and models), as packaged inside
 * @shiguredo/virtual-background. They go into the build under a folder named after the package
 * version, so a version is never served with other content and can be cached for a year. The
 * blur chunk reads the folder's URL from `virtual:callink-blur-assets`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const VIRTUAL = 'virtual:callink-blur-assets';
const PACKAGE = '@shiguredo/virtual-background';

/** What MediaPipe's loader asks for (locateFile); SIMD or not is its choice per browser. */
const FILES = [
  'selfie_segmentation.binarypb',
  'selfie_segmentation.tflite',
  'selfie_segmentation_landscape.tflite',
  'selfie_segmentation_solution_simd_wasm_bin.js',
  'selfie_segmentation_solution_simd_wasm_bin.wasm',
  'selfie_segmentation_solution_wasm_bin.js',
  'selfie_segmentation_solution_wasm_bin.wasm',
];

/** The files, where they come from and where they go in the build (relative to outDir). */
export function blurAssetFiles(): { dir: string; files: { from: string; to: string }[] } {
  // The package exports no package.json; its entry file sits in dist/, beside the assets.
  const dist = dirname(require.resolve(PACKAGE));
  const { version } = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const dir = `assets/virtual-background-${version}`;
  return { dir, files: FILES.map((f) => ({ from: join(dist, f), to: `${dir}/${f}` })) };
}

export function blurAssets(outDir: string): Plugin {
  const assets = blurAssetFiles();
  return {
    name: 'callink-blur-assets',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : undefined),
    load(id) {
      if (id !== `\0${VIRTUAL}`) return undefined;
      return `export const BLUR_ASSETS = ${JSON.stringify(`/${assets.dir}`)};\n`;
    },
    generateBundle() {
      for (const file of assets.files) {
        this.emitFile({ type: 'asset', fileName: file.to, source: readFileSync(file.from) });
      }
    },
    closeBundle() {
      // 5.6 MB of WebAssembly compresses to a third: the server sends the .gz where accepted.
      for (const file of assets.files) {
        const path = join(outDir, file.to);
        writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
      }
    },
  };
}
