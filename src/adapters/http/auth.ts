import type { Request, RequestHandler } from 'express';
import { AppError } from '../../core/errors.js';
import { keyIdOf } from '../../core/keys.js';
import { secretMatches } from '../auth/secrets.js';
import type { AppDeps, Principal } from './context.js';

/**
 * Who a bearer token belongs to: the admin token, or a named key that is not revoked;
 * undefined for anything else. Keys are looked up by the id they carry and their secret is
 * compared with the stored hash in constant time, so a revoked key stops working at once.
 */
export async function bearerPrincipal(
  deps: Pick<AppDeps, 'adminTokenHash' | 'store'>,
  req: Request,
): Promise<Principal | undefined> {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!presented) return undefined;
  if (secretMatches(presented, deps.adminTokenHash)) return { kind: 'admin', id: null };
  const keyId = keyIdOf(presented);
  if (!keyId) return undefined;
  const key = await deps.store.keys.get(keyId);
  if (!key || key.revokedAt || !secretMatches(presented, key.hash)) return undefined;
  return { kind: 'key', id: key.id, role: key.role, name: key.name };
}

/** Bearer auth for /api/*: a missing or wrong token is 401, never 403. */
export function requireBearer(deps: Pick<AppDeps, 'adminTokenHash' | 'store'>): RequestHandler {
  return async (req, _res, next) => {
    if (!/^Bearer\s+\S+\s*$/i.test(req.headers.authorization ?? '')) {
      next(new AppError('unauthorized', 'Send your token as "Authorization: Bearer <token>".'));
      return;
    }
    try {
      const principal = await bearerPrincipal(deps, req);
      if (!principal) {
        next(new AppError('unauthorized', 'This token is not valid.'));
        return;
      }
      req.principal = principal;
      next();
    } catch (error) {
      next(error);
    }
  };
}
