/**
 * createApp(deps) → the Express app, without listen(). The composition roots (main.ts, tests)
 * decide where it runs.
 */
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { AppError } from '../../core/errors.js';
import { requireBearer } from './auth.js';
import type { AppDeps } from './context.js';
import { accessLog } from './access-log.js';
import { errorHandler, sendError } from './errors.js';
import { renderMessagePage } from './pages.js';
import { createLobbySignal } from './lobby-signal.js';
import { jsonBody } from './json-body.js';
import { inSequence } from './in-sequence.js';
import { linkJoinRoute, serveFastRoute } from './fast-route.js';
import { scrubSecrets } from '../../logger.js';
import { DEFAULT_RATE_LIMITS, type PublicRateLimits } from './rate-limits.js';
import { limitStoresFor } from './rate-limit-stores.js';
import { callAdminRoutes } from './routes/attendance.js';
import { auditRoutes } from './routes/audit.js';
import { healthRoutes } from './routes/health.js';
import { hostRoutes } from './routes/host.js';
import { joinRoute, joinRoutes } from './routes/join.js';
import { livekitWebhookRoutes } from './routes/livekit-webhook.js';
import { importRoutes } from './routes/import.js';
import { chooseLocale } from './i18n/choose.js';
import { serverMessages } from './i18n/server.js';
import { disabledPage, joinPageRoutes, type JoinPageRenderer } from './routes/join-page.js';
import { eventOwnershipRoutes } from './routes/event-ownership.js';
import { eventDownloadRoutes, eventRoutes } from './routes/events.js';
import { keyRoutes } from './routes/keys.js';
import { linkRoutes } from './routes/links.js';
import { organizerPageRoutes } from './routes/organizer-page.js';
import { seriesRoutes } from './routes/series.js';
import { policyRoutes } from './routes/policy.js';
import { createMetrics, requestMetrics } from './metrics.js';
import { watchLoadMetrics } from './load-metrics.js';
import { buildOpenApi } from './openapi.js';
import { joinPageLimiter, mediaOriginsOf, securityHeaders } from './security.js';
import { FeedCache } from './feed-cache.js';
import { feedRoutes } from './routes/feeds.js';
import { teamRoutes } from './routes/teams.js';
import { outboxRoutes } from './routes/outbox.js';
import { lintRoutes } from './routes/lint.js';
import { webAssetRoutes } from './web-build.js';
import { inviteeReportRoutes } from './routes/invitee-report.js';
import { expectedRoutes, linkScheduleRoutes } from './routes/link-schedule.js';
import { rsvpPageRoutes } from './routes/rsvp-page.js';
import { mailboxRoutes } from './routes/mailbox.js';

export interface AppOptions {
  renderJoinPage?: JoinPageRenderer;
  /** The built web pages (dist/web): their /assets are served from here. */
  webDir?: string;
  livekitUp?: () => Promise<boolean>;
  /** The media server's URL when it is not in config (the local dev server), for the CSP. */
  mediaUrl?: string;
  rateLimits?: Partial<PublicRateLimits>;
  /** Built team feeds; pass one to watch it (tests, metrics). */
  feedCache?: FeedCache;
}

