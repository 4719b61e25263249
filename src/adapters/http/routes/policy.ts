/**
 * GET/PUT /api/policy (admins only). PUT replaces the whole policy or refuses it whole.
 */
import { Router } from 'express';
import { replacePolicy } from '../../../core/usecases/policy.js';
import type { AppDeps } from '../context.js';
import { actorOf, requireAdmin } from '../principal.js';

export function policyRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/policy', requireAdmin());
  router.get('/policy', async (_req, res) => {
    res.json(await deps.policy());
  });
  router.put('/policy', async (req, res) => {
    const policy = await replacePolicy(deps, req.body, actorOf(req));
    deps.policyChanged?.();
    res.json(policy);
  });
  return router;
}
