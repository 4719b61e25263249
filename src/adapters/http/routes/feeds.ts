/**
 * GET /feeds/:secret.ics: what Google, Outlook and Apple poll. Conditional requests are
 * answered from the team's version alone (one indexed query, nothing built); full bodies come
 * from the cache, compressed with br or gzip when the client asks.
 */
import { Router, type Request } from 'express';
import { AppError } from '../../../core/errors.js';
import { feedVersion, openFeed, teamFeedPages } from '../../../core/usecases/publish-feed.js';
import { inlineJobs } from '../../jobs/jobs.js';
import type { AppDeps } from '../context.js';
import { FeedCache } from '../feed-cache.js';
import { sendError } from '../errors.js';
import { feedDepsOf } from './teams.js';

function notModified(req: Request, etag: string, lastModified: Date): boolean {
  const inm = req.get('if-none-match');
  if (inm !== undefined) {
    return inm
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === etag || t === '*');
  }
  const ims = req.get('if-modified-since');
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && lastModified.getTime() <= since;
}

function pickEncoding(req: Request): 'br' | 'gzip' | undefined {
  const accepted = req.acceptsEncodings('br', 'gzip', 'identity');
  return accepted === 'br' || accepted === 'gzip' ? accepted : undefined;
}

export function feedRoutes(deps: AppDeps, cache = new FeedCache()): Router {
  const router = Router();
  const d = feedDepsOf(deps);
  const jobs = deps.jobs ?? inlineJobs();
  const hit = (status: number) => deps.metrics?.feedHits.inc({ status: String(status) });
  router.get('/feeds/:file', async (req, res) => {
    res.set('Cache-Control', 'private, max-age=300');
    res.set('Referrer-Policy', 'no-referrer');
    res.set('X-Robots-Tag', 'noindex');
    const secret = /^([\w-]{20,100})\.ics$/.exec(req.params.file)?.[1];
    let found;
    try {
      found = await openFeed(d, secret ?? req.params.file);
      if (!secret) throw new AppError('not_found', 'No feed at this address.');
    } catch (error) {
      if (error instanceof AppError) {
        res.set('Cache-Control', 'no-store');
        sendError(res, error);
        hit(res.statusCode);
        return;
      }
      throw error;
    }
    const now = deps.clock.now();
    const { etag, lastModified } = feedVersion(found.team, now);
    res.set('ETag', etag);
    res.set('Last-Modified', lastModified.toUTCString());
    res.vary('Accept-Encoding');
    if (notModified(req, etag, lastModified)) {
      res.status(304).end();
      hit(304);
      return;
    }
    const entry = await cache.get(found.team.id, etag, async () =>
      jobs.feedPages(found.team.name, teamFeedPages(d, found.team, now)),
    );
    res.type('text/calendar; charset=utf-8');
    const encoding = pickEncoding(req);
    const body = encoding ? await FeedCache.encoded(entry, encoding) : entry.body;
    if (encoding) res.set('Content-Encoding', encoding);
    res.send(body);
    hit(200);
  });
  return router;
}
