import { audit } from '../audit-note.js';
import { Router, type Request } from 'express';
import { AppError } from '../../../core/errors.js';
import {
  createLink,
  createLinkInput,
  findLink,
  revokeLink,
  viewLink,
} from '../../../core/usecases/links.js';
import { patchLinkInput, updateLink } from '../../../core/usecases/link-settings.js';
import type { AppDeps } from '../context.js';
import { actorOf, assertOwner, ownerIdOf, ownerScope } from '../principal.js';
import { parseBody } from '../validate.js';

export function linkRoutes(deps: AppDeps): Router {
  const router = Router();
  const ctx = async () => ({
    ...deps,
    publicUrl: deps.config.publicUrl,
    policy: await deps.policy(),
  });
  /** The link, if the caller may see it; other owners' links answer 404 like unknown ones. */
  const visibleLink = async (req: Request<{ id: string }>) => {
    const link = await findLink(deps.store, req.params.id, { allowRevoked: true });
    assertOwner(
      req,
      link.ownerId,
      new AppError('link_not_found', 'No call link has this address.'),
    );
    return link;
  };

  router.post('/links', async (req, res) => {
    const input = parseBody(createLinkInput, req.body);
    const view = await createLink(await ctx(), input, ownerIdOf(req));
    res.status(201).location(`/api/links/${view.id}`).json(view);
  });

  router.get('/links', async (req, res) => {
    const links = await deps.store.links.list(ownerScope(req));
    res.json({ links: links.map((l) => viewLink(l, deps.config.publicUrl)) });
  });

  router.get('/links/:id', async (req, res) => {
    res.json(viewLink(await visibleLink(req), deps.config.publicUrl));
  });

  // Title, lobby and size change; the id (and so every invite holding the link) stays.
  router.patch('/links/:id', async (req, res) => {
    const patch = parseBody(patchLinkInput, req.body);
    const link = await visibleLink(req);
    res.json(await updateLink(await ctx(), link.id, patch, actorOf(req)));
  });

  router.delete('/links/:id', async (req, res) => {
    const link = await visibleLink(req);
    await revokeLink(deps, link.id);
    await audit(deps, req, 'link.revoke', link.id);
    // A revoked link admits nobody, so whoever is still in its call is let go too.
    if (deps.rooms) {
      await deps.rooms.end(link.id).catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'could not end the call of a revoked link');
      });
    }
    res.status(204).end();
  });

  return router;
}
