/**
 * Organizers see and change only their own events, as with links: mounted in front of the
 * event routes, it answers 404 for another owner's event (like an unknown one) and refuses
 * to put another owner's link or team into an event. Admins pass through, but an event only
 * goes into a team its owner could see.
 */
import { Router, type NextFunction, type Request } from 'express';
import { AppError } from '../../../core/errors.js';
import { findLink } from '../../../core/usecases/links.js';
import type { AppDeps } from '../context.js';
import { assertOwner, isAdmin } from '../principal.js';
import { visibleTeam } from './teams.js';

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

  /** A teamId in the body must name a team the caller sees and the event's owner owns. */
  const checkTeam = async (req: Request, eventOwner: string | null, current?: string | null) => {
    const teamId: unknown = (req.body as { teamId?: unknown } | undefined)?.teamId;
    // Absent, null (out of its team), invalid (the route says so) or unchanged: nothing to check.
    if (typeof teamId !== 'string' || teamId === current) return;
    const team = await visibleTeam(deps, req, teamId).catch((error: unknown) => {
      if (error instanceof AppError) return undefined;
      throw error;
    });
    const principal = req.principal;
    // An admin editing someone else's event may not move it into a team its owner cannot see.
    const ownerMaySee =
      team !== undefined &&
      (principal === undefined ||
        !isAdmin(principal) ||
        eventOwner === principal.id ||
        team.ownerId === eventOwner);
    if (!ownerMaySee) {
      throw new AppError('not_found', 'No team has this id.', { details: { field: 'teamId' } });
    }
  };

  router.all('/events/:id{/*rest}', (req, _res, next) =>
    check(req, next, async () => {
      const id = String(req.params.id);
      const event = /^[\w-]{1,64}$/.test(id) ? await deps.store.events.get(id) : undefined;
      if (!event) return;
      assertOwner(req, event.ownerId, new AppError('not_found', 'No event has this id.'));
      if (req.method === 'PATCH' && !req.params.rest)
        await checkTeam(req, event.ownerId, event.teamId);
      if (req.method === 'PATCH' || req.method === 'POST') await checkLink(req, event.linkId);
    }),
  );

  /** A linkId in the body must name a link the caller owns (unchanged ones pass). */
  const checkLink = async (req: Request, current?: string) => {
    const linkId: unknown = (req.body as { linkId?: unknown } | undefined)?.linkId;
    if (typeof linkId !== 'string' || linkId === current) return; // the route validates the body
    const link = await findLink(deps.store, linkId);
    assertOwner(
      req,
      link.ownerId,
      new AppError('link_not_found', 'No call link has this address.'),
    );
  };

  router.post('/events', (req, _res, next) =>
    check(req, next, async () => {
      await checkTeam(req, req.principal?.id ?? null);
      await checkLink(req);
    }),
  );
  return router;
}
