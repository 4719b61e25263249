/**
 * Named keys (admins only): POST /api/keys shows the new key once; GET lists without
 * secrets; DELETE revokes for good. GET /api/me tells any caller who they are, which the
 * organizer page uses to sign in.
 */
import { Router } from 'express';
import { createKey, createKeyInput, revokeKey, viewKey } from '../../../core/usecases/keys.js';
import { hashSecret } from '../../auth/secrets.js';
import type { AppDeps } from '../context.js';
import { actorOf, isAdmin, requireAdmin } from '../principal.js';
import { parseBody } from '../validate.js';

export function keyRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/keys', requireAdmin());
  router.get('/me', async (req, res) => {
    const p = req.principal;
    if (!p) throw new Error('requireBearer must run first');
    // What every organizer may know of the policy, so forms offer what will be accepted.
    const { linksEnabled, lobbyByDefault, maxParticipants } = await deps.policy();
    const limits = { linksEnabled, lobbyByDefault, maxParticipants };
    res.json(
      p.kind === 'admin'
        ? { kind: 'admin', id: null, name: 'admin token', role: 'admin', admin: true, limits }
        : { kind: 'key', id: p.id, name: p.name ?? null, role: p.role, admin: isAdmin(p), limits },
    );
  });
  router.post('/keys', async (req, res) => {
    const input = parseBody(createKeyInput, req.body);
    const created = await createKey({ ...deps, hash: hashSecret }, input, actorOf(req));
    res.status(201).location(`/api/keys/${created.id}`).json(created);
  });
  router.get('/keys', async (_req, res) => {
    res.json({ keys: (await deps.store.keys.list()).map(viewKey) });
  });
  router.delete('/keys/:id', async (req, res) => {
    await revokeKey(deps, req.params.id, actorOf(req));
    res.status(204).end();
  });
  return router;
}
