/**
 * Who may act as a host of a link: its organizer (the admin token, an admin key, or the
 * organizer key that made the link) or anyone holding
 * one of the link's host keys (header `X-Host-Key`, or `hostKey` in a join body).
 */
import type { Request } from 'express';
import { AppError } from '../../core/errors.js';
import type { Link } from '../../core/links.js';
import { hashSecret } from '../auth/secrets.js';
import { bearerPrincipal } from './auth.js';
import type { AppDeps } from './context.js';
import { isAdmin } from './principal.js';

/** The admin token, an admin key, or the organizer key that owns the link. */
async function bearerHosts(
  deps: Pick<AppDeps, 'adminTokenHash' | 'store'>,
  req: Request,
  link: Link,
): Promise<boolean> {
  const principal = await bearerPrincipal(deps, req);
  return principal !== undefined && (isAdmin(principal) || principal.id === link.ownerId);
}

type HostDeps = Pick<AppDeps, 'adminTokenHash' | 'store' | 'clock' | 'config'>;

/**
 * A host key opens its own link only, until it expires or is revoked, and never a revoked link
 * (the organizer still can: to look back at attendance, say).
 */
async function hostKeyOpens(deps: HostDeps, key: string, link: Link): Promise<boolean> {
  if (key.length === 0 || key.length > 200 || link.revokedAt) return false;
  const found = await deps.store.hostKeys.find(hashSecret(key));
  if (!found || found.linkId !== link.id || found.revokedAt) return false;
  const expires =
    found.expiresAt?.getTime() ??
    found.createdAt.getTime() + deps.config.hostKeyTtlDays * 86_400_000;
  return deps.clock.now().getTime() < expires;
}

/** A request header as one string (req.headers: the join's fast route has no req.get). */
function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** True when the request comes from a host of this link; a wrong host key is 403. */
export async function isHost(
  deps: HostDeps,
  req: Request,
  link: Link,
  bodyKey?: unknown,
): Promise<boolean> {
  if (await bearerHosts(deps, req, link)) return true;
  const key = typeof bodyKey === 'string' && bodyKey ? bodyKey : header(req, 'x-host-key');
  if (key === undefined) return false;
  if (await hostKeyOpens(deps, key, link)) return true;
  throw new AppError(
    'forbidden',
    'This host key is not valid for this call (wrong, expired or revoked).',
  );
}

/** For host-only routes: a host, or 401. */
export async function requireHost(deps: HostDeps, req: Request, link: Link): Promise<void> {
  if (!(await isHost(deps, req, link))) {
    throw new AppError(
      'unauthorized',
      'Only a host of this call may do this: send "X-Host-Key: <host key>" or "Authorization: Bearer <token>".',
    );
  }
}
