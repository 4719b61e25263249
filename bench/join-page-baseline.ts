/**
 * Builds the baseline the join page is measured against: the same page, except that its entry
 * imports livekit-client up front (as a page without a lazy split would), into
 * dist/bench-baseline. Nothing of it ships.
 */
import { resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { webConfig } from '../vite.config.js';

const root = resolve(import.meta.dirname, '..');
export const BASELINE_DIR = resolve(root, 'dist/bench-baseline');

function eagerLivekit(): Plugin {
  return {
    name: 'callink-bench-eager-livekit',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/web/join/main.ts')) return undefined;
      // Kept alive through a global so tree-shaking cannot drop the import.
      return `import * as __livekit from 'livekit-client';\n(globalThis as Record<string, unknown>).__livekit = __livekit;\n${code}`;
    },
  };
}

export async function buildBaseline(): Promise<string> {
  const config = webConfig(BASELINE_DIR, { join: resolve(root, 'web/join/index.html') });
  await build({
    ...config,
    configFile: false,
    plugins: [...(config.plugins ?? []), eagerLivekit()],
  });
  return BASELINE_DIR;
}
