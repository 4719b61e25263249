/**
 * GET /j/:id: the page an invitee lands on. Each link state gets its own status and a
 * plain sentence: active 200, cut or mistyped 400 ("incomplete"), unknown 404, revoked 410.
 */
import { gzipSync } from 'node:zlib';
import { Router, type Request } from 'express';
import { AppError } from '../../../core/errors.js';
import { findLink } from '../../../core/usecases/links.js';
import type { Link } from '../../../core/links.js';
import type { AppDeps } from '../context.js';
import { STATUS } from '../errors.js';
import { renderMessagePage } from '../pages.js';

export type JoinPageRenderer = (
  link: Link,
  deps: AppDeps,
  req?: Request,
) => Promise<string> | string;

const PAGES = {
  link_incomplete: {
    state: 'error',
    heading: 'This link is incomplete',
    message: 'This link is incomplete or mistyped, perhaps cut by an email program.',
    hint: 'Open the invitation again and copy the whole link, or ask the organizer to send it again.',
  },
  link_not_found: {
    state: 'error',
    heading: 'Call not found',
    message: 'There is no call at this address.',
    hint: 'Check the link with the person who invited you.',
  },
  link_revoked: {
    state: 'revoked',
    heading: 'This link was deleted',
    message: 'This link was deleted by its owner, so the call can no longer be joined.',
    hint: 'Ask the organizer for a new link.',
  },
} as const;

/** Shown on every existing link while the organization's policy has calls switched off. */
export const DISABLED_PAGE = {
  state: 'error',
  title: 'Calls are disabled',
  heading: 'Calls are disabled',
  message: 'Calls are disabled by your organization, so this call cannot be joined now.',
  hint: 'Ask the organizer or your administrator.',
} as const;

export function joinPageRoutes(deps: AppDeps, render: JoinPageRenderer): Router {
  const router = Router();
  router.get('/j/:id', async (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.set('Referrer-Policy', 'no-referrer');
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
        res
          .status(503)
          .type('html')
          .send(
            renderMessagePage({
              state: 'error',
              title: 'Join page unavailable',
              heading: 'The join page is not available',
              message:
                'This server was started without its web pages, so calls cannot be joined yet.',
              hint: 'If you run this server: build them with "npm run build:web" and restart.',
            }),
          );
        return;
      }
      res.type('html').set('Vary', 'Accept-Encoding, Accept-Language');
      if (req.acceptsEncodings('gzip')) {
        res.set('Content-Encoding', 'gzip').send(gzipSync(html));
      } else {
        res.send(html);
      }
    } catch (error) {
      if (error instanceof AppError && error.code in PAGES) {
        const page = PAGES[error.code as keyof typeof PAGES];
        res
          .status(STATUS[error.code])
          .type('html')
          .send(renderMessagePage({ ...page, title: page.heading }));
        return;
      }
      next(error);
    }
  });
  return router;
}
