/**
 * The built web pages (vite build → dist/web): serves their hashed assets with long cache
 * headers (gzip copies written at build time when the browser accepts them), and renders the
 * join page from the built template with the link's public facts as a JSON data block.
 * No inline executable script, so a strict CSP can be added later.
 */
import { e2eeModeOf } from '../../core/e2ee.js';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import express, { Router, type Request } from 'express';
import { BROWSER_NAMES } from '../../core/browsers.js';
import type { Link } from '../../core/links.js';
import { ownEntry } from '../../core/messages/index.js';
import type { AppDeps } from './context.js';
import { chooseLocale } from './i18n/choose.js';
import { LOCALES } from './i18n/index.js';
import { LANGUAGE_NAMES } from './i18n/organizer/index.js';
import { message } from './i18n/server.js';
import type { JoinPageData } from './join-page-data.js';
import { escapeHtml } from './pages.js';
import { joinPageExtras } from './join-page-extras.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  // Background blur's files (scripts/vite-blur-assets.ts), in versioned folders under assets/.
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.binarypb': 'application/octet-stream',
};

/** Where `npm run build:web` writes, relative to the project root. */
export const DEFAULT_WEB_DIR = join(import.meta.dirname, '..', '..', '..', 'dist', 'web');

export class WebBuildMissingError extends Error {
  constructor(dir: string) {
    super(
      `The web pages are not built (no ${join(dir, 'join', 'index.html')}): run "npm run build:web".`,
    );
    this.name = 'WebBuildMissingError';
  }
}

/** Serves /assets/* from the build: hashed names never change content, so cache them for a year. */
export function webAssetRoutes(dir: string): Router {
  const router = Router();
  const assets = join(dir, 'assets');
  const gzipped =
    (path: string[]): express.RequestHandler =>
    (req, res, next) => {
      const file = path.map((p) => {
        const part = req.params[p];
        return typeof part === 'string' ? part : '';
      });
      const type = TYPES[extname(file.at(-1) ?? '')];
      const safe = file.every((f) => /^[\w-][\w.-]*$/.test(f));
      if (!type || !safe || !req.acceptsEncodings('gzip')) return next();
      const gz = join(assets, ...file.slice(0, -1), `${file.at(-1)}.gz`);
      if (!existsSync(gz)) return next();
      res.set({
        'Content-Type': type,
        'Content-Encoding': 'gzip',
        Vary: 'Accept-Encoding',
        'Cache-Control': 'public, max-age=31536000, immutable',
      });
      res.sendFile(gz);
    };
  router.get('/assets/:file', gzipped(['file']));
  router.get('/assets/:dir/:file', gzipped(['dir', 'file']));
  router.use(
    '/assets',
    express.static(assets, {
      immutable: true,
      maxAge: '1y',
      index: false,
      fallthrough: true,
    }),
  );
  return router;
}

function dataBlock(data: JoinPageData): string {
  // JSON inside <script> must not be able to close the element or open a comment.
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `<script type="application/json" id="callink-data">${json}</script>`;
}

/**
 * Makes the join page renderer for createApp({ renderJoinPage }). The template is read once;
 * a missing build throws WebBuildMissingError, which the route turns into a readable page.
 */
export function createJoinPageRenderer(dir: string = DEFAULT_WEB_DIR) {
  let template: string | undefined;
  const load = (): string => {
    if (template) return template;
    const file = join(dir, 'join', 'index.html');
    if (!existsSync(file)) throw new WebBuildMissingError(dir);
    template = readFileSync(file, 'utf8');
    return template;
  };
  return async (link: Link, deps: AppDeps, req?: Request): Promise<string> => {
    const html = load();
    const policy = await deps.policy();
    const lang = chooseLocale(req);
    const strings = ownEntry(LOCALES, lang) ?? (LOCALES.en as NonNullable<(typeof LOCALES)['en']>);
    const data: JoinPageData = {
      linkId: link.id,
      title: link.title,
      lobby: link.lobby,
      e2ee: link.e2ee,
      e2eeMode: e2eeModeOf(link),
      linksEnabled: policy.linksEnabled,
      allowedBrowsers: [...policy.allowedBrowsers],
      lang,
      languages: Object.keys(LOCALES).map((code) => ({
        code,
        name: LANGUAGE_NAMES[code] ?? code,
      })),
      strings,
      extras: await joinPageExtras(link, deps, req),
    };
    const title = escapeHtml(link.title ?? message(lang, 'call'));
    const browsers = policy.allowedBrowsers.map((b) => BROWSER_NAMES[b]).join(', ');
    // Replacer functions, never replacement strings: a title with $' or $& must come out as typed.
    const put = (text: string) => () => text;
    return html
      .replace('<html lang="en">', put(`<html lang="${escapeHtml(lang)}">`))
      .replace(/<title>[^<]*<\/title>/, put(`<title>${title} · callink</title>`))
      .replace('<!--callink:title-->', put(title))
      .replace('<!--callink:checking-->', put(escapeHtml(strings.checking)))
      .replace('<!--callink:noscript-->', put(escapeHtml(message(lang, 'noscript', { browsers }))))
      .replace('<!--callink:stale-->', put(escapeHtml(message(lang, 'stale', { browsers }))))
      .replace('<!--callink:data-->', put(dataBlock(data)));
  };
}
