/**
 * Organizers see and change only their own events, as with links: mounted in front of the
 * event routes, it answers 404 for another owner's event (like an unknown one) and refuses
 * to put another owner's link into a new event. Admins pass through.
 */
import { Router, type NextFunction, type Request } from 'express';
import { AppError } from '../../../core/errors.js';
import { findLink } from '../../../core/usecases/links.js';
import type { AppDeps } from '../context.js';
import { assertOwner } from '../principal.js';

export function eventOwnershipRoutes(deps: AppDeps): Router {
  const router = Router();
  const check = async (req: Request, next: NextFunction, work: () => Promise<void>) => {
    try {
      await work();
      next();
    } catch (error) {
      next(error);
    }
  };

  router.all('/events/:id{/*rest}', (req, _res, next) =>
    check(req, next, async () => {
      const id = String(req.params.id);
      const event = /^[\w-]{1,64}$/.test(id) ? await deps.store.events.get(id) : undefined;
      if (event)
        assertOwner(req, event.ownerId, new AppError('not_found', 'No event has this id.'));
    }),
  );

  router.post('/events', (req, _res, next) =>
    check(req, next, async () => {
      const linkId: unknown = (req.body as { linkId?: unknown } | undefined)?.linkId;
      if (typeof linkId !== 'string') return; // the event route validates the body
      const link = await findLink(deps.store, linkId);
      assertOwner(
        req,
        link.ownerId,
        new AppError('link_not_found', 'No call link has this address.'),
      );
    }),
  );
  return router;
}
