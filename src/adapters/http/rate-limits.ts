/**
 * Rate limits on the routes anyone may call (joining, lobby polls, preflight): per client IP,
 * and per link so that many addresses together cannot flood one call.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
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

const tooMany: RequestHandler = (_req, _res, next) =>
  next(new AppError('rate_limited', 'Too many requests. Please wait a minute and try again.'));

/**
 * The per-link key: the link id as the store knows it, so that case or look-alike variants of
 * one id (O/0, I/L/1) count as that one link on every instance.
 */
export function linkKey(rawId: unknown): string {
  const raw = String(rawId ?? '');
  const check = checkLinkId(raw);
  return `link:${check.ok ? check.id : raw.trim().toLowerCase().slice(0, 64)}`;
}

/**
 * The shared store, when there is one. A store that fails (Redis away) lets requests through
 * rather than turning every join into a 500: the limit is a guard, the call is the service.
 */
function shared(stores: LimitStores | undefined, name: string) {
  const store = stores?.(name);
  return store ? { store, passOnStoreError: true } : {};
}

export function perIp(limit: number, stores?: LimitStores, name = 'ip'): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: tooMany,
    ...shared(stores, name),
  });
}

export function perLink(limit: number, stores?: LimitStores): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: false,
    legacyHeaders: false,
    // Keyed on the id as lookup reads it (case, O→0, I/L→1): respellings are the same link.
    keyGenerator: (req) => linkKey(req.params.id),
    validate: { keyGeneratorIpFallback: false },
    handler: tooMany,
    ...shared(stores, 'link'),
  });
}
