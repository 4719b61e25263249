/**
 * Prometheus metrics. One registry per app so tests and several apps in one process do not
 * share counters. Other adapters record through the Metrics object handed to them.
 */
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route'>;
  joins: Counter<'result'>;
  lobbyWaits: Counter<'result'>;
  feedHits: Counter<'status'>;
  livekitUp: Gauge;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: 'callink_' });
  return {
    registry,
    requests: new Counter({
      name: 'callink_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'callink_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    joins: new Counter({
      name: 'callink_joins_total',
      help: 'Join attempts by result (token, lobby, full, refused, unavailable)',
      labelNames: ['result'],
      registers: [registry],
    }),
    lobbyWaits: new Counter({
      name: 'callink_lobby_waits_total',
      help: 'Lobby knocks by outcome (admitted, denied, expired)',
      labelNames: ['result'],
      registers: [registry],
    }),
    feedHits: new Counter({
      name: 'callink_feed_requests_total',
      help: 'Feed requests by status (200, 304, 404)',
      labelNames: ['status'],
      registers: [registry],
    }),
    livekitUp: new Gauge({
      name: 'callink_livekit_up',
      help: '1 when the media server answers',
      registers: [registry],
    }),
  };
}

/** Counts and times every request by its route pattern (never the raw path: ids are secrets). */
export function requestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.duration.startTimer();
    res.on('finish', () => {
      const route = req.route?.path
        ? `${req.baseUrl}${String(req.route.path)}`
        : res.statusCode === 404
          ? 'unmatched'
          : req.baseUrl || 'other';
      end({ method: req.method, route });
      metrics.requests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
