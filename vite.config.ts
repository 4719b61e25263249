/**
 * Builds the web pages (sources in web/, output in dist/web with a manifest). One entry per
 * page: the join page and the organizer page (web/organizer). The join entry is
 * tiny (browser check, devices, join flow); livekit-client lives in lazily imported chunks.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { blurAssets } from './scripts/vite-blur-assets.js';

const root = import.meta.dirname;

/** Writes a .gz beside every JS/CSS asset, so the server sends compressed bytes without work. */
function gzipAssets(outDir: string): Plugin {
  return {
    name: 'callink-gzip-assets',
    apply: 'build',
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const file of readdirSync(assets)) {
        if (!/\.(m?js|css)$/.test(file)) continue;
        const path = join(assets, file);
        writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
      }
    },
  };
}

export function webConfig(outDir: string, input: Record<string, string>) {
  return defineConfig({
    root: resolve(root, 'web'),
    base: '/',
    publicDir: false,
    // The call UI is React (LiveKit's components); esbuild compiles its JSX, no plugin needed.
    esbuild: { jsx: 'automatic' },
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      // Where scripts/bootstrap.mjs looks to decide whether a build exists.
      manifest: 'manifest.json',
      // Old enough that an outdated browser can still run the check and be told what to do.
      target: ['es2019', 'chrome80', 'edge80', 'firefox78', 'safari13'],
      modulePreload: { polyfill: false },
      // livekit-client is one pre-bundled ~570 KB file; it is lazy, so its size is expected.
      chunkSizeWarningLimit: 700,
      rollupOptions: { input },
    },
    plugins: [gzipAssets(outDir), blurAssets(outDir)],
  });
}

export default webConfig(resolve(root, 'dist/web'), {
  join: resolve(root, 'web/join/index.html'),
  organizer: resolve(root, 'web/organizer/index.html'),
});
