/**
 * Raw request bodies (a calendar to import, up to several MB), as express.raw gives them: a
 * Buffer in req.body. A body of a declared Content-Length and no Content-Encoding is copied
 * chunk by chunk into one buffer of that size as it arrives. express.raw (raw-body) collects
 * the chunks and joins them at the end: for a 5 MB import that join is one 5 MB copy into fresh
 * memory, whose page faults held the event loop 3-4 ms at once (and more under load, seen
 * holding joins behind it). Anything else (a compressed or chunked body) goes to express.raw
 * itself, with the same answers: 413 payload_too_large, and 400 for a body cut short.
 */
import express, { type RequestHandler } from 'express';
import { AppError } from '../../core/errors.js';
import { alreadyRead, readToEnd, tooLarge } from './read-body.js';

export interface RawBodyOptions {
  /** Largest body in bytes. */
  limit: number;
}

export function rawBody(options: RawBodyOptions): RequestHandler {
  const library = express.raw({ type: () => true, limit: options.limit });
  return (req, res, next) => {
    if (alreadyRead(req)) return next();
    const encoding = req.headers['content-encoding'];
    const declared = req.headers['content-length'];
    if ((encoding !== undefined && encoding !== 'identity') || declared === undefined) {
      return library(req, res, next);
    }
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0) return library(req, res, next);
    if (length > options.limit) {
      req.resume(); // let the rest go by, so the 413 can be read on a kept-alive connection
      return next(tooLarge());
    }
    const body = Buffer.allocUnsafe(length);
    let size = 0;
    readToEnd(
      req,
      (chunk) => {
        // Node's parser delivers no more than Content-Length bytes; this guards the copy anyway.
        if (size + chunk.length > length) {
          return new AppError('bad_request', 'The request body is longer than its Content-Length.');
        }
        chunk.copy(body, size);
        size += chunk.length;
        return undefined;
      },
      (error) => {
        if (error) return next(error);
        if (size !== length) {
          return next(
            new AppError('bad_request', 'The request body is shorter than its Content-Length.'),
          );
        }
        req.body = body;
        next();
      },
    );
  };
}
