import { Router } from 'express';
import type { AppDeps } from '../context.js';
import type { Metrics } from '../metrics.js';

export function healthRoutes(
  deps: Pick<AppDeps, 'store' | 'mailbox'> & {
    livekitUp?: () => Promise<boolean>;
    metrics?: Metrics;
  },
): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const store = await deps.store.ping().then(
      () => true,
      () => false,
    );
    const livekit = deps.livekitUp ? await deps.livekitUp().catch(() => false) : false;
    deps.metrics?.livekitUp.set(livekit ? 1 : 0);
    res.status(store ? 200 : 503).json({
      ok: store,
      store: deps.store.kind,
      livekit: livekit ? 'up' : 'down',
      // Parts that do not decide liveness, each with a plain status.
      details: deps.mailbox ? { mailbox: deps.mailbox.status() } : {},
    });
  });
  return router;
}
