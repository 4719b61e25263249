import { Router } from 'express';
import {
  createLink,
  createLinkInput,
  findLink,
  revokeLink,
  viewLink,
} from '../../../core/usecases/links.js';
import { checkLinkId } from '../../../core/links.js';
import type { AppDeps } from '../context.js';
import { parseBody } from '../validate.js';

export function linkRoutes(deps: AppDeps): Router {
  const router = Router();
  const ctx = async () => ({
    ...deps,
    publicUrl: deps.config.publicUrl,
    policy: await deps.policy(),
  });

  router.post('/links', async (req, res) => {
    const input = parseBody(createLinkInput, req.body);
    const view = await createLink(await ctx(), input, req.principal?.id ?? null);
    res.status(201).location(`/api/links/${view.id}`).json(view);
  });

  router.get('/links', async (_req, res) => {
    const links = await deps.store.links.list();
    res.json({ links: links.map((l) => viewLink(l, deps.config.publicUrl)) });
  });

  router.get('/links/:id', async (req, res) => {
    const link = await findLink(deps.store, req.params.id, { allowRevoked: true });
    res.json(viewLink(link, deps.config.publicUrl));
  });

  router.delete('/links/:id', async (req, res) => {
    await revokeLink(deps, req.params.id);
    // A revoked link admits nobody, so whoever is still in its call is let go too.
    const checked = checkLinkId(req.params.id);
    if (checked.ok && deps.rooms) {
      await deps.rooms.end(checked.id).catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'could not end the call of a revoked link');
      });
    }
    res.status(204).end();
  });

  return router;
}
