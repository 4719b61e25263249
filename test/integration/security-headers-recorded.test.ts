/**
 * The security headers are recorded from helmet once at start (security.ts) instead of running
 * helmet per request: every response must still carry exactly what helmet itself sets.
 */
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmetMiddleware, securityHeaders } from '../../src/adapters/http/security.js';

const options = { mediaOrigins: ['wss://media.example.org', 'https://media.example.org'] };
const servers: Server[] = [];

async function serve(middleware: express.RequestHandler): Promise<string> {
  const app = express();
  app.disable('x-powered-by');
  app.use(middleware);
  app.get('/x', (_req, res) => {
    res.json({ ok: true });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/x`;
}

/** The response headers but those that differ per response. */
async function headersOf(url: string): Promise<Record<string, string>> {
  const res = await fetch(url);
  await res.text();
  const out: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!['date', 'etag', 'connection', 'keep-alive'].includes(name)) out[name] = value;
  });
  return out;
}

let recorded: string;
let helmetItself: string;
beforeAll(async () => {
  recorded = await serve(securityHeaders(options));
  helmetItself = await serve(helmetMiddleware(options));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

describe('security headers recorded from helmet', () => {
  it('sends exactly the headers helmet sends, name for name and value for value', async () => {
    const ours = await headersOf(recorded);
    const theirs = await headersOf(helmetItself);
    expect(Object.keys(theirs).length).toBeGreaterThan(10);
    expect(ours).toEqual(theirs);
    expect(ours['content-security-policy']).toContain('connect-src');
    expect(ours['content-security-policy']).toContain('wss://media.example.org');
  });
});
