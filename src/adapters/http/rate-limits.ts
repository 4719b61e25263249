/**
 * Rate limits on the routes anyone may call (joining, lobby polls, preflight, join pages): per
 * client IP, and per link so that many addresses together cannot flood one call.
 *
 * The counters are express-rate-limit's stores (its MemoryStore for one instance, Redis or the
 * database when shared, see rate-limit-stores.ts) and its IPv6-aware IP key. The middleware
 * around them is these few lines rather than express-rate-limit's own: that one awaits up to
 * eight steps per request (skip, key, limit, identifier, increment and per-request validations)
 * and hashes the key for a draft-8 header, which measured as a good part of a join's CPU; a join
 * runs two limiters. Here a request costs one increment per limiter and the headers.
 */
import type { RequestHandler, Response } from 'express';
import {
  MemoryStore,
  ipKeyGenerator,
  type Store as LimitStore,
  type Options,
} from 'express-rate-limit';
import { AppError } from '../../core/errors.js';
import { checkLinkId } from '../../core/links.js';
import type { LimitStores } from './rate-limit-stores.js';

export interface PublicRateLimits {
  /** Join and preflight requests per IP per minute. */
  joinPerIp: number;
  /** Join requests per link per minute, from all IPs together. */
  joinPerLink: number;
  /** Lobby polls per IP per minute. */
  pollPerIp: number;
}

export const DEFAULT_RATE_LIMITS: Readonly<PublicRateLimits> = Object.freeze({
  joinPerIp: 60,
  joinPerLink: 300,
  pollPerIp: 600,
});

const WINDOW_MS = 60_000;

/**
 * The per-link key: the link id as the store knows it, so that case or look-alike variants of
 * one id (O/0, I/L/1) count as that one link on every instance.
 */
export function linkKey(rawId: unknown): string {
  const raw = String(rawId ?? '');
  const check = checkLinkId(raw);
  return `link:${check.ok ? check.id : raw.trim().toLowerCase().slice(0, 64)}`;
}

/** The client's address as the limit counts it: IPv6 by its /56, as express-rate-limit does. */
export function ipKey(ip: string | undefined): string {
  return ipKeyGenerator(ip ?? 'unknown', 56);
}

export interface LimiterOptions {
  /** Names the limit in the RateLimit headers and keeps its keys apart in shared stores. */
  name: string;
  limit: number;
  windowMs?: number;
  key: (req: Parameters<RequestHandler>[0]) => string;
  /** A shared store; a failing one lets requests through (the limit is a guard, the call is the service). */
  store?: LimitStore | undefined;
  /** Send RateLimit and RateLimit-Policy (IETF draft 8, without the optional partition key). */
  headers?: boolean;
  message?: string;
}

/** One limit: counts the request in its store and refuses it with 429 rate_limited past the limit. */
export function limiter(options: LimiterOptions): RequestHandler {
  const windowMs = options.windowMs ?? WINDOW_MS;
  const store = options.store ?? new MemoryStore();
  const shared = options.store !== undefined;
  void Promise.resolve(store.init?.({ windowMs } as Options)).catch(() => undefined);
  const windowSeconds = Math.ceil(windowMs / 1000);
  const policy = `"${options.name}"; q=${options.limit}; w=${windowSeconds}`;
  const message = options.message ?? 'Too many requests. Please wait a minute and try again.';
  return (req, res, next) => {
    let counted: ReturnType<LimitStore['increment']>;
    try {
      counted = store.increment(options.key(req));
    } catch (error) {
      if (shared) return next();
      return next(error);
    }
    Promise.resolve(counted).then(
      ({ totalHits, resetTime }) => {
        const resetSeconds = resetTime
          ? Math.max(0, Math.ceil((resetTime.getTime() - Date.now()) / 1000))
          : windowSeconds;
        if (totalHits > options.limit) {
          next(
            new AppError('rate_limited', message, { details: { retryAfterSeconds: resetSeconds } }),
          );
          return;
        }
        if (options.headers)
          setHeaders(res, options.name, policy, options.limit - totalHits, resetSeconds);
        next();
      },
      (error: unknown) => (shared ? next() : next(error)),
    );
  };
}

function setHeaders(
  res: Response,
  name: string,
  policy: string,
  remaining: number,
  resetSeconds: number,
): void {
  if (res.headersSent) return;
  res.setHeader('RateLimit', `"${name}"; r=${remaining}; t=${resetSeconds}`);
  res.setHeader('RateLimit-Policy', policy);
}

export function perIp(limit: number, stores?: LimitStores, name = 'ip'): RequestHandler {
  return limiter({
    name,
    limit,
    key: (req) => ipKey(req.ip),
    store: stores?.(name),
    headers: true,
  });
}

export function perLink(limit: number, stores?: LimitStores): RequestHandler {
  // Keyed on the id as lookup reads it (case, O→0, I/L→1): respellings are the same link.
  return limiter({
    name: 'link',
    limit,
    key: (req) => linkKey(req.params.id),
    store: stores?.('link'),
  });
}
