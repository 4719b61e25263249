/**
 * Rate limits on the routes anyone may call (joining, lobby polls, preflight, join pages): per
 * client IP, and per link so that many addresses together cannot flood one call.
 *
 * Shared counters are express-rate-limit's stores (Redis, or the database's, see
 * rate-limit-stores.ts) and the IP key is its IPv6-aware one. One instance alone counts in
 * memory here, synchronously: express-rate-limit's MemoryStore answers with its live counter
 * object a microtask later, so two requests counted in the same tick both saw the second
 * count (with a limit of 1, both were refused). The middleware
 * around them is these few lines rather than express-rate-limit's own: that one awaits up to
 * eight steps per request (skip, key, limit, identifier, increment and per-request validations)
 * and hashes the key for a draft-8 header, which measured as a good part of a join's CPU; a join
 * runs two limiters. Here a request costs one increment per limiter and the headers.
 */
import type { RequestHandler, Response } from 'express';
import { ipKeyGenerator, type Store as LimitStore, type Options } from 'express-rate-limit';
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

/** Fixed windows in memory; keys idle for a whole window are dropped in bulk. */
export class MemoryCounter {
  private current = new Map<string, { hits: number; resetAt: number }>();
  private previous = new Map<string, { hits: number; resetAt: number }>();
  private sweptAt = 0;
  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit for `key`: the hits in its window so far, this one included. */
  hit(key: string): { totalHits: number; resetTime: Date } {
    const now = this.now();
    if (now - this.sweptAt >= this.windowMs) {
      // Everything not seen since the last sweep is at least a window old.
      this.previous = this.current;
      this.current = new Map();
      this.sweptAt = now;
    }
    let c = this.current.get(key);
    if (!c) {
      c = this.previous.get(key) ?? { hits: 0, resetAt: now + this.windowMs };
      this.previous.delete(key);
      this.current.set(key, c);
    }
    if (c.resetAt <= now) {
      c.hits = 0;
      c.resetAt = now + this.windowMs;
    }
    c.hits++;
    return { totalHits: c.hits, resetTime: new Date(c.resetAt) };
  }
}

/** One limit: counts the request in its store and refuses it with 429 rate_limited past the limit. */
export function limiter(options: LimiterOptions): RequestHandler {
  const windowMs = options.windowMs ?? WINDOW_MS;
  const store = options.store;
  const memory = store ? undefined : new MemoryCounter(windowMs);
  try {
    void Promise.resolve(store?.init?.({ windowMs } as Options)).catch(() => undefined);
  } catch {
    // A shared store that cannot start fails each request instead, which lets them through.
  }
  const windowSeconds = Math.ceil(windowMs / 1000);
  const policy = `"${options.name}"; q=${options.limit}; w=${windowSeconds}`;
  const message = options.message ?? 'Too many requests. Please wait a minute and try again.';
  return (req, res, next) => {
    const decide = (counted: { totalHits: number; resetTime?: Date | undefined }) => {
      const resetSeconds = counted.resetTime
        ? Math.max(0, Math.ceil((counted.resetTime.getTime() - Date.now()) / 1000))
        : windowSeconds;
      if (counted.totalHits > options.limit) {
        next(
          new AppError('rate_limited', message, { details: { retryAfterSeconds: resetSeconds } }),
        );
        return;
      }
      if (options.headers) {
        setHeaders(res, options.name, policy, options.limit - counted.totalHits, resetSeconds);
      }
      next();
    };
    let counted: ReturnType<LimitStore['increment']>;
    try {
      const key = options.key(req);
      if (!store) return decide((memory as MemoryCounter).hit(key));
      counted = store.increment(key);
    } catch (error) {
      // A shared store that fails lets the request through; a failing key is a bug.
      return store ? next() : next(error);
    }
    Promise.resolve(counted).then(decide, () => next());
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
