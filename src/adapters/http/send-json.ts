/**
 * A JSON answer written directly: Content-Type, Content-Length, the body. res.json() also
 * hashes the body for an ETag (and checks freshness against it), which nothing can use on a
 * POST or a no-store answer; on the join path that hash was measurable. Errors still go
 * through errors.ts.
 */
import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
