/**
 * inSequence: several middlewares run in order as one; an error (next(err), a synchronous
 * throw, an async handler's rejection) goes to the app's error handler and skips the rest.
 * Driven over real HTTP on loopback against a small Express app.
 */
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { errorHandler } from '../../src/adapters/http/errors.js';
import { inSequence } from '../../src/adapters/http/in-sequence.js';
import { createLogger } from '../../src/logger.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

interface Run {
  /** The order things ran in. */
  ran: string[];
  /** Errors on their way to the error handler, one per time it was reached. */
  errors: unknown[];
  get: (path?: string) => Promise<Response>;
}

/** An app: app.use(inSequence(handlers)), then GET /r answering, then the error handler. */
async function start(handlers: (ran: string[]) => RequestHandler[]): Promise<Run> {
  const ran: string[] = [];
  const errors: unknown[] = [];
  const app = express();
  app.use(inSequence(handlers(ran)));
  app.use((_req, _res, next) => {
    ran.push('next-layer');
    next();
  });
  app.get('/r', (req, res) => {
    ran.push('route');
    res.json({ seen: (req as { seen?: string[] }).seen ?? [] });
  });
  const record: ErrorRequestHandler = (error, _req, _res, next) => {
    errors.push(error);
    next(error);
  };
  app.use(record);
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  app.use(errorHandler(createLogger('silent', sink)));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  const port = (server.address() as { port: number }).port;
  return {
    ran,
    errors,
    get: (path = '/r') =>
      fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(5000) }),
  };
}

const step =
  (ran: string[], name: string): RequestHandler =>
  (req, _res, next) => {
    ran.push(name);
    const r = req as { seen?: string[] };
    (r.seen ??= []).push(name);
    next();
  };

const codeOf = async (res: Response) =>
  ((await res.json()) as { error?: { code?: string } }).error?.code;

describe('inSequence', () => {
  it('runs the middlewares in order on the same req, then the app’s next layer', async () => {
    const run = await start((ran) => [step(ran, 'a'), step(ran, 'b'), step(ran, 'c')]);
    const res = await run.get();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ seen: ['a', 'b', 'c'] });
    expect(run.ran).toEqual(['a', 'b', 'c', 'next-layer', 'route']);
    expect(run.errors).toEqual([]);
  });

  it('runs each middleware once per request, on every request', async () => {
    const run = await start((ran) => [step(ran, 'a'), step(ran, 'b')]);
    await run.get();
    await run.get();
    expect(run.ran).toEqual(['a', 'b', 'next-layer', 'route', 'a', 'b', 'next-layer', 'route']);
  });

  it('an empty sequence goes straight on', async () => {
    const run = await start(() => []);
    expect((await run.get()).status).toBe(200);
    expect(run.ran).toEqual(['next-layer', 'route']);
  });

  it('a middleware that answers ends it there: the rest and the app’s later layers do not run', async () => {
    const run = await start((ran) => [
      step(ran, 'a'),
      (_req, res) => {
        ran.push('answer');
        res.status(204).end();
      },
      step(ran, 'c'),
    ]);
    expect((await run.get()).status).toBe(204);
    expect(run.ran).toEqual(['a', 'answer']);
  });

  it('waits for a middleware that calls next later (asynchronously)', async () => {
    const run = await start((ran) => [
      (_req, _res, next) => {
        setTimeout(() => {
          ran.push('late');
          next();
        }, 20);
      },
      step(ran, 'b'),
    ]);
    expect((await run.get()).status).toBe(200);
    expect(run.ran).toEqual(['late', 'b', 'next-layer', 'route']);
  });

  it('an async middleware that resolves after calling next is fine', async () => {
    const run = await start((ran) => [
      async (_req, _res, next) => {
        await new Promise((r) => setTimeout(r, 5));
        ran.push('async');
        next();
      },
      step(ran, 'b'),
    ]);
    expect((await run.get()).status).toBe(200);
    expect(run.ran).toEqual(['async', 'b', 'next-layer', 'route']);
    expect(run.errors).toEqual([]);
  });

  it('next(null) is no error', async () => {
    const run = await start((ran) => [
      (_req, _res, next) => next(null as unknown as undefined),
      step(ran, 'b'),
    ]);
    expect((await run.get()).status).toBe(200);
    expect(run.ran).toEqual(['b', 'next-layer', 'route']);
  });

  it('nests: a sequence inside a sequence', async () => {
    const run = await start((ran) => [
      step(ran, 'a'),
      inSequence([step(ran, 'b1'), step(ran, 'b2')]),
      step(ran, 'c'),
    ]);
    expect(await (await run.get()).json()).toEqual({ seen: ['a', 'b1', 'b2', 'c'] });
  });
});

