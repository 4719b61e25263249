/**
 * Rate limits on the routes anyone may call (joining, lobby polls, preflight): per client IP,
 * and per link so that many addresses together cannot flood one call.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../../core/errors.js';
import { checkLinkId } from '../../core/links.js';

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

export function perIp(limit: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: tooMany,
  });
}

export function perLink(limit: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: false,
    legacyHeaders: false,
    // Keyed on the id as lookup reads it (case, O→0, I/L→1): respellings are the same link.
    keyGenerator: (req) => {
      const raw = String(req.params.id ?? '');
      const checked = checkLinkId(raw);
      return `link:${checked.ok ? checked.id : raw.toLowerCase()}`;
    },
    validate: { keyGeneratorIpFallback: false },
    handler: tooMany,
  });
}
