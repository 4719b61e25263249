/**
 * Several middlewares as one: each runs when the one before calls next(), an error skips the
 * rest (to the app's error handler), and the last one's next() goes on to the app's next layer.
 * Middlewares that run on every request cost one router layer this way instead of one each.
 */
import type { RequestHandler } from 'express';

export function inSequence(handlers: readonly RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let i = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) return next(error);
      const handler = handlers[i++];
      if (!handler) return next();
      try {
        // An async handler's rejection is an error too, as Express 5 treats it.
        const result = handler(req, res, step) as unknown;
        if (result instanceof Promise)
          result.catch((thrown: unknown) => next(thrown ?? new Error('rejected')));
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