describe('inSequence: errors go to the error handler and skip the rest', () => {
  it('next(err): the AppError’s answer, and nothing after it runs', async () => {
    const run = await start((ran) => [
      step(ran, 'a'),
      (_req, _res, next) => next(new AppError('forbidden', 'No.')),
      step(ran, 'c'),
    ]);
    const res = await run.get();
    expect(res.status).toBe(403);
    expect(await codeOf(res)).toBe('forbidden');
    expect(run.ran).toEqual(['a']);
    expect(run.errors).toHaveLength(1);
  });

  it('regression: a synchronous throw is an error (not a crash, not a hang)', async () => {
    const run = await start((ran) => [
      step(ran, 'a'),
      () => {
        throw new AppError('bad_request', 'Thrown.');
      },
      step(ran, 'c'),
    ]);
    const res = await run.get();
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe('bad_request');
    expect(run.ran).toEqual(['a']);
    expect(run.errors).toHaveLength(1);
  });

  it('a synchronous throw in the first middleware', async () => {
    const run = await start((ran) => [
      () => {
        throw new Error('boom');
      },
      step(ran, 'b'),
    ]);
    const res = await run.get();
    expect(res.status).toBe(500);
    expect(await codeOf(res)).toBe('internal');
    expect(run.ran).toEqual([]);
  });

  it('regression: an async middleware’s rejection is an error, as Express 5 treats it', async () => {
    const run = await start((ran) => [
      step(ran, 'a'),
      async () => {
        await new Promise((r) => setTimeout(r, 5));
        throw new AppError('link_not_found', 'Gone.');
      },
      step(ran, 'c'),
    ]);
    const res = await run.get();
    expect(res.status).toBe(404);
    expect(await codeOf(res)).toBe('link_not_found');
    expect(run.ran).toEqual(['a']);
    expect(run.errors).toHaveLength(1);
  });

  it('an async middleware that rejects at once (before any await)', async () => {
    const run = await start((ran) => [
      async () => {
        throw new AppError('conflict', 'Now.');
      },
      step(ran, 'b'),
    ]);
    const res = await run.get();
    expect(res.status).toBe(409);
    expect(run.ran).toEqual([]);
  });

  it('a rejection without a reason is still an error (500), not a hang', async () => {
    const run = await start((ran) => [
      () => Promise.reject(undefined as unknown as Error),
      step(ran, 'b'),
    ]);
    const res = await run.get();
    expect(res.status).toBe(500);
    expect(await codeOf(res)).toBe('internal');
    expect(run.ran).toEqual([]);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toBeInstanceOf(Error);
  });

  it('an error from a middleware that calls next(err) asynchronously', async () => {
    const run = await start((ran) => [
      (_req, _res, next) => {
        setTimeout(() => next(new AppError('rate_limited', 'Later.')), 5);
      },
      step(ran, 'b'),
    ]);
    const res = await run.get();
    expect(res.status).toBe(429);
    expect(run.ran).toEqual([]);
  });

  it('an error after an async step: a later synchronous throw still reaches the handler once', async () => {
    const run = await start((ran) => [
      async (_req, _res, next) => {
        await new Promise((r) => setTimeout(r, 5));
        next();
      },
      () => {
        ran.push('thrower');
        throw new AppError('validation_failed', 'Bad.');
      },
      step(ran, 'c'),
    ]);
    const res = await run.get();
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe('validation_failed');
    expect(run.ran).toEqual(['thrower']);
    expect(run.errors).toHaveLength(1);
  });

  it('regression: a throw in a middleware reached from a timer callback’s next() is an error, not a crash', async () => {
    const run = await start((ran) => [
      (_req, _res, next) => {
        setTimeout(() => next(), 5);
      },
      () => {
        ran.push('thrower');
        throw new AppError('call_full', 'Full.');
      },
      step(ran, 'c'),
    ]);
    const res = await run.get();
    expect(res.status).toBe(409);
    expect(await codeOf(res)).toBe('call_full');
    expect(run.ran).toEqual(['thrower']);
    expect(run.errors).toHaveLength(1);
  });

  it('an error in a layer after the sequence is handled once, not run back through it', async () => {
    const ran: string[] = [];
    const errors: unknown[] = [];
    const app = express();
    app.use(inSequence([step(ran, 'a'), step(ran, 'b')]));
    app.get('/r', () => {
      ran.push('route');
      throw new AppError('not_found', 'Nope.');
    });
    app.use(((error, _req, _res, next) => {
      errors.push(error);
      next(error);
    }) as ErrorRequestHandler);
    app.use(errorHandler(createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }))));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    servers.push(server);
    const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/r`);
    expect(res.status).toBe(404);
    expect(ran).toEqual(['a', 'b', 'route']);
    expect(errors).toHaveLength(1);
  });

  it('as route handlers: an error skips the route’s own later handler too', async () => {
    const ran: string[] = [];
    const app = express();
    app.post(
      '/x',
      inSequence([
        step(ran, 'a'),
        (_req, _res, next) => next(new AppError('unauthorized', 'Who?')),
      ]),
      (_req, res) => {
        ran.push('handler');
        res.end();
      },
    );
    app.use(errorHandler(createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }))));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    servers.push(server);
    const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/x`, {
      method: 'POST',
    });
    expect(res.status).toBe(401);
    expect(ran).toEqual(['a']);
  });
});
