/**
 * One access-log line per request, written when the response is done: the request id, method,
 * the path's shape (redactUrl: ids in paths are secrets), the status and the time taken. The
 * fields and messages are pino-http's ("request completed", "request errored" at error level for
 * 5xx, "request aborted" when the client went away first), but without its two child loggers,
 * wrapped request object and three listeners per request: one listener, one small object, one
 * pino call (so the logger's redaction and secret scrubbing still apply to every line).
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

export function accessLog(logger: Logger, redactUrl: (url: string) => string): RequestHandler {
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
      if (status >= 500) logger.error(line, 'request errored');
      else if (res.writableFinished) logger.info(line, 'request completed');
      else logger.info(line, 'request aborted');
    });
    next();
  };
}
