/**
 * The one hot route (POST /api/links/:id/join) served without Express's dispatch.
 *
 * Measured on this machine, Express 5 spends about 100 µs of CPU per request before a handler
 * runs (app.handle re-prototyping the request and response, which also slows every later
 * property access on them; the router walking its layers; path matching; finalhandler): about
 * two thirds of an Express hello-world's CPU, and more than a join's own work takes on Node's
 * plain HTTP server. So for this route, app.handle gets a front door: the request runs the very
 * middlewares the app would run (the per-request layer, the JSON body, the join handler), on
 * Node's own request and response, with what they read from Express set as plain properties
 * (params, route, baseUrl, originalUrl, ip from the app's 'trust proxy'), and errors go to the
 * app's own error handler. Every other request, and this path with any other method, goes
 * to Express as before.
 *
 * So the middlewares on this route use Node's API and these properties only (req.headers, not
 * req.get; res.setHeader and send-json.ts, not res.set or res.json); the http-join tests run
 * every answer of the route through here.
 *
 * Path matching is Express's for this pattern: case-insensitive, an optional trailing slash,
 * any query string, and the id percent-decoded (a malformed escape answers 400 through the
 * error handler, as the router's URIError does).
 */
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express';
import { AppError } from '../../core/errors.js';
import { inSequence } from './in-sequence.js';

export interface FastRoute {
  method: string;
  /** What runs before the route on every request (app.ts's per-request layer). */
  before: RequestHandler;
  /** For req.route.path (metrics label the route by it). */
  path: string;
  /** Params from the path (before the query), or undefined when it is not this route. */
  match(pathname: string): Record<string, string> | undefined;
  handler: RequestHandler;
}

/** `/api/links/:id/join` as Express matches it. */
export function linkJoinRoute(before: RequestHandler, handler: RequestHandler): FastRoute {
  const pattern = /^\/api\/links\/([^/]+)\/join\/?$/i;
  return {
    method: 'POST',
    before,
    path: '/api/links/:id/join',
    handler,
    match(pathname) {
      const m = pattern.exec(pathname);
      return m ? { id: m[1] as string } : undefined;
    },
  };
}

type Handle = (req: Request, res: Response, callback?: (error?: unknown) => void) => void;

/** Express's own req.ip (proxy-addr with the app's 'trust proxy'), for a request not re-prototyped. */
function ipReader(app: Express): (req: Request) => string | undefined {
  let proto: object | null = (app as unknown as { request: object }).request;
  let getter: (() => string | undefined) | undefined;
  while (proto && !getter) {
    getter = Object.getOwnPropertyDescriptor(proto, 'ip')?.get as typeof getter;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  if (!getter) throw new Error('express request has no ip getter');
  const read = getter;
  return (req) => read.call(Object.assign(req, { app }));
}

export function serveFastRoute(app: Express, route: FastRoute, onError: ErrorRequestHandler): void {
  const expressHandle = (app as unknown as { handle: Handle }).handle.bind(app);
  const ipOf = ipReader(app);
  const methods = { [route.method.toLowerCase()]: true };
  // The params are decoded after the per-request layer, so that a malformed escape's 400 has
  // its request id, headers, log line and count, as from the router.
  const decodeParams: RequestHandler = (req, _res, next) => {
    const r = req as unknown as { rawParams: Record<string, string>; params: unknown };
    const decoded: Record<string, string> = {};
    try {
      for (const k in r.rawParams) decoded[k] = decodeURIComponent(r.rawParams[k] as string);
    } catch (error) {
      return next(error); // URIError: 400 bad_request, as from the router
    }
    r.params = decoded;
    next();
  };
  const chain = inSequence([route.before, decodeParams, route.handler]);
  (app as unknown as { handle: Handle }).handle = (req, res, callback) => {
    if (req.method !== route.method) return expressHandle(req, res, callback);
    const url = req.url;
    const q = url.indexOf('?');
    const params = route.match(q === -1 ? url : url.slice(0, q));
    if (!params) return expressHandle(req, res, callback);
    const fail = (error: unknown) => onError(error, req, res, () => undefined);
    // What the middlewares on this route read that Express would have set.
    const r = req as unknown as Record<string, unknown>;
    r.originalUrl = url;
    r.baseUrl = '';
    r.route = { path: route.path, methods };
    r.ip = ipOf(req);
    r.rawParams = params;
    const done = (error?: unknown) => {
      if (error !== undefined && error !== null) return fail(error);
      // The handler answers every request; a fall-through would be a bug: say not found.
      if (!res.headersSent) fail(new AppError('not_found', 'No such API route.'));
    };
    try {
      const result = chain(req, res, done) as unknown;
      if (result instanceof Promise) result.catch((error: unknown) => fail(error));
    } catch (error) {
      fail(error);
    }
  };
}