/** Paths carry secrets (feed secrets, link ids, lobby tickets, event ids): logs get their shape only. */
export function redactUrl(url: string): string {
  return (
    url
      // Routes match case-insensitively (/FEEDS/…, /J/…), so redaction does too.
      .replace(/\/feeds\/[^/?#]+/gi, '/feeds/[redacted]')
      .replace(/\/(j|links|lobby|events|rsvp)\/[^/?#]+/gi, '/$1/[redacted]')
      .replace(/\?.*$/, (q) => (q.length > 1 ? '?[query]' : q))
  );
}

/** The server-only page, for apps created without the web build (tests, API-only use). */
const defaultJoinPage: JoinPageRenderer = async (link, deps, req) => {
  const lang = chooseLocale(req);
  if (!(await deps.policy()).linksEnabled) return renderMessagePage(disabledPage(lang));
  const up = deps.rooms ? await deps.rooms.up() : false;
  const m = serverMessages(lang);
  return renderMessagePage({
    state: up ? 'checking' : 'error',
    lang,
    title: link.title ?? m.call,
    heading: link.title ?? m.call,
    message: up ? m.checking : m.media_down,
  });
};

export function createApp(deps: AppDeps, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy ?? false);
  app.set('query parser', 'simple');

  // One Metrics per app, on deps so that the routes count into the registry /metrics shows.
  const metrics = (deps.metrics ??= createMetrics());
  watchLoadMetrics(metrics, deps.jobs);
  // What every request gets, in one router layer (each layer is a match and a call on every
  // request): its id, the access-log line, the metrics, the security headers.
  const perRequest = inSequence([
    (req, res, next) => {
      const incoming = req.headers['x-request-id'];
      // A client's id is kept unless it could be a secret: it goes into log lines as it is.
      req.id =
        typeof incoming === 'string' &&
        /^[\w.-]{1,64}$/.test(incoming) &&
        // (link ids in any case: lookups read them so)
        scrubSecrets(incoming) === incoming
          ? incoming
          : randomUUID();
      res.setHeader('X-Request-Id', req.id);
      next();
    },
    accessLog(deps.logger, redactUrl),
    requestMetrics(metrics),
    securityHeaders({
      mediaOrigins: mediaOriginsOf(deps.config.livekit?.urls ?? options.mediaUrl),
    }),
  ]);
  app.use(perRequest);
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  const json = jsonBody({ limit: 64 * 1024 });
  // Routes for guests and hosts that carry no bearer token; they authenticate themselves.
  // First after the per-request middleware: a join (the hot path) is not walked past the
  // page, feed and webhook routers, whose paths never start with /api.
  const bus = deps.redis?.bus ?? deps.store.bus;
  const lobbySignal = createLobbySignal({ ...(bus ? { bus } : {}), logger: deps.logger });
  const publicApi = express.Router();
  publicApi.use(json);
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const join = inSequence([json, joinRoute(deps, lobbySignal, limits)]);
  // Served ahead of the router (fast-route.ts, at the end) with the same middlewares. Registered
  // here too: the route table is what the OpenAPI coverage test reads as the app's routes.
  app.post('/api/links/:id/join', join);
  joinRoutes(deps, lobbySignal, limits, publicApi);
  publicApi.use(hostRoutes(deps, lobbySignal));
  publicApi.use(expectedRoutes(deps));
  app.use('/api', publicApi);

  const livekitUp = options.livekitUp ?? (deps.rooms ? deps.rooms.up : undefined);
  app.use(
    healthRoutes({
      store: deps.store,
      mailbox: deps.mailbox,
      metrics,
      ...(livekitUp ? { livekitUp } : {}),
    }),
  );
  app.use(livekitWebhookRoutes(deps));
  if (options.webDir) {
    app.use(webAssetRoutes(options.webDir));
    app.use(organizerPageRoutes(options.webDir, deps.logger));
  }
  const pageStores = limitStoresFor(deps);
  app.use(
    '/j',
    joinPageLimiter({ perMinute: deps.config.joinPagesPerMinute, store: pageStores('page-j') }),
  );
  app.use(joinPageRoutes(deps, options.renderJoinPage ?? defaultJoinPage));
  app.use(eventDownloadRoutes(deps));
  app.use(
    '/rsvp',
    joinPageLimiter({ perMinute: deps.config.joinPagesPerMinute, store: pageStores('page-rsvp') }),
  );
  app.use(rsvpPageRoutes(deps));
  app.use(feedRoutes(deps, options.feedCache ?? new FeedCache()));

  let openapi: Record<string, unknown> | undefined;
  app.get('/api/openapi.json', (_req, res) => {
    openapi ??= buildOpenApi({ publicUrl: deps.config.publicUrl, version: '0.1.0' });
    res.json(openapi);
  });

  const api = express.Router();
  api.use(json);
  api.use(requireBearer(deps));
  api.use(linkRoutes(deps));
  api.use(callAdminRoutes(deps));
  api.use(importRoutes(deps));
  api.use(eventOwnershipRoutes(deps));
  api.use(inviteeReportRoutes(deps));
  api.use(linkScheduleRoutes(deps));
  api.use(mailboxRoutes(deps));
  api.use(eventRoutes(deps));
  api.use(seriesRoutes(deps));
  api.use(lintRoutes(deps.jobs));
  api.use(policyRoutes(deps));
  api.use(keyRoutes(deps));
  api.use(auditRoutes(deps));
  api.use(teamRoutes(deps));
  api.use(outboxRoutes(deps));
  api.use((_req, _res, next) => next(new AppError('not_found', 'No such API route.')));
  app.use('/api', api);

  app.use((req, res) => {
    if (req.accepts(['html', 'json']) === 'json') {
      sendError(res, new AppError('not_found', 'Not found.'));
      return;
    }
    const lang = chooseLocale(req);
    const m = serverMessages(lang);
    res
      .status(404)
      .type('html')
      .send(
        renderMessagePage({
          state: 'error',
          lang,
          title: m.not_found_title,
          heading: m.not_found_heading,
          message: m.not_found_message,
        }),
      );
  });
  const onError = errorHandler(deps.logger);
  app.use(onError);
  serveFastRoute(app, linkJoinRoute(perRequest, join), onError);
  return app;
}
