import type { RequestHandler } from 'express';
import { AppError } from '../../core/errors.js';
import { secretMatches } from '../auth/secrets.js';
import type { AppDeps } from './context.js';

/** Bearer auth for /api/*: a missing or wrong token is 401, never 403. */
export function requireBearer(deps: Pick<AppDeps, 'adminTokenHash'>): RequestHandler {
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      next(new AppError('unauthorized', 'Send your token as "Authorization: Bearer <token>".'));
      return;
    }
    if (secretMatches(match[1], deps.adminTokenHash)) {
      req.principal = { kind: 'admin', id: null };
      next();
      return;
    }
    next(new AppError('unauthorized', 'This token is not valid.'));
  };
}
