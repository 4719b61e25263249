/**
 * What the direct body readers (json-body.ts, raw-body.ts) share: whether a body was already
 * read, the 413 they answer, and reading a request to its end with the cases that end it early.
 */
import type { Request } from 'express';
import { AppError } from '../../core/errors.js';

export function tooLarge(): AppError {
  return new AppError('payload_too_large', 'The request body is too large.');
}

/**
 * Read once: a body already read (by these readers, flagged as body-parser 1 flagged it, or by
 * anything else, seen on the stream as body-parser 2 sees it: received whole and no longer
 * readable) is not waited for again. Received whole alone is not read: a small body can arrive
 * with its headers and still wait in the stream.
 */
export function alreadyRead(req: Request): boolean {
  return (req as { _body?: boolean })._body === true || (req.complete && !req.readable);
}

/**
 * Reads `req` to its end, handing each chunk to onChunk, and calls done once: with no error at
 * the end, with onChunk's error when it refuses one (the rest is let go by, so the answer can
 * be read on a kept-alive connection), or with a 400 when the stream fails or closes first
 * (the client went away: nobody reads the answer, but nothing must run on half a body).
 * Marks the body read.
 */
export function readToEnd(
  req: Request,
  onChunk: (chunk: Buffer) => AppError | undefined,
  done: (error?: AppError) => void,
): void {
  (req as { _body?: boolean })._body = true;
  let finished = false;
  const finish = (error?: AppError) => {
    if (finished) return;
    finished = true;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    req.off('close', onAborted);
    done(error);
  };
  const onData = (chunk: Buffer) => {
    const refused = onChunk(chunk);
    if (refused) {
      req.resume();
      finish(refused);
    }
  };
  const onEnd = () => finish();
  const onError = (error: Error) =>
    finish(new AppError('bad_request', 'The request could not be read.', { cause: error }));
  const onAborted = () => finish(new AppError('bad_request', 'The request was aborted.'));
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onError);
  req.on('close', onAborted);
}
