/**
 * /api/teams: teams and their subscription feeds (create, list, revoke). Scoped like links:
 * organizers see and change only the teams they created (another owner's team answers 404,
 * like an unknown one); admins see everything.
 */
import { audit } from '../audit-note.js';
import { Router, type Request } from 'express';
import {
  createFeed,
  createTeam,
  createTeamInput,
  getTeam,
  revokeFeed,
  viewFeed,
  type FeedDeps,
  type FeedView,
} from '../../../core/usecases/publish-feed.js';
import { AppError } from '../../../core/errors.js';
import type { Team } from '../../../core/store-ports.js';
import { hashSecret } from '../../auth/secrets.js';
import type { AppDeps } from '../context.js';
import { assertOwner, ownerIdOf, ownerScope } from '../principal.js';
import { parseBody } from '../validate.js';

export function feedDepsOf(deps: AppDeps): FeedDeps {
  return { ...deps, publicUrl: deps.config.publicUrl, hashSecret };
}

/** The team, if the caller may see it; another owner's team looks unknown. */
export async function visibleTeam(deps: Pick<FeedDeps, 'store'>, req: Request, id: string) {
  const team = await getTeam(deps, id);
  assertOwner(req, team.ownerId, new AppError('not_found', 'No team has this id.'));
  return team;
}

export function teamRoutes(deps: AppDeps): Router {
  const router = Router();
  const d = feedDepsOf(deps);
  const view = (t: Team) => ({
    id: t.id,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
  });

  router.post('/teams', async (req, res) => {
    const input = parseBody(createTeamInput, req.body);
    const team = await createTeam(d, input.name, ownerIdOf(req));
    res.status(201).location(`/api/teams/${team.id}`).json(view(team));
  });

  // The caller's teams, newest first, each with its feeds (never their secrets or URLs).
  router.get('/teams', async (req, res) => {
    const teams = await deps.store.teams.list(ownerScope(req));
    const byTeam = new Map(teams.map((t) => [t.id, [] as FeedView[]]));
    for (const f of await deps.store.feeds.listForTeams([...byTeam.keys()])) {
      byTeam.get(f.teamId)?.push(viewFeed(f));
    }
    res.json({ teams: teams.map((t) => ({ ...view(t), feeds: byTeam.get(t.id) ?? [] })) });
  });

  router.get('/teams/:id', async (req, res) => {
    res.json(view(await visibleTeam(d, req, req.params.id)));
  });

  router.post('/teams/:id/feeds', async (req, res) => {
    const team = await visibleTeam(d, req, req.params.id);
    const feed = await createFeed(d, team.id);
    await audit(deps, req, 'feed.create', feed.id, { after: { teamId: team.id } });
    res.status(201).json(feed);
  });

  router.get('/teams/:id/feeds', async (req, res) => {
    const team = await visibleTeam(d, req, req.params.id);
    res.json({ feeds: (await deps.store.feeds.list(team.id)).map(viewFeed) });
  });

  router.delete('/teams/:id/feeds/:feedId', async (req, res) => {
    const team = await visibleTeam(d, req, req.params.id);
    await revokeFeed(d, team.id, req.params.feedId);
    await audit(deps, req, 'feed.revoke', req.params.feedId, { after: { teamId: team.id } });
    res.status(204).end();
  });

  return router;
}
