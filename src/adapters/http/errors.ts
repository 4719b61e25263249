/**
 * The one table from error code to HTTP status, and the Express error handler that uses it.
 * Unknown errors become a generic 500 and are logged whole; clients never see internals.
 */
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, type ErrorCode } from '../../core/errors.js';
import { sendJson } from './send-json.js';

export const STATUS: Readonly<Record<ErrorCode, number>> = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  calendar_invalid: 400,
  link_incomplete: 400,
  invalid_recurrence: 400,
  invalid_time_zone: 400,
  invalid_time_range: 400,
  invalid_public_key: 400,
  invalid_wrapped_key: 400,
  unauthorized: 401,
  forbidden: 403,
  links_disabled: 403,
  call_not_open: 403,
  guests_not_allowed: 403,
  browser_not_allowed: 403,
  not_found: 404,
  link_not_found: 404,
  conflict: 409,
  call_full: 409,
  link_revoked: 410,
  payload_too_large: 413,
  job_timeout: 413,
  job_memory: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  busy: 503,
  job_failed: 503,
};

export function sendError(res: Response, error: AppError): void {
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: error.code, message: error.message },
  };
  if (error.details) body.error.details = error.details;
  const retry = error.details?.retryAfterSeconds;
  if (typeof retry === 'number') res.setHeader('Retry-After', String(Math.ceil(retry)));
  // Written directly (send-json.ts): the fast route's plain responses take it too.
  sendJson(res, body, STATUS[error.code]);
}

/** Maps body-parser and similar library errors to our codes. */
function fromLibrary(error: unknown): AppError | undefined {
  const e = error as { type?: string; status?: number; expose?: boolean };
  if (e.type === 'entity.parse.failed')
    return new AppError('invalid_json', 'The request body is not valid JSON.');
  if (e.type === 'entity.too.large')
    return new AppError('payload_too_large', 'The request body is too large.');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    return new AppError('unsupported_media_type', 'The request body encoding is not supported.');
  }
  // A path with a malformed % escape (/j/%): the router cannot decode its parameters.
  if (error instanceof URIError) {
    return new AppError('bad_request', 'The address has a malformed % escape.');
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose) {
    return new AppError('bad_request', 'The request could not be read.');
  }
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const known = error instanceof AppError ? error : fromLibrary(error);
    if (res.headersSent) {
      logger.error({ err: error, reqId: req.id }, 'error after response started');
      return;
    }
    if (known) {
      if (STATUS[known.code] >= 500) logger.error({ err: error, reqId: req.id }, known.message);
      sendError(res, known);
      return;
    }
    logger.error({ err: error, reqId: req.id }, 'unhandled error');
    sendError(res, new AppError('internal', 'Something went wrong on our side. Please try again.'));
  };
}
