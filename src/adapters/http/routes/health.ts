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
  // Readiness: this instance can admit people into calls. A load balancer drains an instance
  // whose media server is gone instead of sending every join there for a 503.
  router.get('/readyz', async (_req, res) => {
    const [store, livekit] = await Promise.all([
      deps.store.ping().then(
        () => true,
        () => false,
      ),
      deps.livekitUp ? deps.livekitUp().catch(() => false) : Promise.resolve(false),
    ]);
    deps.metrics?.livekitUp.set(livekit ? 1 : 0);
    res.set('Cache-Control', 'no-store');
    res.status(store && livekit ? 200 : 503).json({
      ready: store && livekit,
      store: store ? 'up' : 'down',
      livekit: livekit ? 'up' : 'down',
    });
  });
  return router;
}
