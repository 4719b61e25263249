/**
 * One access-log line per request, written when the response is done: the request id, method,
 * the path's shape (redactUrl: ids in paths are secrets), the status and the time taken. The
 * fields and messages are pino-http's ("request completed", "request errored" at error level for
 * 5xx, "request aborted" when the client went away first), but without its two child loggers,
 * wrapped request object and three listeners per request: one listener, one small object, one
 * pino call.
 *
 * The line goes through its own pino instance on the same stream, without the app logger's
 * path redaction and secret scrubbing: every field is safe by construction (the URL is
 * redactUrl's shape, the request id is ours or a client's that does not look like a secret,
 * see app.ts), and those two passes were most of a join's logging cost.
 */
import type { RequestHandler } from 'express';
import { pino, symbols, type Logger } from 'pino';

/** A logger writing where `logger` writes, at its level, with nothing redacted or scrubbed. */
export function plainLoggerLike(logger: Logger): Logger {
  const stream = (logger as unknown as Record<symbol, pino.DestinationStream>)[symbols.streamSym];
  return pino({ level: logger.level }, stream);
}

export function accessLog(logger: Logger, redactUrl: (url: string) => string): RequestHandler {
  const plain = plainLoggerLike(logger);
  return (req, res, next) => {
    const started = Date.now();
    // 'close' comes after 'finish' for a response that was sent, and alone for an aborted one.
    res.once('close', () => {
      const status = res.statusCode;
      const line = {
        reqId: req.id,
        req: { id: req.id, method: req.method, url: redactUrl(req.originalUrl) },
        res: { statusCode: status },
        responseTime: Date.now() - started,
      };
      if (status >= 500) plain.error(line, 'request errored');
      else if (res.writableFinished) plain.info(line, 'request completed');
      else plain.info(line, 'request aborted');
    });
    next();
  };
}
