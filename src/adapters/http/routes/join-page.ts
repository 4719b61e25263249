/**
 * GET /j/:id: the page an invitee lands on. Each link state gets its own status and a
 * plain sentence in the reader's language: active 200, cut or mistyped 400 ("has a typo or is
 * incomplete"), unknown 404, revoked 410.
 */
import { gzipSync } from 'node:zlib';
import { Router, type Request } from 'express';
import { AppError } from '../../../core/errors.js';
import { findLink } from '../../../core/usecases/links.js';
import type { Link } from '../../../core/links.js';
import type { AppDeps } from '../context.js';
import { STATUS } from '../errors.js';
import { chooseLocale } from '../i18n/choose.js';
import { serverMessages } from '../i18n/server.js';
import { renderMessagePage, type PageOptions } from '../pages.js';
import { allowWebAssembly } from '../security.js';

export type JoinPageRenderer = (
  link: Link,
  deps: AppDeps,
  req?: Request,
) => Promise<string> | string;

/** The link states that get their own page, drawn from the server's messages. */
const PAGE_STATES = {
  link_incomplete: 'error',
  link_not_found: 'error',
  link_revoked: 'revoked',
} as const;

function statePage(code: keyof typeof PAGE_STATES, lang: string): PageOptions {
  const m = serverMessages(lang);
  const prefix = code;
  return {
    state: PAGE_STATES[code],
    lang,
    title: m[`${prefix}_heading`],
    heading: m[`${prefix}_heading`],
    message: m[`${prefix}_message`],
    hint: m[`${prefix}_hint`],
  };
}

/** Shown on every existing link while the organization's policy has calls switched off. */
export function disabledPage(lang = 'en'): PageOptions {
  const m = serverMessages(lang);
  return {
    state: 'error',
    lang,
    title: m.disabled_heading,
    heading: m.disabled_heading,
    message: m.disabled_message,
    hint: m.disabled_hint,
  };
}
/** The English page (kept for callers that render without a request). */
export const DISABLED_PAGE = disabledPage('en');

export function joinPageRoutes(deps: AppDeps, render: JoinPageRenderer): Router {
  const router = Router();
  router.get('/j/:id', async (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.set('Referrer-Policy', 'no-referrer');
    const lang = chooseLocale(req);
    try {
      const link = await findLink(deps.store, req.params.id);
      // With calls switched off by policy, the join page itself says so (in the visitor's
      // language, state `error`); the status tells automation the same.
      if (!(await deps.policy()).linksEnabled) res.status(403);
      let html: string;
      try {
        html = await render(link, deps, req);
      } catch (error) {
        if (!(error instanceof Error && error.name === 'WebBuildMissingError')) throw error;
        // Say so plainly instead of sending a blank page; the log tells the operator the fix.
        deps.logger.error({ err: error }, error.message);
        const m = serverMessages(lang);
        res
          .status(503)
          .type('html')
          .send(
            renderMessagePage({
              state: 'error',
              lang,
              title: m.join_unavailable_title,
              heading: m.join_unavailable_heading,
              message: m.join_unavailable_message,
              hint: m.build_hint,
            }),
          );
        return;
      }
      res.type('html').set('Vary', 'Accept-Encoding, Accept-Language');
      allowWebAssembly(res);
      if (req.acceptsEncodings('gzip')) {
        res.set('Content-Encoding', 'gzip').send(gzipSync(html));
      } else {
        res.send(html);
      }
    } catch (error) {
      if (error instanceof AppError && error.code in PAGE_STATES) {
        res
          .status(STATUS[error.code])
          .type('html')
          .set('Vary', 'Accept-Language, Cookie')
          .send(renderMessagePage(statePage(error.code as keyof typeof PAGE_STATES, lang)));
        return;
      }
      next(error);
    }
  });
  return router;
}
