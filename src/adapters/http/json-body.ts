/**
 * JSON request bodies. The common case (application/json or application/*+json, UTF-8 or no
 * charset, no Content-Encoding) is read here: collect up to the limit, JSON.parse, done. That
 * is most of what body-parser's json() does, without its per-request stream plumbing
 * (raw-body, iconv-lite, type-is, on-finished), which measured as a good part of a join's CPU.
 * Anything else with a JSON type (a compressed or UTF-16 body, say) goes to body-parser
 * itself, so every body it accepted is still accepted, with the same answers.
 *
 * Answers are the ones errors.ts gives body-parser's: 400 invalid_json, 413 payload_too_large.
 */
import express, { type RequestHandler } from 'express';
import { AppError } from '../../core/errors.js';
import { alreadyRead, readToEnd, tooLarge } from './read-body.js';

export interface JsonBodyOptions {
  /** Largest body in bytes. */
  limit: number;
}

const JSON_TYPE = /^application\/(?:json|[^;\s/]+\+json)\s*(?:;|$)/i;
/** No parameters, or only charset=utf-8 (body-parser refuses "utf8" with 415: it gets those). */
const UTF8_OR_NONE = /^[^;]*(?:;\s*charset\s*=\s*(?:utf-8|"utf-8")\s*)?$/i;

export function jsonBody(options: JsonBodyOptions): RequestHandler {
  const library = express.json({
    limit: options.limit,
    strict: false,
    type: ['application/json', 'application/*+json'],
  });
  return (req, res, next) => {
    if (alreadyRead(req)) return next();
    const type = req.headers['content-type'];
    // No JSON type: no body to parse, as with body-parser (req.body stays undefined).
    if (type === undefined || !JSON_TYPE.test(type)) return next();
    const encoding = req.headers['content-encoding'];
    if ((encoding !== undefined && encoding !== 'identity') || !UTF8_OR_NONE.test(type)) {
      return library(req, res, next);
    }
    const length = req.headers['content-length'];
    if (length === undefined && req.headers['transfer-encoding'] === undefined) {
      return next(); // no body at all
    }
    if (length !== undefined && Number(length) > options.limit) {
      req.resume(); // let the rest go by, so the 413 can be read on a kept-alive connection
      return next(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    readToEnd(
      req,
      (chunk) => {
        size += chunk.length;
        if (size > options.limit) return tooLarge();
        chunks.push(chunk);
        return undefined;
      },
      (error) => {
        if (error) return next(error);
        const buffer = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        // A byte-order mark is not JSON, but body-parser (iconv-lite) drops it: so does this.
        const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
        if (text.length === 0) {
          req.body = {};
          return next();
        }
        try {
          req.body = JSON.parse(text) as unknown;
        } catch {
          return next(new AppError('invalid_json', 'The request body is not valid JSON.'));
        }
        next();
      },
    );
  };
}
