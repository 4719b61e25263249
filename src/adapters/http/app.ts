/**
 * createApp(deps) → the Express app, without listen(). The composition roots (main.ts, tests)
 * decide where it runs.
 */
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { AppError } from '../../core/errors.js';
import { requireBearer } from './auth.js';
import type { AppDeps } from './context.js';
import { errorHandler, sendError } from './errors.js';
import { renderMessagePage } from './pages.js';
import { healthRoutes } from './routes/health.js';
import { joinPageRoutes, type JoinPageRenderer } from './routes/join-page.js';
import { eventDownloadRoutes, eventRoutes } from './routes/events.js';
import { FeedCache } from './feed-cache.js';
import { feedRoutes } from './routes/feeds.js';
import { linkRoutes } from './routes/links.js';
import { teamRoutes } from './routes/teams.js';
import { lintRoutes } from './routes/lint.js';

export interface AppOptions {
  renderJoinPage?: JoinPageRenderer;
  livekitUp?: () => Promise<boolean>;
  /** Built team feeds; pass one to watch it (tests, metrics). */
  feedCache?: FeedCache;
}

const defaultJoinPage: JoinPageRenderer = (link) =>
  renderMessagePage({
    state: 'checking',
    title: link.title ?? 'Call',
    heading: link.title ?? 'Call',
    message: 'Checking that this browser can take the call…',
  });

export function createApp(deps: AppDeps, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy ?? false);
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.set('X-Request-Id', req.id);
    next();
  });

  app.use(
    healthRoutes({
      store: deps.store,
      ...(options.livekitUp ? { livekitUp: options.livekitUp } : {}),
    }),
  );
  app.use(joinPageRoutes(deps, options.renderJoinPage ?? defaultJoinPage));
  app.use(eventDownloadRoutes(deps));
  app.use(feedRoutes(deps, options.feedCache ?? new FeedCache()));

  const api = express.Router();
  api.use(
    express.json({
      limit: '64kb',
      strict: false,
      type: ['application/json', 'application/*+json'],
    }),
  );
  api.use(requireBearer(deps));
  api.use(linkRoutes(deps));
  api.use(eventRoutes(deps));
  api.use(lintRoutes());
  api.use(teamRoutes(deps));
  api.use((_req, _res, next) => next(new AppError('not_found', 'No such API route.')));
  app.use('/api', api);

  app.use((req, res) => {
    if (req.accepts(['html', 'json']) === 'json') {
      sendError(res, new AppError('not_found', 'Not found.'));
      return;
    }
    res
      .status(404)
      .type('html')
      .send(
        renderMessagePage({
          state: 'error',
          title: 'Not found',
          heading: 'Page not found',
          message: 'There is nothing at this address.',
        }),
      );
  });
  app.use(errorHandler(deps.logger));
  return app;
}
