/**
 * GET /: the organizer page, a static page from the web build (web/organizer). Everything it
 * shows comes from /api with the organizer's key, so the HTML itself holds nothing private.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import type { Logger } from 'pino';
import { renderMessagePage } from '../pages.js';

export function organizerPageRoutes(dir: string, logger: Logger): Router {
  const router = Router();
  const file = join(dir, 'organizer', 'index.html');
  let html: string | undefined;
  router.get('/', (_req, res) => {
    if (html === undefined && existsSync(file)) html = readFileSync(file, 'utf8');
    if (html === undefined) {
      logger.error(`The organizer page is not built (no ${file}): run "npm run build:web".`);
      res
        .status(503)
        .type('html')
        .send(
          renderMessagePage({
            state: 'error',
            title: 'Organizer page unavailable',
            heading: 'The organizer page is not available',
            message: 'This server was started without its web pages.',
            hint: 'If you run this server: build them with "npm run build:web" and restart.',
          }),
        );
      return;
    }
    // Hashed assets are cached for a year; the page that names them must be revalidated.
    res.set('Cache-Control', 'no-cache').type('html').send(html);
  });
  return router;
}
