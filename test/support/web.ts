/**
 * The built web pages for tests. `npm test` builds them (bootstrap runs `vite build`); a test
 * run without a build fails here with the command to run, never with a blank page.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppOptions } from '../../src/adapters/http/app.js';
import { createJoinPageRenderer, DEFAULT_WEB_DIR } from '../../src/adapters/http/web-build.js';

export function requireWebBuild(dir: string = DEFAULT_WEB_DIR): string {
  if (!existsSync(join(dir, 'join', 'index.html'))) {
    throw new Error(`The web pages are not built in ${dir}: run "npm run build:web" first.`);
  }
  return dir;
}

/** createApp options that serve the real join page and its assets. */
export function webAppOptions(dir: string = DEFAULT_WEB_DIR): AppOptions {
  requireWebBuild(dir);
  return { renderJoinPage: createJoinPageRenderer(dir), webDir: dir };
}
