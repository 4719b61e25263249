/**
 * /api/teams: teams and their subscription feeds (create, list, revoke).
 */
import { Router } from 'express';
import {
  createFeed,
  createTeam,
  createTeamInput,
  getTeam,
  revokeFeed,
  viewFeed,
  type FeedDeps,
} from '../../../core/usecases/publish-feed.js';
import { hashSecret } from '../../auth/secrets.js';
import type { AppDeps } from '../context.js';
import { parseBody } from '../validate.js';

export function feedDepsOf(deps: AppDeps): FeedDeps {
  return { ...deps, publicUrl: deps.config.publicUrl, hashSecret };
}

export function teamRoutes(deps: AppDeps): Router {
  const router = Router();
  const d = feedDepsOf(deps);
  const view = (t: { id: string; name: string; createdAt: Date }) => ({
    id: t.id,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
  });

  router.post('/teams', async (req, res) => {
    const input = parseBody(createTeamInput, req.body);
    const team = await createTeam(d, input.name);
    res.status(201).location(`/api/teams/${team.id}`).json(view(team));
  });

  router.get('/teams/:id', async (req, res) => {
    res.json(view(await getTeam(d, req.params.id)));
  });

  router.post('/teams/:id/feeds', async (req, res) => {
    const feed = await createFeed(d, req.params.id);
    res.status(201).json(feed);
  });

  router.get('/teams/:id/feeds', async (req, res) => {
    const team = await getTeam(d, req.params.id);
    res.json({ feeds: (await deps.store.feeds.list(team.id)).map(viewFeed) });
  });

  router.delete('/teams/:id/feeds/:feedId', async (req, res) => {
    await revokeFeed(d, req.params.id, req.params.feedId);
    res.status(204).end();
  });

  return router;
}
