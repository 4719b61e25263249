/**
 * The call page before LiveKit's components (commit dc5f3bf, the last one with the hand-written
 * web/call that put every track in one tile), rebuilt from git into dist/bench-previous, so
 * the call can be measured against it: bundle size and time to the first remote video frame.
 * Nothing of it ships.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { webConfig } from '../vite.config.js';

const root = resolve(import.meta.dirname, '..');
export const PREVIOUS_COMMIT = 'dc5f3bf';
const SOURCE = resolve(root, 'dist/bench-previous-src');
export const PREVIOUS_DIR = resolve(root, 'dist/bench-previous');

export async function buildPrevious(): Promise<string> {
  rmSync(SOURCE, { recursive: true, force: true });
  mkdirSync(SOURCE, { recursive: true });
  try {
    const tar = execFileSync('git', ['archive', PREVIOUS_COMMIT, 'web', 'src'], { cwd: root });
    execFileSync('tar', ['-x', '-C', SOURCE], { input: tar });
  } catch (error) {
    throw new Error(
      `the previous call page needs git history with commit ${PREVIOUS_COMMIT} (a full clone): ${String(error)}`,
    );
  }
  // Same config as today's build, rooted in the old sources (bare imports still resolve
  // from this checkout's node_modules, a parent directory).
  const config = webConfig(PREVIOUS_DIR, { join: resolve(SOURCE, 'web/join/index.html') });
  await build({ ...config, root: resolve(SOURCE, 'web'), configFile: false, logLevel: 'warn' });
  return PREVIOUS_DIR;
}
