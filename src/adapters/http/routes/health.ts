import { Router } from 'express';
import type { AppDeps } from '../context.js';
import type { Metrics } from '../metrics.js';

/** How long one media-server probe answers for, and how long it may stand in for a new one. */
const UP_REUSE_MS = 1000;
const UP_STALE_MS = 5000;

/**
 * The media server's health for these routes: one probe per second at most, shared, and an
 * answer up to 5 s old given at once while a fresh probe runs (an older one is never given).
 * Health checks come from several balancers and monitors: they must neither become a
 * media-server storm nor wait on a media server busy with calls.
 */
export function sharedProbe(
  probe: () => Promise<boolean>,
  now: () => number = Date.now,
): () => Promise<boolean> {
  let last: { at: number; value: boolean } | undefined;
  let pending: Promise<boolean> | undefined;
  const run = () => {
    const started = now();
    const answer = probe().catch(() => false);
    pending = answer;
    void answer.then((value) => {
      if (pending === answer) pending = undefined;
      if (!last || started >= last.at) last = { at: started, value };
    });
    return answer;
  };
  return () => {
    const age = last ? now() - last.at : Infinity;
    if (last && age < UP_REUSE_MS) return Promise.resolve(last.value);
    if (last && age < UP_STALE_MS) {
      if (!pending) void run();
      return Promise.resolve(last.value);
    }
    return pending ?? run();
  };
}

export function healthRoutes(
  deps: Pick<AppDeps, 'store' | 'mailbox'> & {
    livekitUp?: () => Promise<boolean>;
    metrics?: Metrics;
  },
): Router {
  const router = Router();
  const livekitUp = deps.livekitUp ? sharedProbe(deps.livekitUp) : undefined;
  router.get('/healthz', async (_req, res) => {
    const store = await deps.store.ping().then(
      () => true,
      () => false,
    );
    const livekit = livekitUp ? await livekitUp() : false;
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
      livekitUp ? livekitUp() : Promise.resolve(false),
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
