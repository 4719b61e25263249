/**
 * GET /: the organizer page, a static page from the web build (web/organizer). Everything it
 * shows comes from /api with the organizer's key, so the HTML itself holds nothing private;
 * the server fills in the reader's language (its catalogue goes into a JSON data block).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import type { Logger } from 'pino';
import { chooseLocale } from '../i18n/choose.js';
import { organizerPageData } from '../i18n/organizer/index.js';
import { serverMessages } from '../i18n/server.js';
import { escapeHtml, renderMessagePage } from '../pages.js';

function dataBlock(data: unknown): string {
  // JSON inside <script> must not be able to close the element or open a comment.
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `<script type="application/json" id="callink-organizer-data">${json}</script>`;
}

export function organizerPageRoutes(dir: string, logger: Logger): Router {
  const router = Router();
  const file = join(dir, 'organizer', 'index.html');
  let html: string | undefined;
  router.get('/', (req, res) => {
    const lang = chooseLocale(req);
    if (html === undefined && existsSync(file)) html = readFileSync(file, 'utf8');
    if (html === undefined) {
      logger.error(`The organizer page is not built (no ${file}): run "npm run build:web".`);
      const m = serverMessages(lang);
      res
        .status(503)
        .type('html')
        .send(
          renderMessagePage({
            state: 'error',
            lang,
            title: m.organizer_unavailable_title,
            heading: m.organizer_unavailable_heading,
            message: m.organizer_unavailable_message,
            hint: m.build_hint,
          }),
        );
      return;
    }
    const data = organizerPageData(lang);
    const page = html
      .replace('<html lang="en">', `<html lang="${escapeHtml(lang)}">`)
      .replace('<!--callink:page_title-->', escapeHtml(data.strings.page_title))
      .replace('<!--callink:loading-->', escapeHtml(data.strings.loading))
      .replace('<!--callink:noscript-->', escapeHtml(data.strings.noscript))
      .replace('<!--callink:data-->', dataBlock(data));
    // Hashed assets are cached for a year; the page that names them must be revalidated.
    res
      .set('Cache-Control', 'no-cache')
      .set('Vary', 'Accept-Language, Cookie')
      .type('html')
      .send(page);
  });
  return router;
}
