import type { RequestHandler } from 'express';
import { AppError } from '../../core/errors.js';
import { keyIdOf } from '../../core/keys.js';
import { secretMatches } from '../auth/secrets.js';
import type { AppDeps } from './context.js';

/**
 * Bearer auth for /api/*: the admin token, or a named key that is not revoked. A missing or
 * wrong token is 401, never 403. Keys are looked up by the id they carry and their secret is
 * compared with the stored hash in constant time; a revoked key stops working at once.
 */
export function requireBearer(deps: Pick<AppDeps, 'adminTokenHash' | 'store'>): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const presented = match?.[1];
    if (!presented) {
      next(new AppError('unauthorized', 'Send your token as "Authorization: Bearer <token>".'));
      return;
    }
    if (secretMatches(presented, deps.adminTokenHash)) {
      req.principal = { kind: 'admin', id: null };
      next();
      return;
    }
    const keyId = keyIdOf(presented);
    if (keyId) {
      try {
        const key = await deps.store.keys.get(keyId);
        if (key && !key.revokedAt && secretMatches(presented, key.hash)) {
          req.principal = { kind: 'key', id: key.id, role: key.role, name: key.name };
          next();
          return;
        }
      } catch (error) {
        next(error);
        return;
      }
    }
    next(new AppError('unauthorized', 'This token is not valid.'));
  };
}
